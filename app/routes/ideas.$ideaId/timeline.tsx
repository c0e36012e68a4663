import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { RoleBadge } from "~/components/role-badge";
import { useFormat } from "~/components/use-format";
import type { TimelineEntry } from "~/modules/ideas/timeline.server";
import { Markdown } from "~/modules/markdown/markdown";
import { shownName } from "~/modules/users/names";

const isAnswer = (e: TimelineEntry) => (e.kind === "status_changed" || e.kind === "responded") && e.bodyHtml;

/** The city's official responses, newest first: each a distinct block with who, which department and when. */
export function OfficialResponses({ timeline }: { timeline: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const answers = timeline.filter(isAnswer).reverse();
  if (answers.length === 0) return null;
  const fr = i18n.language === "fr";
  return (
    <section className="official" aria-labelledby="official-heading">
      <h2 id="official-heading">{t("timeline.officialTitle")}</h2>
      {answers.map((a) => (
        <article key={a.id} id={`response-${a.id}`} className="official-response">
          <p className="meta">
            {a.toStatus && a.kind === "status_changed" ? (
              <>
                <StatusBadge status={a.toStatus} />{" "}
              </>
            ) : null}
            {t("timeline.answeredBy", { name: a.actorName ? shownName(a.actorName, t) : t("timeline.formerStaff"), department: (fr ? a.departmentFr : a.departmentEn) ?? t("timeline.cityStaff") })}{" "}
            {a.actorRole ? <RoleBadge role={a.actorRole} /> : null} · <time dateTime={a.createdAt}>{format.dateTime(a.createdAt)}</time>
          </p>
          <Markdown html={a.bodyHtml!} className="prose" />
        </article>
      ))}
    </section>
  );
}

/** Everything that happened to the idea, oldest first. */
export function Timeline({ timeline }: { timeline: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const fr = i18n.language === "fr";
  if (timeline.length === 0) return null;
  const department = (e: TimelineEntry) => (fr ? e.departmentFr : e.departmentEn) ?? t("timeline.cityStaff");
  const other = (e: TimelineEntry) => (e.otherIdeaTitle ? <Link to={`/ideas/${e.otherIdeaId}`}>{e.otherIdeaTitle}</Link> : t("timeline.anotherIdea"));
  const line = (e: TimelineEntry) => {
    switch (e.kind) {
      case "posted":
        return t("timeline.posted", { name: e.actorName ? shownName(e.actorName, t) : t("comments.deletedAuthor") });
      case "edited":
        return t("timeline.edited");
      case "routed":
        return t("timeline.routed", { department: department(e) });
      case "reassigned":
        return t("timeline.reassigned", { department: department(e) });
      case "status_changed":
        return t("timeline.statusChanged", { from: t(`ideas.status.${e.fromStatus}`), to: t(`ideas.status.${e.toStatus}`), department: department(e) });
      case "responded":
        return t("timeline.responded", { department: department(e) });
      case "merged":
        return <>{t("timeline.merged")} {other(e)}</>;
      case "merged_in":
        return <>{t("timeline.mergedIn")} {other(e)}</>;
      case "unmerged":
        return <>{t("timeline.unmerged")} {other(e)}</>;
      case "hidden":
        return e.reason ? t("timeline.hiddenWithReason", { reason: e.reason }) : t("timeline.hiddenPending");
      case "restored":
        return t("timeline.restored");
    }
  };
  return (
    <section aria-labelledby="timeline-heading" id="timeline" className="timeline">
      <h2 id="timeline-heading">{t("timeline.title")}</h2>
      <ol>
        {timeline.map((e) => (
          <li key={e.id}>
            <time dateTime={e.createdAt} className="meta">
              {format.date(e.createdAt)}
            </time>{" "}
            {line(e)}
            {isAnswer(e) ? (
              <>
                {" "}
                <a href={`#response-${e.id}`}>{t("timeline.readAnswer")}</a>
              </>
            ) : null}
            {(e.kind === "reassigned" || e.kind === "merged" || e.kind === "merged_in") && e.bodyHtml ? <Markdown html={e.bodyHtml} className="prose note" /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
