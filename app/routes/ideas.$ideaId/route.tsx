import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocationMap } from "~/components/ideas/location-map";
import {
  ReviewableContext,
  ReviewRequest,
} from "~/components/moderation/review-request";
import { StatusBadge } from "~/components/ideas/status-badge";
import { RoleBadge } from "~/components/role-badge";
import { FormAlert } from "~/components/ui/field";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { getOptionalUser, requireAudience } from "~/modules/auth/guards.server";
import { createComment } from "~/modules/comments/commands.server";
import {
  discussionPageOf,
  listBestArguments,
  listDiscussion,
} from "~/modules/comments/queries.server";
import { CommentCreateSchema } from "~/modules/comments/validation";
import { canAnswerIdea, canMergeIdeas } from "~/modules/ideas/policy";
import { getHiddenIdeaNotice, getIdea } from "~/modules/ideas/queries.server";
import { listReviewableDecisions } from "~/modules/moderation/queries.server";
import { loadStaffScope } from "~/modules/ideas/staff-scope.server";
import { listTimeline } from "~/modules/ideas/timeline.server";
import { Markdown } from "~/modules/markdown/markdown";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { useRootData } from "~/root";
import {
  encodeMessage,
  parseForm,
  refuseForm,
  refuseWithOutcome,
} from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";
import { idParam } from "~/utils/params";
import { notFound, redirectToAnchor } from "~/utils/respond.server";
import { FollowButton, ReportIdeaForm, SupportWidget } from "./actions";
import { ArgumentColumns } from "./arguments";
import { CommentForm, Threads } from "./discussion";
import { OfficialResponses, Timeline } from "./timeline";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

/** A hidden idea is gone for the public (410) with the moderator's public reason in its place. */
function hiddenOrNotFound(
  db: Parameters<typeof getIdea>[0],
  ideaId: number
): never {
  const notice = getHiddenIdeaNotice(db, ideaId);
  if (!notice) notFound();
  const message =
    notice.kind === "auto"
      ? { message: "ideas.page.hiddenPendingPublic" }
      : {
          message: "ideas.page.hiddenPublic",
          params: { reason: notice.reason },
        };
  throw new Response(encodeMessage(message), {
    status: 410,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const user = await getOptionalUser(request, context.db);
  const found = getIdea(context.db, ideaId, user);
  if (!found) hiddenOrNotFound(context.db, ideaId);
  const { page } = PageQuerySchema.parse(
    Object.fromEntries(new URL(request.url).searchParams)
  );
  return {
    title: found.idea.title,
    ...found,
    bodyHtml: renderMarkdown(found.idea.body),
    arguments: listBestArguments(context.db, ideaId, user, found.open),
    discussion: listDiscussion(context.db, ideaId, page, user, found.open),
    timeline: listTimeline(context.db, ideaId),
    // The reader's own hidden idea or comments here that they may ask to have reviewed.
    reviewable: user ? listReviewableDecisions(context.db, user.id) : {},
    staff: {
      canAnswer:
        user?.role === "council" || user?.role === "admin"
          ? canAnswerIdea(loadStaffScope(context.db, user), found.idea)
          : false,
      canMerge:
        canMergeIdeas(user) &&
        (found.idea.status === "published" ||
          found.idea.status === "under_review" ||
          found.idea.status === "merged"),
    },
    signedIn: !!user,
  };
}

/** Posting a comment or a reply; the other small actions have their own routes. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const submission = await parseForm(request, CommentCreateSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const result = await createComment(
    context.db,
    user,
    ideaId,
    submission.value
  );
  if (!result.ok) return refuseWithOutcome(submission, result);
  const page = discussionPageOf(context.db, result.value.id);
  return redirectToAnchor(
    `/ideas/${ideaId}${page > 1 ? `?page=${page}` : ""}#comment-${
      result.value.id
    }`
  );
}

export default function IdeaPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const {
    idea,
    photos,
    viewer,
    bodyHtml,
    arguments: best,
    discussion,
    timeline,
    staff,
    signedIn,
    reviewable,
  } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  const map = useRootData()?.map;
  const [searchParams] = useSearchParams();
  return (
    <ReviewableContext.Provider value={reviewable}>
      <article className="idea">
        {searchParams.get("reported") ? (
          <FormAlert tone="success" message={t("reports.thanks")} />
        ) : null}
        {idea.hiddenAt ? (
          <div className="alert" role="alert">
            <p>
              {idea.hiddenKind === "auto"
                ? t("ideas.page.hiddenPendingNotice")
                : idea.hiddenKind === "needs_changes"
                ? t("ideas.page.needsChangesNotice", {
                    reason: idea.hiddenReason ?? "",
                  })
                : t("ideas.page.hiddenNotice", {
                    reason: idea.hiddenReason ?? "",
                  })}
            </p>
            <ReviewRequest
              targetKey={`idea:${idea.id}`}
              returnTo={`/ideas/${idea.id}`}
            />
          </div>
        ) : null}
        {idea.status === "withdrawn" ? (
          <FormAlert message={t("ideas.page.withdrawnNotice")} />
        ) : null}
        {idea.status === "merged" ? (
          <p className="alert alert-info" role="status">
            {t("ideas.page.mergedNotice")}{" "}
            {idea.mergedIntoTitle ? (
              <Link to={`/ideas/${idea.mergedIntoId}`}>
                {idea.mergedIntoTitle}
              </Link>
            ) : (
              t("timeline.anotherIdea")
            )}
          </p>
        ) : null}
        <header>
          <p className="meta">
            <StatusBadge status={idea.status} />
            {idea.categoryEn
              ? ` · ${fr ? idea.categoryFr : idea.categoryEn}`
              : ""}
            {idea.districtEn
              ? ` · ${fr ? idea.districtFr : idea.districtEn}`
              : ""}
            {idea.departmentEn
              ? ` · ${t("ideas.page.department", {
                  department: fr ? idea.departmentFr : idea.departmentEn,
                })}`
              : ""}
          </p>
          <h1>{idea.title}</h1>
          <p className="meta">
            <Link to={`/users/${idea.authorId}`}>{shownName(idea.authorName, t)}</Link>{" "}
            <RoleBadge role={idea.authorRole} /> ·{" "}
            {format.dateTime(idea.createdAt)}
            {idea.editedAt
              ? ` · ${t("ideas.page.edited", {
                  date: format.dateTime(idea.editedAt),
                })}`
              : ""}
          </p>
        </header>
        <div className="idea-layout">
          <div>
            <Markdown html={bodyHtml} className="prose" />
            {photos.length ? (
              <ul className="photos">
                {photos.map((p, i) => (
                  <li key={p.fileName}>
                    <img
                      src={`/uploads/${p.fileName}`}
                      width={p.width}
                      height={p.height}
                      alt={t("ideas.page.photoAlt", {
                        n: i + 1,
                        title: idea.title,
                      })}
                      loading="lazy"
                    />
                  </li>
                ))}
              </ul>
            ) : null}
            {map && idea.latitude !== null && idea.longitude !== null ? (
              <LocationMap
                tiles={map}
                latitude={idea.latitude}
                longitude={idea.longitude}
              />
            ) : null}
            <dl className="facts">
              {idea.estimatedCost !== null ? (
                <>
                  <dt>{t("ideas.page.estimatedCost")}</dt>
                  <dd>{format.money(idea.estimatedCost)}</dd>
                </>
              ) : null}
              {idea.latitude !== null && idea.longitude !== null ? (
                <>
                  <dt>{t("ideas.fields.location")}</dt>
                  <dd>
                    {format.number(idea.latitude)},{" "}
                    {format.number(idea.longitude)}
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
          <aside className="idea-side" aria-label={t("ideas.page.takePart")}>
            <SupportWidget
              ideaId={idea.id}
              upCount={idea.upCount}
              downCount={idea.downCount}
              myVote={viewer.myVote}
              enabled={viewer.canTakePart}
              signedIn={signedIn}
            />
            {signedIn && viewer.canTakePart ? (
              <FollowButton ideaId={idea.id} following={viewer.following} />
            ) : null}
            {viewer.canEdit ? (
              <p>
                <Link to={`/ideas/${idea.id}/edit`}>
                  {t("ideas.page.edit")}
                </Link>
              </p>
            ) : null}
            {viewer.editLock ? (
              <p className="meta">
                {t(`ideas.page.editLock.${viewer.editLock}`)}
              </p>
            ) : null}
            {viewer.canWithdraw ? (
              <p>
                <Link to={`/ideas/${idea.id}/withdraw`}>
                  {t("ideas.page.withdraw")}
                </Link>
              </p>
            ) : null}
            {signedIn && viewer.canTakePart ? (
              <ReportIdeaForm ideaId={idea.id} />
            ) : null}
            {staff.canAnswer || staff.canMerge ? (
              <div className="staff-tools">
                <h2>{t("ideas.page.staffTools")}</h2>
                <ul className="compact-list">
                  {staff.canAnswer ? (
                    <li>
                      <Link to={`/ideas/${idea.id}/respond`}>
                        {t("ideas.page.respond")}
                      </Link>
                    </li>
                  ) : null}
                  {staff.canMerge ? (
                    <li>
                      <Link to={`/ideas/${idea.id}/merge`}>
                        {idea.status === "merged"
                          ? t("merge.undo")
                          : t("ideas.page.merge")}
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </div>
            ) : null}
          </aside>
        </div>

        <OfficialResponses timeline={timeline} />
        <ArgumentColumns best={best} />

        <section aria-labelledby="discussion-heading" className="discussion">
          <h2 id="discussion-heading">
            {t("comments.discussion", { count: idea.commentCount })}
          </h2>
          {viewer.canTakePart ? (
            <CommentForm ideaId={idea.id} />
          ) : signedIn ? null : (
            <p>
              <Link
                to={`/login?redirectTo=${encodeURIComponent(
                  `/ideas/${idea.id}`
                )}`}
              >
                {t("comments.signInToTakePart")}
              </Link>
            </p>
          )}
          <Threads
            threads={discussion.threads}
            ideaId={idea.id}
            page={discussion.page}
          />
          <Pager page={discussion.page} hasNext={discussion.hasNext} />
        </section>

        <Timeline timeline={timeline} />
      </article>
    </ReviewableContext.Provider>
  );
}
