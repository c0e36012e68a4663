import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Highlighted } from "~/components/ideas/highlighted";
import { StatusBadge } from "~/components/ideas/status-badge";
import { PlaceFilter } from "~/components/place-options";
import { RoleBadge } from "~/components/role-badge";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listFilterOptions, listIdeas } from "~/modules/ideas/queries.server";
import { IDEA_STATUSES } from "~/modules/ideas/statuses";
import { IDEA_SORTS, IdeaListQuerySchema } from "~/modules/ideas/validation";
import { pageTitleMeta } from "~/utils/meta";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const query = IdeaListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("ideas.list.title"), query, ...listIdeas(context.db, query), ...listFilterOptions(context.db) };
}

/** Words repeated on every card, translated once per page (20 cards, several labels each). */
function useCardLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const memo = new Map<string, string>();
    const once = (key: string, make: () => string) => {
      let label = memo.get(key);
      if (label === undefined) memo.set(key, (label = make()));
      return label;
    };
    return {
      status: (status: string) => once(`s:${status}`, () => t(`ideas.status.${status}`)),
      by: (name: string) => t("ideas.by", { name: shownName(name, t) }),
      supporters: (count: number, formatted: string) => once(`u:${count}`, () => t("ideas.supportCount", { count, formatted })),
      comments: (count: number, formatted: string) => once(`c:${count}`, () => t("ideas.commentCount", { count, formatted })),
    };
  }, [t]);
}

export default function IdeasPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { ideas, hasNext, query, sort, categories, districts, departments } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  const labels = useCardLabels();
  return (
    <section>
      <div className="page-head">
        <h1>{t("ideas.list.title")}</h1>
        <Link to="/ideas/new" className="button">
          {t("ideas.new.title")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("ideas.list.filters")}>
        <div className="field">
          <label htmlFor="q">{t("ideas.list.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <PlaceFilter name="category" label={t("ideas.fields.category")} anyLabel={t("ideas.list.all")} places={categories} value={query.category} />
        <PlaceFilter name="district" label={t("ideas.fields.district")} anyLabel={t("ideas.list.all")} places={districts} value={query.district} />
        <PlaceFilter name="department" label={t("ideas.fields.department")} anyLabel={t("ideas.list.all")} places={departments} value={query.department} />
        <div className="field">
          <label htmlFor="status">{t("ideas.list.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("ideas.list.all")}</option>
            {IDEA_STATUSES.filter((s) => s !== "withdrawn" && s !== "merged").map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">{t("ideas.list.sort")}</label>
          <select id="sort" name="sort" defaultValue={query.sort ?? ""}>
            <option value="">{query.q ? t("ideas.sort.relevance") : t("ideas.sort.trending")}</option>
            {IDEA_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("ideas.list.apply")}
        </button>
      </Form>
      <p className="meta" aria-live="polite">
        {t("ideas.list.sortedBy", { sort: t(`ideas.sort.${sort}`) })}
      </p>
      {ideas.length === 0 ? <p>{t("ideas.list.empty")}</p> : null}
      <ol className="idea-list">
        {ideas.map((idea) => (
          <li key={idea.id} className="card idea-card">
            <h2>
              <Link to={`/ideas/${idea.id}`}>{idea.titleHighlight ? <Highlighted text={idea.titleHighlight} /> : idea.title}</Link>
            </h2>
            <p>{idea.excerptHighlight ? <Highlighted text={idea.excerptHighlight} /> : idea.excerpt}</p>
            <p className="meta">
              <StatusBadge status={idea.status} label={labels.status(idea.status)} /> {labels.by(idea.authorName)} <RoleBadge role={idea.authorRole} /> ·{" "}
              {format.dateTime(idea.createdAt)}
              {idea.categoryEn ? ` · ${fr ? idea.categoryFr : idea.categoryEn}` : ""}
              {idea.districtEn ? ` · ${fr ? idea.districtFr : idea.districtEn}` : ""}
            </p>
            <p className="meta">
              {labels.supporters(idea.upCount, format.number(idea.upCount))} · {labels.comments(idea.commentCount, format.number(idea.commentCount))}
            </p>
          </li>
        ))}
      </ol>
      <Pager page={query.page} hasNext={hasNext} />
    </section>
  );
}
