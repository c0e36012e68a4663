import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { getCurrentResponseRecord, type getResponseRecord } from "~/modules/ideas/queue.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return { title: t("record.title"), ...getCurrentResponseRecord(context.db) };
}

type Line = ReturnType<typeof getResponseRecord>["overall"];

/** The city's response record, in public: how fast and how reliably it answers, per department. */
export default function ResponseRecordPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { promise, overall, departments, unassigned } = useLoaderData<typeof loader>();
  const fr = i18n.language === "fr";
  const days = (n: number | null) => (n === null ? t("record.none") : t("record.days", { count: Math.round(n * 10) / 10, formatted: format.number(Math.round(n * 10) / 10) }));
  const share = (n: number | null) => (n === null ? t("record.none") : `${format.number(Math.round(n * 100))} %`);
  const row = (line: Line, name: string) => (
    <tr key={name}>
      <th scope="row">{name}</th>
      <td>{format.number(line.entered)}</td>
      <td>{format.number(line.answered)}</td>
      <td>{days(line.medianDays)}</td>
      <td>{share(line.onTimeShare)}</td>
      <td>{format.number(line.overdue)}</td>
    </tr>
  );
  return (
    <section>
      <h1>{t("record.title")}</h1>
      <p className="lead">{t("record.promise", { first: promise.firstResponseDays, decision: promise.decisionDays })}</p>
      <dl className="stat-row">
        <div>
          <dt>{t("record.medianLabel")}</dt>
          <dd>{days(overall.medianDays)}</dd>
        </div>
        <div>
          <dt>{t("record.onTimeLabel")}</dt>
          <dd>{share(overall.onTimeShare)}</dd>
        </div>
        <div>
          <dt>{t("record.overdueLabel")}</dt>
          <dd>{format.number(overall.overdue)}</dd>
        </div>
      </dl>
      <p className="meta">{t("record.explained")}</p>
      <table className="table">
        <caption>{t("record.byDepartment")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ideas.fields.department")}</th>
            <th scope="col">{t("record.columns.entered")}</th>
            <th scope="col">{t("record.columns.answered")}</th>
            <th scope="col">{t("record.columns.median")}</th>
            <th scope="col">{t("record.columns.onTime")}</th>
            <th scope="col">{t("record.columns.overdue")}</th>
          </tr>
        </thead>
        <tbody>
          {departments.map((line) => row(line, (fr ? line.nameFr : line.nameEn) ?? ""))}
          {unassigned ? row(unassigned, t("record.unassigned")) : null}
          {row(overall, t("record.allCity"))}
        </tbody>
      </table>
    </section>
  );
}
