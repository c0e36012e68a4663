import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLabels } from "~/components/use-labels";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { CASE_SORTS, LIKELY_SPAM } from "~/modules/moderation/kinds";
import { countOpenCases, listCases } from "~/modules/moderation/queries.server";
import { CaseQueueQuerySchema } from "~/modules/moderation/validation";
import { REPORT_REASONS, REPORT_TARGETS } from "~/modules/reports/reasons";
import { pageTitleMeta } from "~/utils/meta";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "moderation" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "moderation");
  const { t } = await getRequestT(request);
  const query = CaseQueueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("moderation.title"), query, now: new Date().toISOString(), backlog: countOpenCases(context.db), ...listCases(context.db, query) };
}

/** The moderators' queue: one case per reported item, heaviest first, with what a decision needs. */
export default function ModerationQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { cases, hasNext, query, backlog, now } = useLoaderData<typeof loader>();
  const { once, fill } = useLabels();
  const labels = useMemo(() => ({ caseIdea: fill("moderation.caseIdea", "title"), caseComment: fill("moderation.caseComment", "title"), opened: fill("moderation.opened", "time") }), [fill]);
  const waited = backlog.oldestOpenedAt ? (new Date(now).getTime() - new Date(backlog.oldestOpenedAt).getTime()) / 1000 : 0;
  return (
    <section>
      <div className="page-head">
        <h1>{t("moderation.title")}</h1>
        <Link to="/moderation/log">{t("moderation.log.link")}</Link>
      </div>
      <p>
        {t("moderation.openCount", { count: backlog.open })} {backlog.open ? t("moderation.oldest", { wait: format.duration(waited) }) : null}
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("moderation.filters")}>
        <div className="field">
          <label htmlFor="sort">{t("moderation.sort.label")}</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {CASE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`moderation.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="reason">{t("moderation.reason")}</label>
          <select id="reason" name="reason" defaultValue={query.reason ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {REPORT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reports.reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type">{t("moderation.type")}</label>
          <select id="type" name="type" defaultValue={query.type ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {REPORT_TARGETS.map((r) => (
              <option key={r} value={r}>
                {t(`moderation.targets.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input type="checkbox" id="spam" name="spam" value="likely" defaultChecked={query.spam === "likely"} />
          <label htmlFor="spam">{t("moderation.likelySpamOnly", { points: LIKELY_SPAM })}</label>
        </div>
        <button type="submit" className="button">
          {t("ideas.list.apply")}
        </button>
      </Form>
      {cases.length === 0 ? <p>{t("moderation.empty")}</p> : null}
      <ol className="cases">
        {cases.map((c) => (
          <li key={c.id} className="card case">
            <h2>
              <Link to={`/moderation/cases/${c.id}`}>{c.targetType === "idea" ? labels.caseIdea(c.ideaTitle) : labels.caseComment(c.ideaTitle)}</Link>
            </h2>
            <p className="meta">
              {once(`moderation.kinds.${c.kind}`)} · {once("moderation.score", { score: format.number(c.score) })} · {once("moderation.reports", { count: c.reportCount })} · {labels.opened(format.dateTime(c.openedAt))}
              {c.hiddenKind ? <strong> · {once(`moderation.hiddenState.${c.hiddenKind}`)}</strong> : null}
              {c.spamScore >= LIKELY_SPAM ? <strong className="overdue"> · {once("moderation.likelySpam", { score: c.spamScore })}</strong> : c.spamScore > 0 ? ` · ${once("moderation.spamScore", { score: c.spamScore })}` : null}
            </p>
            <blockquote className="excerpt">{c.excerpt}</blockquote>
            {c.reasons.length ? (
              <p>
                {once("moderation.reasonsLabel")} {c.reasons.map((r) => once(`reports.reasons.${r}`)).join(", ")}
              </p>
            ) : null}
            {c.notes.length ? (
              <ul className="notes">
                {c.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            ) : null}
            {c.author ? (
              <p className="meta">
                {t("moderation.author", { name: shownName(c.author.name, t), since: format.date(c.author.since) })} · {once("moderation.prior", { count: c.author.priorOutcomes })}
                {c.author.silencedUntil && new Date(c.author.silencedUntil) > new Date(now) ? ` · ${t("moderation.silencedUntil", { time: format.dateTime(c.author.silencedUntil) })}` : null}
                {c.author.suspended ? ` · ${once("moderation.suspended")}` : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <Pager page={query.page} hasNext={hasNext} />
    </section>
  );
}
