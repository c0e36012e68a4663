import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocationMap } from "~/components/ideas/location-map";
import { StatusBadge } from "~/components/ideas/status-badge";
import { useRootData } from "~/root";
import { RoleBadge } from "~/components/role-badge";
import { FormAlert } from "~/components/ui/field";
import { Pager } from "~/components/ui/pagination";
import { getOptionalUser, requireUser } from "~/modules/auth/guards.server";
import { createComment } from "~/modules/comments/commands.server";
import { discussionPageOf, listBestArguments, listDiscussion } from "~/modules/comments/queries.server";
import { CommentCreateSchema } from "~/modules/comments/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { getIdea } from "~/modules/ideas/queries.server";
import { Markdown } from "~/modules/markdown/markdown";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { parseForm, refuse } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { PageQuerySchema } from "~/utils/page-query";
import { refusal } from "~/utils/respond.server";
import { ArgumentColumns } from "./arguments";
import { CommentForm, Threads } from "./discussion";
import { FollowButton, ReportIdeaForm, SupportWidget } from "./actions";

export const meta = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const user = await getOptionalUser(request);
  const found = getIdea(ideaId, user);
  if (!found) throw new Response("Not Found", { status: 404 });
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({
    title: found.idea.title,
    ...found,
    bodyHtml: renderMarkdown(found.idea.body),
    arguments: listBestArguments(ideaId, user, found.open),
    discussion: listDiscussion(ideaId, page, user, found.open),
    signedIn: !!user,
  });
}

/** Posting a comment or a reply; the other small actions have their own routes. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const submission = await parseForm(request, CommentCreateSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = await createComment(user, ideaId, submission.value);
  if (result.ok) {
    const page = discussionPageOf(result.id);
    return redirect(`/ideas/${ideaId}${page > 1 ? `?page=${page}` : ""}#comment-${result.id}`, { status: 303 });
  }
  if (result.error === "rateLimited") {
    const { t } = await getRequestT(request);
    return refuse(submission, { status: 429, formErrors: [t("errors.refused.rateLimitedFor", { seconds: result.retryAfterSeconds })] });
  }
  if (result.error === "tooDeep" || result.error === "closed") return refuse(submission, { status: 400, formErrors: [`errors.refused.${result.error}`] });
  throw refusal(result.error);
}

export default function IdeaPage() {
  const { t, i18n } = useTranslation();
  const { idea, photos, viewer, bodyHtml, arguments: best, discussion, signedIn } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  const map = useRootData()?.map;
  const [searchParams] = useSearchParams();
  return (
    <article className="idea">
      {searchParams.get("reported") ? <FormAlert tone="success" message={t("reports.thanks")} /> : null}
      {idea.hiddenAt ? <FormAlert message={t("ideas.page.hiddenNotice", { reason: idea.hiddenReason ?? "" })} /> : null}
      {idea.status === "withdrawn" ? <FormAlert message={t("ideas.page.withdrawnNotice")} /> : null}
      <header>
        <p className="meta">
          <StatusBadge status={idea.status} />
          {idea.categoryEn ? ` · ${fr ? idea.categoryFr : idea.categoryEn}` : ""}
          {idea.districtEn ? ` · ${fr ? idea.districtFr : idea.districtEn}` : ""}
        </p>
        <h1>{idea.title}</h1>
        <p className="meta">
          <Link to={`/users/${idea.authorId}`}>{idea.authorName}</Link> <RoleBadge role={idea.authorRole} /> · {formatDateTime(idea.createdAt, i18n.language)}
          {idea.editedAt ? ` · ${t("ideas.page.edited", { date: formatDateTime(idea.editedAt, i18n.language) })}` : ""}
        </p>
      </header>
      <div className="idea-layout">
        <div>
          <Markdown html={bodyHtml} className="prose" />
          {photos.length ? (
            <ul className="photos">
              {photos.map((p, i) => (
                <li key={p.fileName}>
                  <img src={`/uploads/${p.fileName}`} width={p.width} height={p.height} alt={t("ideas.page.photoAlt", { n: i + 1, title: idea.title })} loading="lazy" />
                </li>
              ))}
            </ul>
          ) : null}
          {map && idea.latitude !== null && idea.longitude !== null ? <LocationMap tiles={map} latitude={idea.latitude} longitude={idea.longitude} /> : null}
          <dl className="facts">
            {idea.estimatedCost !== null ? (
              <>
                <dt>{t("ideas.fields.estimatedCost")}</dt>
                <dd>{formatNumber(idea.estimatedCost, i18n.language)}</dd>
              </>
            ) : null}
            {idea.latitude !== null && idea.longitude !== null ? (
              <>
                <dt>{t("ideas.fields.location")}</dt>
                <dd>
                  {formatNumber(idea.latitude, i18n.language)}, {formatNumber(idea.longitude, i18n.language)}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <aside className="idea-side" aria-label={t("ideas.page.takePart")}>
          <SupportWidget ideaId={idea.id} upCount={idea.upCount} downCount={idea.downCount} myVote={viewer.myVote} enabled={viewer.canTakePart} signedIn={signedIn} />
          {signedIn && viewer.canTakePart ? <FollowButton ideaId={idea.id} following={viewer.following} /> : null}
          {viewer.canEdit ? (
            <p>
              <Link to={`/ideas/${idea.id}/edit`}>{t("ideas.page.edit")}</Link>
            </p>
          ) : null}
          {viewer.canWithdraw ? (
            <form method="post" action={`/ideas/${idea.id}/withdraw`}>
              <button type="submit" className="link-button">
                {t("ideas.page.withdraw")}
              </button>
            </form>
          ) : null}
          {signedIn && viewer.canTakePart ? <ReportIdeaForm ideaId={idea.id} /> : null}
        </aside>
      </div>

      <ArgumentColumns ideaId={idea.id} best={best} />

      <section aria-labelledby="discussion-heading" className="discussion">
        <h2 id="discussion-heading">{t("comments.discussion", { count: idea.commentCount })}</h2>
        {viewer.canTakePart ? <CommentForm ideaId={idea.id} /> : signedIn ? null : (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(`/ideas/${idea.id}`)}`}>{t("comments.signInToTakePart")}</Link>
          </p>
        )}
        <Threads threads={discussion.threads} ideaId={idea.id} page={discussion.page} />
        <Pager page={discussion.page} hasNext={discussion.hasNext} />
      </section>
    </article>
  );
}
