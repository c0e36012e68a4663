import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { getOptionalUser, requireUser } from "~/modules/auth/guards.server";
import { isInAudience } from "~/modules/auth/policy";
import { submitIdeaToCycle } from "~/modules/budgets/commands.server";
import { CYCLE_PROJECTS_PAGE } from "~/modules/budgets/kinds";
import { isPublished } from "~/modules/budgets/count.server";
import { getPublicCycle, listCycleProjectsPage } from "~/modules/budgets/queries.server";
import { SubmitIdeaSchema } from "~/modules/budgets/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { listOwnIdeasForBudget } from "~/modules/ideas/audience.server";
import { Markdown } from "~/modules/markdown/markdown";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const state = await getOptionalUser(request, context.db);
  const cycle = params.slug ? getPublicCycle(context.db, params.slug) : null;
  if (!cycle) notFound();
  const balloting = cycle.phase !== "collecting" && cycle.phase !== "reviewing";
  const url = new URL(request.url);
  const envelopeId = Number(url.searchParams.get("envelope")) || undefined;
  const page = Math.min(1000, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const listed = listCycleProjectsPage(context.db, cycle.id, { envelopeId: cycle.envelopes.some((e) => e.id === envelopeId) ? envelopeId : undefined, shortlistedOnly: balloting, page });
  return {
    title: cycle.name,
    cycle,
    ...listed,
    page,
    envelopeFilter: envelopeId ?? null,
    myIdeas: state && cycle.phase === "collecting" ? listOwnIdeasForBudget(context.db, state.id) : null,
    signedIn: !!state,
    published: isPublished(context.db, cycle.id),
    canReview: isInAudience(state, "council"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context.db);
  const cycle = params.slug ? getPublicCycle(context.db, params.slug) : null;
  if (!cycle) notFound();
  const parsed = SubmitIdeaSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), [i.message]])) as Record<string, string[]>, formError: null }, { status: 400 });
  const outcome = submitIdeaToCycle(context.db, user, { cycleId: cycle.id, ...parsed.data });
  if (!outcome.ok) return data({ fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome) }, { status: REFUSAL_STATUS[outcome.code] });
  return redirect(`/budgets/${cycle.slug}?submitted=1#projects`, { status: 303 });
}

/** A cycle's public page: what it is, where it stands, what to do now, and its projects (never a count while voting). */
export default function CyclePage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const { cycle, projects, total, page, envelopeFilter, myIdeas, signedIn, canReview, published } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const money = (n: number) => format.moneyIn(n, cycle.currency);
  const envelopeName = (id: number) => {
    const e = cycle.envelopes.find((x) => x.id === id);
    return envelopeLabel(e, i18n.language, t);
  };
  const base = `/budgets/${cycle.slug}`;
  return (
    <section>
      <p className="meta">
        <Link to="/budgets">{t("budgets.list.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{cycle.name}</h1>
        <span className="badge">{t(`budgets.phase.${cycle.phase}`)}</span>
      </div>
      <p>{t("budgets.cycle.total", { total: money(cycle.total) })}</p>
      <ol className="phase-dates">
        <li>{t("budgets.cycle.dates.collecting", { time: format.dateTime(cycle.collectingAt) })}</li>
        <li>{t("budgets.cycle.dates.reviewing", { time: format.dateTime(cycle.reviewingAt) })}</li>
        <li>{t("budgets.cycle.dates.voting", { time: format.dateTime(cycle.votingAt) })}</li>
        <li>{t(cycle.closedEarly ? "budgets.cycle.dates.closedEarly" : "budgets.cycle.dates.votingEnds", { time: format.dateTime(cycle.votingEndsAt) })}</li>
      </ol>
      <p>{t(`budgets.ballot.how.${cycle.method}`, { tokens: cycle.tokens, max: cycle.maxTokensPerProject ?? cycle.tokens, min: cycle.minApprovals, maxApprovals: cycle.maxApprovals })}</p>
      <p className="meta">{t(`budgets.cycle.rule.${cycle.winnerRule}`)}</p>

      <h2>{t("budgets.cycle.envelopes")}</h2>
      <ul className="envelope-list">
        {cycle.envelopes.map((e) => (
          <li key={e.id}>
            <strong>{envelopeName(e.id)}</strong>: {money(e.amount)}
            {cycle.phase !== "draft" && cycle.phase !== "collecting" && cycle.phase !== "reviewing" ? ` · ${t("budgets.cycle.ballotsCast", { count: e.ballots, formatted: format.number(e.ballots) })}` : null}
          </li>
        ))}
      </ul>

      <div className="card">
        <h2>{t("budgets.cycle.now")}</h2>
        {cycle.phase === "voting" ? (
          <>
            <p>{t("budgets.cycle.votingNow", { time: format.dateTime(cycle.votingEndsAt) })}</p>
            <Link to={signedIn ? `${base}/vote` : `/login?redirectTo=${encodeURIComponent(`${base}/vote`)}`} className="button">
              {t("budgets.cycle.vote")}
            </Link>
          </>
        ) : cycle.phase === "collecting" ? (
          <>
            <p>{t("budgets.cycle.collectingNow", { time: format.dateTime(cycle.reviewingAt) })}</p>
            {!signedIn ? (
              <Link to={`/login?redirectTo=${encodeURIComponent(base)}`}>{t("budgets.cycle.signInToSubmit")}</Link>
            ) : myIdeas && myIdeas.length > 0 ? (
              <Form method="post" className="inline-form">
                {result?.formError ? <FormAlert message={message(result.formError)} /> : null}
                <div className="field">
                  <label htmlFor="ideaId">{t("budgets.cycle.yourIdea")}</label>
                  <select id="ideaId" name="ideaId" defaultValue="">
                    <option value="">{t("budgets.cycle.chooseIdea")}</option>
                    {myIdeas.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.title}
                      </option>
                    ))}
                  </select>
                  <FieldErrors errors={result?.fieldErrors.ideaId} />
                </div>
                <div className="field">
                  <label htmlFor="envelopeId">{t("budgets.cycle.envelope")}</label>
                  <select id="envelopeId" name="envelopeId" defaultValue={cycle.envelopes[0]?.id}>
                    {cycle.envelopes.map((e) => (
                      <option key={e.id} value={e.id}>
                        {envelopeName(e.id)}
                      </option>
                    ))}
                  </select>
                  <FieldErrors errors={result?.fieldErrors.envelopeId} />
                </div>
                <button type="submit" className="button">
                  {t("budgets.cycle.submitIdea")}
                </button>
              </Form>
            ) : (
              <p>
                <Link to="/ideas/new">{t("budgets.cycle.postFirst")}</Link>
              </p>
            )}
          </>
        ) : published ? (
          <p>
            <Link to={`${base}/results`} className="button">
              {t("budgets.results.link")}
            </Link>
          </p>
        ) : (
          <p>{t(`budgets.cycle.phaseNow.${cycle.phase}`)}</p>
        )}
        {canReview && (cycle.phase === "collecting" || cycle.phase === "reviewing") ? (
          <p>
            <Link to={`${base}/review`}>{t("budgets.review.link")}</Link>
          </p>
        ) : null}
        {canReview && (cycle.phase === "voting" || cycle.phase === "tallied") ? (
          <p>
            <Link to={`${base}/paper`}>{t("budgets.paper.link")}</Link>
          </p>
        ) : null}
      </div>

      <h2 id="projects">{t(cycle.phase === "collecting" || cycle.phase === "reviewing" ? "budgets.cycle.submitted" : "budgets.cycle.onBallot", { count: total })}</h2>
      {cycle.envelopes.length > 1 ? (
        <Form method="get" className="filters" aria-label={t("budgets.cycle.envelopes")}>
          <div className="field">
            <label htmlFor="envelope-filter">{t("budgets.cycle.envelope")}</label>
            <select id="envelope-filter" name="envelope" defaultValue={envelopeFilter ?? ""}>
              <option value="">{t("budgets.cycle.allEnvelopes")}</option>
              {cycle.envelopes.map((e) => (
                <option key={e.id} value={e.id}>
                  {envelopeName(e.id)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            {t("ideas.list.apply")}
          </button>
        </Form>
      ) : null}
      <ul className="project-cards">
        {projects.map((p) => (
          <li key={p.id} className="card project-card">
            {p.photo ? <img src={`/uploads/${p.photo}`} alt="" width={320} height={180} loading="lazy" /> : null}
            <h3>
              <Link to={`/ideas/${p.ideaId}`}>{p.title}</Link>
            </h3>
            <p className="meta">
              {envelopeName(p.envelopeId)}
              {p.cost ? ` · ${t("budgets.ballot.cost", { cost: money(p.cost) })}` : null} · {t(`budgets.feasibility.${p.feasibility}`)}
            </p>
            {p.reviewNoteHtml ? <Markdown className="official" html={p.reviewNoteHtml} /> : null}
          </li>
        ))}
      </ul>
      <Pager page={page} hasNext={page * CYCLE_PROJECTS_PAGE < total} pageCount={Math.ceil(total / CYCLE_PROJECTS_PAGE)} />
    </section>
  );
}
