import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { countOpenReportedItems, listOpenReportGroups } from "~/modules/reports/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";

export const meta = pageTitleMeta;
export const handle = { audience: "moderation" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "moderation");
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("moderation.title"), page, open: countOpenReportedItems(context.db), ...listOpenReportGroups(context.db, page) };
}

/** The moderators' home: reported items, most reported first. */
export default function ModerationHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, hasNext, page, open } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.openCount", { count: open })}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("moderation.columns.item")}</th>
            <th scope="col">{t("moderation.columns.reports")}</th>
            <th scope="col">{t("moderation.columns.reasons")}</th>
            <th scope="col">{t("moderation.columns.last")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.targetType}:${row.targetId}`}>
              <td>
                <Link to={row.targetType === "idea" ? `/ideas/${row.targetId}` : `/comments/${row.targetId}/report`}>{t(`moderation.target.${row.targetType}`, { id: row.targetId })}</Link>
              </td>
              <td>{format.number(row.reports)}</td>
              <td>{row.reasons.map((r) => t(`reports.reasons.${r}`)).join(", ")}</td>
              <td>{row.lastAt ? format.dateTime(row.lastAt) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
