import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAudience } from "~/modules/auth/guards.server";
import { getReportableComment } from "~/modules/comments/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { Markdown } from "~/modules/markdown/markdown";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";
import { ReportFields } from "../ideas.$ideaId/actions";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

/** Reporting a comment on a page of its own keeps the idea page light: no form per comment. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "signedIn");
  const comment = getReportableComment(context.db, idParam(params.commentId));
  if (!comment) notFound();
  const { t } = await getRequestT(request);
  return { title: t("reports.reportComment"), comment };
}

export default function ReportCommentPage() {
  const { t } = useTranslation();
  const { comment } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("reports.reportCommentTitle", { name: shownName(comment.authorName, t) })}</h1>
      <blockquote>
        <Markdown html={comment.html} className="prose" />
      </blockquote>
      <form method="post" action={`/ideas/${comment.ideaId}/report`}>
        <ReportFields id={`report-comment-${comment.id}`} targetType="comment" targetId={comment.id} />
      </form>
      <p>
        <Link to={`/ideas/${comment.ideaId}#comment-${comment.id}`}>{t("actions.cancel")}</Link>
      </p>
    </section>
  );
}
