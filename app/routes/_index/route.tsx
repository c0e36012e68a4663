import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaCardList } from "~/components/ideas/idea-card-list";
import { FormAlert } from "~/components/ui/field";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { isInAudience } from "~/modules/auth/policy";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listFollowedIdeas, listOwnIdeas, listTrendingIdeas } from "~/modules/ideas/queries.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const user = await getOptionalUser(request, context.db);
  return {
    title: t("home.title"),
    trending: listTrendingIdeas(context.db),
    mine: user
      ? {
          name: user.displayName,
          ideas: listOwnIdeas(context.db, user.id),
          following: listFollowedIdeas(context.db, user.id),
          work: { council: isInAudience(user, "council"), moderation: isInAudience(user, "moderation"), admin: isInAudience(user, "admin") },
        }
      : null,
  };
}

export default function HomePage() {
  const { t } = useTranslation();
  const { trending, mine } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <section className="home">
      {searchParams.get("welcome") ? <FormAlert tone="success" message={t("verify.done")} /> : null}
      <h1>{mine ? t("home.welcomeBack", { name: mine.name }) : t("home.title")}</h1>
      {mine ? null : <p className="lead">{t("home.lead")}</p>}
      <p className="actions-row">
        <Link to="/ideas/new" className="button">
          {t("ideas.new.title")}
        </Link>
        <Link to="/ideas" className="button button-secondary">
          {t("home.browse")}
        </Link>
        {mine ? null : (
          <Link to="/signup" className="button button-secondary">
            {t("home.join")}
          </Link>
        )}
      </p>
      {mine && (mine.work.council || mine.work.moderation || mine.work.admin) ? (
        <section aria-labelledby="work-heading" className="card">
          <h2 id="work-heading">{t("home.work.title")}</h2>
          <ul className="compact-list">
            {mine.work.council ? (
              <li>
                <Link to="/staff">{t("home.work.council")}</Link>
              </li>
            ) : null}
            {mine.work.moderation ? (
              <li>
                <Link to="/moderation">{t("home.work.moderation")}</Link>
              </li>
            ) : null}
            {mine.work.admin ? (
              <li>
                <Link to="/admin">{t("home.work.admin")}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      {mine ? (
        <div className="two-columns">
          <section aria-labelledby="my-ideas-heading">
            <h2 id="my-ideas-heading">{t("home.myIdeas")}</h2>
            <IdeaCardList ideas={mine.ideas} empty={t("home.noIdeasYet")} />
          </section>
          <section aria-labelledby="following-heading">
            <h2 id="following-heading">{t("home.following")}</h2>
            <IdeaCardList ideas={mine.following} empty={t("home.notFollowing")} />
          </section>
        </div>
      ) : (
        <ul className="cards">
          <li className="card">
            <h2>{t("home.propose.title")}</h2>
            <p>{t("home.propose.body")}</p>
          </li>
          <li className="card">
            <h2>{t("home.argue.title")}</h2>
            <p>{t("home.argue.body")}</p>
          </li>
          <li className="card">
            <h2>{t("home.budget.title")}</h2>
            <p>{t("home.budget.body")}</p>
          </li>
        </ul>
      )}
      <section aria-labelledby="trending-heading">
        <h2 id="trending-heading">{t("home.trending")}</h2>
        <IdeaCardList ideas={trending} empty={t("ideas.list.empty")} />
        <p>
          <Link to="/ideas">{t("home.allIdeas")}</Link>
        </p>
      </section>
    </section>
  );
}
