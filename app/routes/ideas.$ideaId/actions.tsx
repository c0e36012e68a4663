import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/components/use-message";
import { REPORT_REASONS } from "~/modules/reports/reasons";

type SupportReply = { upCount: number; downCount: number; myVote: "up" | "down" | "none" };
/** What a refused small action answers a fetcher (app/utils/respond.server.ts). */
type Refused = { error: string };

/** The reply if the action succeeded; a refusal is shown by ActionError instead. */
function succeeded<T extends object>(data: T | undefined): Exclude<T, { error: string }> | undefined {
  return data && !("error" in data) ? (data as Exclude<T, { error: string }>) : undefined;
}

function ActionError({ data }: { data: object | undefined }) {
  const message = useMessage();
  if (!data || !("error" in data) || typeof data.error !== "string") return null;
  return (
    <p role="alert" className="field-errors">
      {message(data.error)}
    </p>
  );
}

/**
 * Support up or down; pressing the chosen button again withdraws the vote. With JavaScript the
 * counts change in place (optimistically); without it the same form posts and comes back.
 */
export function SupportWidget(props: { ideaId: number; upCount: number; downCount: number; myVote: "up" | "down" | "none"; enabled: boolean; signedIn: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<SupportReply | Refused>();
  const reply = succeeded(fetcher.data);
  const pending = fetcher.formData?.get("value") as SupportReply["myVote"] | undefined;
  const myVote = pending ?? reply?.myVote ?? props.myVote;
  const base = reply ?? props;
  const up = pending ? props.upCount - (props.myVote === "up" ? 1 : 0) + (pending === "up" ? 1 : 0) : base.upCount;
  const down = pending ? props.downCount - (props.myVote === "down" ? 1 : 0) + (pending === "down" ? 1 : 0) : base.downCount;
  return (
    <section className="support" aria-labelledby="support-heading">
      <h2 id="support-heading">{t("ideas.support.title")}</h2>
      <p aria-live="polite" className="support-counts">
        {t("ideas.support.counts", { up, down })}
      </p>
      {props.enabled ? (
        <fetcher.Form method="post" action={`/ideas/${props.ideaId}/support`} className="inline-form">
          <button type="submit" name="value" value={myVote === "up" ? "none" : "up"} className="button" aria-pressed={myVote === "up"}>
            {myVote === "up" ? t("ideas.support.withdrawUp") : t("ideas.support.up")}
          </button>
          <button type="submit" name="value" value={myVote === "down" ? "none" : "down"} className="button button-secondary" aria-pressed={myVote === "down"}>
            {myVote === "down" ? t("ideas.support.withdrawDown") : t("ideas.support.down")}
          </button>
          <ActionError data={fetcher.data} />
        </fetcher.Form>
      ) : !props.signedIn ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/ideas/${props.ideaId}`)}`}>{t("ideas.support.signIn")}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function FollowButton({ ideaId, following }: { ideaId: number; following: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ following: boolean } | Refused>();
  const pending = fetcher.formData?.get("follow");
  const now = pending ? pending === "yes" : (succeeded(fetcher.data)?.following ?? following);
  return (
    <fetcher.Form method="post" action={`/ideas/${ideaId}/follow`}>
      <button type="submit" name="follow" value={now ? "no" : "yes"} className="button button-secondary" aria-pressed={now}>
        {now ? t("ideas.follow.following") : t("ideas.follow.follow")}
      </button>
      <ActionError data={fetcher.data} />
    </fetcher.Form>
  );
}

/** The reason and note of a report, and its submit button; used inline and on the comment report page. */
export function ReportFields({ id, targetType, targetId }: { id: string; targetType: "idea" | "comment"; targetId: number }) {
  const { t } = useTranslation();
  return (
    <>
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("reports.reason")}</label>
        <select id={`${id}-reason`} name="reason" required defaultValue="">
          <option value="" disabled>
            {t("reports.chooseReason")}
          </option>
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reports.reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("reports.note")}</label>
        <textarea id={`${id}-note`} name="note" maxLength={1000} rows={2} />
      </div>
      <button type="submit" className="button button-small">
        {t("reports.send")}
      </button>
    </>
  );
}

/** Reporting the idea: a disclosure keeps the form out of the way until wanted. */
export function ReportIdeaForm({ ideaId }: { ideaId: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ reported: boolean } | Refused>();
  if (succeeded(fetcher.data)?.reported) {
    return (
      <p role="status" className="meta">
        {t("reports.thanks")}
      </p>
    );
  }
  return (
    <details className="report">
      <summary>{t("reports.reportIdea")}</summary>
      <fetcher.Form method="post" action={`/ideas/${ideaId}/report`}>
        <ReportFields id={`report-idea-${ideaId}`} targetType="idea" targetId={ideaId} />
        <ActionError data={fetcher.data} />
      </fetcher.Form>
    </details>
  );
}

export function HelpfulButton({ commentId, rated, count }: { commentId: number; rated: boolean; count: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ helpfulCount: number; rated: boolean } | Refused>();
  const reply = succeeded(fetcher.data);
  const pending = fetcher.formData?.get("helpful");
  const isRated = pending ? pending === "yes" : (reply?.rated ?? rated);
  const shown = pending ? count - (rated ? 1 : 0) + (isRated ? 1 : 0) : (reply?.helpfulCount ?? count);
  return (
    <fetcher.Form method="post" action={`/comments/${commentId}/rate`} className="inline">
      <button type="submit" name="helpful" value={isRated ? "no" : "yes"} className="link-button" aria-pressed={isRated}>
        {t("comments.helpful", { count: shown })}
      </button>
      <ActionError data={fetcher.data} />
    </fetcher.Form>
  );
}

/** Deleting asks first: the link opens a confirmation page (the same with or without JavaScript). */
export function DeleteCommentLink({ commentId, label }: { commentId: number; label: string }) {
  return <a href={`/comments/${commentId}/delete`}>{label}</a>;
}
