import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { PlaceFilter } from "~/components/place-options";
import { ProgressBar } from "~/components/projects/progress-bar";
import { ProjectsMap } from "~/components/projects/projects-map";
import { useRootData } from "~/root";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { useLabels } from "~/components/use-labels";
import { listPublicCycles } from "~/modules/budgets/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listCategories, listDistricts } from "~/modules/places/queries.server";
import { TRACKED_STATUSES } from "~/modules/projects/kinds";
import { listTrackedProjects } from "~/modules/projects/queries.server";
import { ProjectListQuerySchema } from "~/modules/projects/validation";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const query = ProjectListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("projects.list.title"), query, ...listTrackedProjects(context.db, query), districts: listDistricts(context.db), categories: listCategories(context.db), cycles: listPublicCycles(context.db).map((c) => ({ slug: c.slug, name: c.name })) };
}

/** The tracker: every funded or accepted project, with its progress, money and department. */
export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { query, projects, hasNext, districts, categories, cycles } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  // Twenty cards a page: their repeated words are translated once (see useLabels).
  const { once } = useLabels();
  // A map of this page's projects where tiles are configured; the list says everything it shows.
  const map = useRootData()?.map;
  const located = projects.flatMap((p) => (p.latitude !== null && p.longitude !== null ? [{ ideaId: p.ideaId, title: p.title, latitude: p.latitude, longitude: p.longitude }] : []));
  return (
    <section>
      <h1>{t("projects.list.title")}</h1>
      <p>{t("projects.list.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("projects.list.filters")}>
        <div className="field">
          <label htmlFor="status">{t("projects.list.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {TRACKED_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <PlaceFilter name="district" label={t("ideas.fields.district")} anyLabel={t("moderation.any")} places={districts} value={query.district} />
        <PlaceFilter name="category" label={t("ideas.fields.category")} anyLabel={t("moderation.any")} places={categories} value={query.category} />
        <div className="field">
          <label htmlFor="cycle">{t("projects.list.cycle")}</label>
          <select id="cycle" name="cycle" defaultValue={query.cycle ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {cycles.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t("ideas.list.apply")}
        </button>
      </Form>
      {map && located.length ? <ProjectsMap tiles={map} center={map.center} points={located} /> : null}
      {projects.length === 0 ? <p>{t("projects.list.empty")}</p> : null}
      <ul className="project-cards">
        {projects.map((p) => (
          <li key={p.ideaId} className="card project-card">
            {p.photo ? <img src={`/uploads/${p.photo}`} alt="" width={320} height={180} loading="lazy" /> : null}
            <h2>
              <Link to={`/projects/${p.ideaId}`}>{p.title}</Link>
            </h2>
            <p>
              <StatusBadge status={p.status} label={once(`ideas.status.${p.status}`)} />
            </p>
            <ProgressBar progress={p.progress} label={once("projects.progress", { progress: p.progress })} />
            <p className="meta">
              {p.allocated !== null && p.currency ? t("projects.money", { allocated: format.moneyIn(p.allocated, p.currency), spent: format.moneyIn(p.spent, p.currency) }) : null}
              {(fr ? p.departmentFr : p.departmentEn) ? ` · ${fr ? p.departmentFr : p.departmentEn}` : null}
              {p.expectedAt ? ` · ${t("projects.expected", { date: format.date(p.expectedAt) })}` : null}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={query.page} hasNext={hasNext} />
    </section>
  );
}
