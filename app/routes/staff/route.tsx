import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceFilter, PlaceOptions } from "~/components/place-options";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listFilterOptions } from "~/modules/ideas/queries.server";
import { countQueue, listStaffQueue } from "~/modules/ideas/queue.server";
import { loadStaffScope } from "~/modules/ideas/staff-scope.server";
import { StaffQueueQuerySchema } from "~/modules/ideas/validation";
import { daysBetween } from "~/utils/format";
import { pageTitleMeta } from "~/utils/meta";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "council" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "council");
  const { t } = await getRequestT(request);
  const query = StaffQueueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const mine = loadStaffScope(context.db, user).departmentIds;
  return {
    title: t("staff.title"),
    query,
    mine,
    now: new Date().toISOString(),
    counts: countQueue(context.db, query.department === "all" ? [] : typeof query.department === "number" ? [query.department] : mine),
    ...listStaffQueue(context.db, query, mine),
    ...listFilterOptions(context.db),
  };
}

/**
 * The council's home: ideas waiting for the city, the nearest deadline of the response promise
 * first (overdue ones lead and are flagged), filtered by default to the member's departments.
 */
export default function StaffQueuePage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { rows, hasNext, query, mine, now, counts, categories, districts, departments } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  const departmentValue = query.department === undefined ? (mine.length ? "" : "all") : String(query.department);
  return (
    <section>
      <div className="page-head">
        <h1>{t("staff.title")}</h1>
        <Link to="/responses">{t("staff.record")}</Link>
      </div>
      <p>
        {t("staff.summary", { count: counts.waiting })} {counts.overdue ? <strong className="overdue">{t("staff.overdueCount", { count: counts.overdue })}</strong> : null}
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("staff.filters")}>
        <div className="field">
          <label htmlFor="department">{t("ideas.fields.department")}</label>
          <select id="department" name="department" defaultValue={departmentValue}>
            {mine.length ? <option value="">{t("staff.myDepartments")}</option> : null}
            <option value="all">{t("staff.allDepartments")}</option>
            <PlaceOptions places={departments} />
          </select>
        </div>
        <PlaceFilter name="district" label={t("ideas.fields.district")} anyLabel={t("ideas.list.all")} places={districts} value={query.district} />
        <PlaceFilter name="category" label={t("ideas.fields.category")} anyLabel={t("ideas.list.all")} places={categories} value={query.category} />
        <div className="field">
          <label htmlFor="status">{t("ideas.list.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("staff.bothStages")}</option>
            <option value="published">{t("staff.stage.published")}</option>
            <option value="under_review">{t("staff.stage.under_review")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("ideas.list.apply")}
        </button>
      </Form>
      {rows.length === 0 ? <p>{t("staff.empty")}</p> : null}
      <table className="table queue">
        <caption className="visually-hidden">{t("staff.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.columns.idea")}</th>
            <th scope="col">{t("staff.columns.stage")}</th>
            <th scope="col">{t("staff.columns.due")}</th>
            <th scope="col">{t("staff.columns.support")}</th>
            <th scope="col">{t("staff.columns.where")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const left = daysBetween(new Date(now), new Date(row.queueDueAt));
            return (
              <tr key={row.id} className={left < 0 ? "is-overdue" : undefined}>
                <td>
                  <Link to={`/ideas/${row.id}/respond`}>{row.title}</Link>
                  <div className="meta">
                    {t("ideas.by", { name: shownName(row.authorName, t) })} · {row.queueReason ? t(`staff.reason.${row.queueReason}`) : ""}
                  </div>
                </td>
                <td>{t(`staff.stage.${row.status === "under_review" ? "under_review" : "published"}`)}</td>
                <td>
                  {left < 0 ? <strong className="overdue">{t("staff.overdueBy", { count: -left })}</strong> : t("staff.daysLeft", { count: left })}
                  <div className="meta">{format.date(row.queueDueAt)}</div>
                </td>
                <td>{format.number(row.upCount)}</td>
                <td>
                  {[fr ? row.departmentFr : row.departmentEn, fr ? row.districtFr : row.districtEn, fr ? row.categoryFr : row.categoryEn].filter(Boolean).join(" · ")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager page={query.page} hasNext={hasNext} />
    </section>
  );
}
