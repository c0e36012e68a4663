import { getFormProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { editComment } from "~/modules/comments/commands.server";
import { getCommentForEditing } from "~/modules/comments/queries.server";
import { COMMENT_MAX, CommentEditSchema } from "~/modules/comments/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const comment = getCommentForEditing(context.db, idParam(params.commentId), user);
  if (!comment) notFound();
  const { t } = await getRequestT(request);
  return { title: t("comments.editTitle"), comment };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const commentId = idParam(params.commentId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const submission = await parseForm(request, CommentEditSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const result = editComment(context.db, user, commentId, submission.value.body);
  if (!result.ok) return refuseWithOutcome(submission, result);
  return redirect(`/ideas/${result.value.ideaId}#comment-${commentId}`, { status: 303 });
}

export default function EditCommentPage() {
  const { t } = useTranslation();
  const { comment } = useLoaderData<typeof loader>();
  const [form, fields] = useZodForm(CommentEditSchema, useActionData<typeof action>(), "edit-comment", { body: comment.body });
  return (
    <section className="narrow">
      <h1>{t("comments.editTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <Field id={fields.body.id} label={t("comments.bodyLabel")} errors={fields.body.errors} errorId={fields.body.errorId}>
          <textarea {...getTextareaProps(fields.body)} rows={8} maxLength={COMMENT_MAX} />
        </Field>
        <button type="submit" className="button">
          {t("actions.save")}
        </button>{" "}
        <Link to={`/ideas/${comment.ideaId}#comment-${comment.id}`}>{t("actions.cancel")}</Link>
      </Form>
    </section>
  );
}
