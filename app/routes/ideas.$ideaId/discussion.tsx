import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { STANCES } from "#db/schema/ideas";
import { RoleBadge } from "~/components/role-badge";
import { Field, FieldErrors } from "~/components/ui/field";
import type { PresentedComment } from "~/modules/comments/queries.server";
import { CommentCreateSchema, COMMENT_MAX } from "~/modules/comments/validation";
import { Markdown } from "~/modules/markdown/markdown";
import { formatDateTime } from "~/utils/format";
import { useZodForm } from "~/utils/forms";
import type { action } from "./route";
import { DeleteCommentButton, HelpfulButton } from "./actions";

type ThreadComment = PresentedComment & { replies: ThreadComment[] };

/** A comment or reply form; a refused submission comes back to the form it came from, text kept. */
export function CommentForm({ ideaId, parentId }: { ideaId: number; parentId?: number }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const mine = String(lastResult?.initialValue?.parentId ?? "") === String(parentId ?? "");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(CommentCreateSchema, mine ? lastResult : undefined, parentId ? `reply-${parentId}` : "comment");
  return (
    <Form method="post" action={parentId ? `/ideas/${ideaId}?replyTo=${parentId}` : `/ideas/${ideaId}`} {...getFormProps(form)} className="comment-form">
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

/**
 * One comment and its replies. Reply and report are links (a reply form opens only under the
 * comment being answered; reports have their own page), so a long discussion stays light.
 */
export function Thread({ comment, ideaId }: { comment: ThreadComment; ideaId: number }) {
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const replying = searchParams.get("replyTo") === String(comment.id);
  return (
    <li id={`comment-${comment.id}`} className={`comment stance-${comment.stance}`}>
      <article aria-label={t("comments.by", { name: comment.author?.name ?? t("comments.deletedAuthor") })}>
        <p className="meta">
          {comment.author ? (
            <>
              <Link to={`/users/${comment.author.id}`}>{comment.author.name}</Link> <RoleBadge role={comment.author.role} />
            </>
          ) : (
            t("comments.deletedAuthor")
          )}{" "}
          · {formatDateTime(comment.createdAt, i18n.language)}
          {comment.stance !== "none" ? <span className={`stance-tag stance-tag-${comment.stance}`}> {t(`comments.stances.${comment.stance}`)}</span> : null}
          {comment.editedAt ? ` · ${t("comments.edited")}` : ""}
        </p>
        {comment.state === "deleted" ? <p className="meta">{t("comments.deleted")}</p> : null}
        {comment.state === "hidden" ? <p className="meta">{comment.hiddenReason ? t("comments.hiddenWithReason", { reason: comment.hiddenReason }) : t("comments.hidden")}</p> : null}
        {comment.html ? <Markdown html={comment.html} className="prose" /> : null}
        {comment.state === "visible" ? (
          <div className="comment-actions">
            {comment.can.rate ? <HelpfulButton commentId={comment.id} rated={comment.ratedHelpful} count={comment.helpfulCount} /> : <span className="meta">{t("comments.helpful", { count: comment.helpfulCount })}</span>}
            {comment.can.edit ? (
              <>
                <Link to={`/comments/${comment.id}/edit`}>{t("comments.edit")}</Link>
                <DeleteCommentButton commentId={comment.id} />
              </>
            ) : null}
            {comment.can.reply ? (
              <Link to={`?replyTo=${comment.id}#replying-to-${comment.id}`} preventScrollReset>
                {t("comments.reply")}
              </Link>
            ) : null}
            {comment.can.rate ? <Link to={`/comments/${comment.id}/report`}>{t("reports.reportComment")}</Link> : null}
          </div>
        ) : null}
        {comment.can.reply && replying ? (
          <div className="reply" id={`replying-to-${comment.id}`}>
            <CommentForm ideaId={ideaId} parentId={comment.id} />
          </div>
        ) : null}
      </article>
      {comment.replies.length ? (
        <ol className="thread">
          {comment.replies.map((r) => (
            <Thread key={r.id} comment={r} ideaId={ideaId} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
