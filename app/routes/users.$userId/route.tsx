import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { RoleBadge } from "~/components/role-badge";
import { useFormat } from "~/components/use-format";
import { getPublicProfile } from "~/modules/users/profile.server";
import { Markdown } from "~/modules/markdown/markdown";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";
import { notFound } from "~/utils/respond.server";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const profile = getPublicProfile(context.db, params.userId ?? "");
  if (!profile) notFound();
  const { t } = await getRequestT(request);
  return { title: shownName(profile.user.displayName, t), ...profile };
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user, ideas, comments, recognition } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>
        {shownName(user.displayName, t)} <RoleBadge role={user.role} />
      </h1>
      <p className="meta">{t("profile.memberSince", { date: format.date(user.createdAt) })}</p>
      <h2>{t("profile.recognition")}</h2>
      <ul className="recognition">
        <li>{t("profile.ideasPosted", { count: recognition.ideas })}</li>
        <li>{t("profile.ideasAnswered", { count: recognition.answered })}</li>
        <li>{t("profile.helpfulRatings", { count: recognition.helpful })}</li>
      </ul>
      <h2>{t("profile.ideas")}</h2>
      {ideas.length === 0 ? <p>{t("profile.noIdeas")}</p> : null}
      <ul>
        {ideas.map((idea) => (
          <li key={idea.id}>
            <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <StatusBadge status={idea.status} />
          </li>
        ))}
      </ul>
      <h2>{t("profile.comments")}</h2>
      {comments.length === 0 ? <p>{t("profile.noComments")}</p> : null}
      <ul className="profile-comments">
        {comments.map((c) => (
          <li key={c.id}>
            <p className="meta">
              {t("profile.on")} <Link to={`/ideas/${c.ideaId}#comment-${c.id}`}>{c.ideaTitle}</Link> · {format.dateTime(c.createdAt)}
            </p>
            <Markdown html={c.html} className="prose" />
          </li>
        ))}
      </ul>
    </section>
  );
}
