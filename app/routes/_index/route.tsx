import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaCardList } from "~/components/ideas/idea-card-list";
import { FormAlert } from "~/components/ui/field";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { isInAudience } from "~/modules/auth/policy";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listFollowedIdeas, listOwnIdeas, listRecentlyAnswered, listTrendingIdeas } from "~/modules/ideas/queries.server";
import { listAnnouncements } from "~/modules/announcements/queries.server";
import { listPublicCycles } from "~/modules/budgets/queries.server";
import { useRootData } from "~/root";
import { Markdown } from "~/modules/markdown/markdown";
import { listTrackedProjects } from "~/modules/projects/queries.server";
import { ProjectListQuerySchema } from "~/modules/projects/validation";
import { useFormat } from "~/components/use-format";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const user = await getOptionalUser(request, context.db);
  const cycle = listPublicCycles(context.db)[0] ?? null;
  return {
    title: t("home.title"),
    cycle: cycle ? { slug: cycle.slug, name: cycle.name, phase: cycle.phase, votingEndsAt: cycle.votingEndsAt, reviewingAt: cycle.reviewingAt, votingAt: cycle.votingAt } : null,
    answered: listRecentlyAnswered(context.db),
    announcements: listAnnouncements(context.db, { page: 1, districtId: user?.homeDistrictId ?? null, limit: 3 }).announcements,
    completed: listTrackedProjects(context.db, ProjectListQuerySchema.parse({ status: "completed" }), 3).projects,
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
  const { trending, mine, cycle, answered, announcements, completed } = useLoaderData<typeof loader>();
  // Whether my ballot is in: the root's loader has already asked (for the banner).
  const vote = useRootData()?.user?.vote ?? null;
  const format = useFormat();
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
      {cycle ? (
        <section aria-labelledby="budget-heading" className="card">
          <h2 id="budget-heading">{cycle.name}</h2>
          <p>
            <span className="badge">{t(`budgets.phase.${cycle.phase}`)}</span>{" "}
            {cycle.phase === "voting" ? t("budgets.cycle.votingNow", { time: format.dateTime(cycle.votingEndsAt) }) : cycle.phase === "collecting" ? t("budgets.cycle.collectingNow", { time: format.dateTime(cycle.reviewingAt) }) : t(`budgets.cycle.phaseNow.${cycle.phase}`)}
          </p>
          {mine && cycle.phase === "voting" ? <p>{vote ? t(`home.vote.${vote.state}`) : t("home.vote.in")}</p> : null}
          <Link to={cycle.phase === "voting" ? `/budgets/${cycle.slug}/vote` : `/budgets/${cycle.slug}`} className="button">
            {t(cycle.phase === "voting" ? "budgets.cycle.vote" : "home.budgetOpen")}
          </Link>
        </section>
      ) : null}
      {announcements.length ? (
        <section aria-labelledby="announcements-heading">
          <h2 id="announcements-heading">{t("announcements.title")}</h2>
          <ul className="compact-list">
            {announcements.map((a) => (
              <li key={a.id} className="card">
                <h3>{a.title}</h3>
                <p className="meta">{format.date(a.createdAt)}</p>
                <Markdown html={a.bodyHtml} />
              </li>
            ))}
          </ul>
          <p>
            <Link to="/announcements">{t("home.allAnnouncements")}</Link>
          </p>
        </section>
      ) : null}
      <div className="two-columns">
        <section aria-labelledby="answered-heading">
          <h2 id="answered-heading">{t("home.answered")}</h2>
          <IdeaCardList ideas={answered} empty={t("home.noAnswers")} />
          <p>
            <Link to="/responses">{t("nav.record")}</Link>
          </p>
        </section>
        <section aria-labelledby="completed-heading">
          <h2 id="completed-heading">{t("home.completed")}</h2>
          {completed.length === 0 ? <p>{t("home.noCompleted")}</p> : null}
          <ul className="compact-list">
            {completed.map((p) => (
              <li key={p.ideaId}>
                <Link to={`/projects/${p.ideaId}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/projects">{t("home.allProjects")}</Link>
          </p>
        </section>
      </div>
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
