import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAudience } from "~/modules/auth/guards.server";
import { deleteComment } from "~/modules/comments/commands.server";
import { getCommentForEditing } from "~/modules/comments/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { Markdown } from "~/modules/markdown/markdown";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound, refusalResponse } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

/** Deleting a comment asks first, on a page of its own, so it works the same without JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const comment = getCommentForEditing(context.db, idParam(params.commentId), user);
  if (!comment) notFound();
  const { t } = await getRequestT(request);
  return { title: t("comments.deleteTitle"), comment: { id: comment.id, ideaId: comment.ideaId, html: renderMarkdown(comment.body) } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const commentId = idParam(params.commentId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  await readForm(request);
  const result = deleteComment(context.db, user, commentId);
  if (!result.ok) throw refusalResponse(result);
  return redirect(`/ideas/${result.value.ideaId}#comment-${commentId}`, { status: 303 });
}

export default function DeleteCommentPage() {
  const { t } = useTranslation();
  const { comment } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("comments.deleteTitle")}</h1>
      <p>{t("comments.deleteQuestion")}</p>
      <blockquote>
        <Markdown html={comment.html} className="prose" />
      </blockquote>
      <Form method="post" className="inline-form">
        <button type="submit" className="button button-danger">
          {t("comments.deleteConfirm")}
        </button>
        <Link to={`/ideas/${comment.ideaId}#comment-${comment.id}`}>{t("actions.cancel")}</Link>
      </Form>
    </section>
  );
}
