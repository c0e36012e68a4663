import { getFormProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/ui/field";
import { requireUser } from "~/modules/auth/guards.server";
import { editComment } from "~/modules/comments/commands.server";
import { getCommentForEditing } from "~/modules/comments/queries.server";
import { COMMENT_MAX, CommentEditSchema } from "~/modules/comments/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { parseForm, refuse } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { refusal } from "~/utils/respond.server";

export const meta = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const comment = getCommentForEditing(idParam(params.commentId), user);
  if (!comment) throw new Response("Not Found", { status: 404 });
  const { t } = await getRequestT(request);
  return json({ title: t("comments.editTitle"), comment });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const submission = await parseForm(request, CommentEditSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = editComment(user, idParam(params.commentId), submission.value.body);
  if (!result.ok) throw refusal(result.error);
  return redirect(`/ideas/${result.ideaId}#comment-${params.commentId}`, { status: 303 });
}

export default function EditCommentPage() {
  const { t } = useTranslation();
  const { comment } = useLoaderData<typeof loader>();
  const [form, fields] = useZodForm(CommentEditSchema, useActionData<typeof action>(), "edit-comment", { body: comment.body });
  return (
    <section className="narrow">
      <h1>{t("comments.editTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
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
