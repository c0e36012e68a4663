import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { RoleBadge } from "~/components/role-badge";
import { getPublicProfile } from "~/modules/users/profile.server";
import { Markdown } from "~/modules/markdown/markdown";
import { formatDateTime } from "~/utils/format";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;

export function loader({ params }: LoaderFunctionArgs) {
  const profile = getPublicProfile(params.userId ?? "");
  if (!profile) throw new Response("Not Found", { status: 404 });
  return json({ title: profile.user.displayName, ...profile });
}

export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { user, ideas, comments, recognition } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>
        {user.displayName} <RoleBadge role={user.role} />
      </h1>
      <p className="meta">{t("profile.memberSince", { date: formatDateTime(user.createdAt, i18n.language) })}</p>
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
              {t("profile.on")} <Link to={`/ideas/${c.ideaId}#comment-${c.id}`}>{c.ideaTitle}</Link> · {formatDateTime(c.createdAt, i18n.language)}
            </p>
            <Markdown html={c.html} className="prose" />
          </li>
        ))}
      </ul>
    </section>
  );
}
