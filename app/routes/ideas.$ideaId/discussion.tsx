import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ReviewRequest } from "~/components/moderation/review-request";
import { RoleBadge } from "~/components/role-badge";
import { Field, FieldErrors } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import type { PresentedComment } from "~/modules/comments/queries.server";
import { STANCES } from "~/modules/comments/stances";
import { CommentCreateSchema, COMMENT_MAX } from "~/modules/comments/validation";
import { Markdown } from "~/modules/markdown/markdown";
import { useZodForm } from "~/utils/forms";
import type { action } from "./route";
import { DeleteCommentLink, HelpfulButton } from "./actions";
import { shownName } from "~/modules/users/names";

type ThreadComment = PresentedComment & { replies: ThreadComment[] };

/** A comment or reply form; a refused submission comes back to the form it came from, text kept. */
export function CommentForm({ ideaId, parentId, page = 1 }: { ideaId: number; parentId?: number; page?: number }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const mine = String(lastResult?.initialValue?.parentId ?? "") === String(parentId ?? "");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useZodForm(CommentCreateSchema, mine ? lastResult : undefined, parentId ? `reply-${parentId}` : "comment");
  const formRef = useRef<HTMLFormElement>(null);
  // Once this form's own post went through (the page moved on to the new comment, with no
  // error sent back), it starts empty again: no double post, no stance carried over.
  const sending = useRef(false);
  const submittedHere = navigation.state === "submitting" && navigation.formData?.get("parentId") === (parentId === undefined ? null : String(parentId));
  useEffect(() => {
    if (submittedHere) sending.current = true;
    else if (navigation.state === "idle" && sending.current) {
      sending.current = false;
      if (!(mine && lastResult)) formRef.current?.reset();
    }
  }, [submittedHere, navigation.state, mine, lastResult]);
  return (
    <Form ref={formRef} method="post" action={parentId ? `/ideas/${ideaId}?page=${page}&replyTo=${parentId}` : `/ideas/${ideaId}`} {...getFormProps(form)} className="comment-form">
      <FieldErrors id={form.errorId} errors={form.errors} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <Field id={fields.body.id} label={parentId ? t("comments.replyLabel") : t("comments.bodyLabel")} errors={fields.body.errors} errorId={fields.body.errorId} hint={t("comments.markdownHint")} hintId={`${fields.body.id}-hint`}>
        <textarea {...getTextareaProps(fields.body)} rows={parentId ? 3 : 5} maxLength={COMMENT_MAX} />
      </Field>
      {parentId ? null : (
        <fieldset className="stance">
          <legend>{t("comments.stance")}</legend>
          {STANCES.map((s) => (
            <label key={s}>
              <input type="radio" name="stance" value={s} defaultChecked={(fields.stance.initialValue ?? "none") === s} /> {t(`comments.stances.${s}`)}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button" disabled={busy}>
        {parentId ? t("comments.sendReply") : t("comments.send")}
      </button>
    </Form>
  );
}

/** The discussion's fixed words, translated once per page rather than once per comment. */
function useThreadLabels() {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    const helpful = new Map<number, string>();
    return {
      dateTime: format.dateTime,
      deletedAuthor: t("comments.deletedAuthor"),
      name: (name: string) => shownName(name, t),
      stances: { for: t("comments.stances.for"), against: t("comments.stances.against"), none: "" },
      edited: t("comments.edited"),
      deleted: t("comments.deleted"),
      hidden: t("comments.hidden"),
      hiddenWithReason: (reason: string) => t("comments.hiddenWithReason", { reason }),
      hiddenPending: t("comments.hiddenPending"),
      ownHidden: t("comments.ownHidden"),
      edit: t("comments.edit"),
      delete: t("comments.delete"),
      reply: t("comments.reply"),
      report: t("reports.reportComment"),
      helpful: (count: number) => {
        let label = helpful.get(count);
        if (label === undefined) helpful.set(count, (label = t("comments.helpful", { count })));
        return label;
      },
    };
  }, [t, format]);
}

type ThreadLabels = ReturnType<typeof useThreadLabels>;

/** The list of threads of one discussion page. */
export function Threads({ threads, ideaId, page }: { threads: ThreadComment[]; ideaId: number; page: number }) {
  const labels = useThreadLabels();
  const [searchParams] = useSearchParams();
  const replyTo = Number(searchParams.get("replyTo")) || null;
  return (
    <ol className="thread">
      {threads.map((c) => (
        <Thread key={c.id} comment={c} ideaId={ideaId} labels={labels} replyTo={replyTo} page={page} />
      ))}
    </ol>
  );
}

/**
 * One comment and its replies. Reply and report are plain links (a reply form opens only under
 * the comment being answered; reports have their own page), so a long discussion stays light to
 * send and to render.
 */
function Thread({ comment, ideaId, labels, replyTo, page }: { comment: ThreadComment; ideaId: number; labels: ThreadLabels; replyTo: number | null; page: number }) {
  return (
    <li id={`comment-${comment.id}`} className={`comment stance-${comment.stance}`}>
      <article>
        <p className="meta">
          {comment.author ? (
            <>
              <a href={`/users/${comment.author.id}`}>{labels.name(comment.author.name)}</a> <RoleBadge role={comment.author.role} />
            </>
          ) : (
            labels.deletedAuthor
          )}{" "}
          · {labels.dateTime(comment.createdAt)}
          {comment.stance !== "none" ? <span className={`stance-tag stance-tag-${comment.stance}`}> {labels.stances[comment.stance]}</span> : null}
          {comment.editedAt ? ` · ${labels.edited}` : ""}
        </p>
        {comment.state === "deleted" ? <p className="meta">{labels.deleted}</p> : null}
        {comment.state === "hidden" ? (
          <div className="meta">
            <p>{comment.hiddenKind === "auto" ? labels.hiddenPending : comment.hiddenReason ? labels.hiddenWithReason(comment.hiddenReason) : labels.hidden}</p>
            {comment.ownHidden ? (
              // A div, not a p: the review button is a form, which a paragraph cannot hold.
              <div>
                {labels.ownHidden} <ReviewRequest targetKey={`comment:${comment.id}`} returnTo={`/ideas/${ideaId}?page=${page}#comment-${comment.id}`} />
              </div>
            ) : null}
          </div>
        ) : null}
        {comment.html ? <Markdown html={comment.html} className="prose" /> : null}
        {comment.state === "visible" ? (
          <div className="comment-actions">
            {comment.can.rate ? <HelpfulButton commentId={comment.id} rated={comment.ratedHelpful} count={comment.helpfulCount} /> : <span className="meta">{labels.helpful(comment.helpfulCount)}</span>}
            {comment.can.edit ? (
              <>
                <a href={`/comments/${comment.id}/edit`}>{labels.edit}</a>
                <DeleteCommentLink commentId={comment.id} label={labels.delete} />
              </>
            ) : null}
            {comment.can.reply ? (
              <Link to={`?page=${page}&replyTo=${comment.id}#replying-to-${comment.id}`} preventScrollReset>
                {labels.reply}
              </Link>
            ) : null}
            {comment.can.rate ? <a href={`/comments/${comment.id}/report`}>{labels.report}</a> : null}
          </div>
        ) : null}
        {comment.can.reply && replyTo === comment.id ? (
          <div className="reply" id={`replying-to-${comment.id}`}>
            <CommentForm ideaId={ideaId} parentId={comment.id} page={page} />
          </div>
        ) : null}
      </article>
      {comment.replies.length ? (
        <ol className="thread">
          {comment.replies.map((r) => (
            <Thread key={r.id} comment={r} ideaId={ideaId} labels={labels} replyTo={replyTo} page={page} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
