import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/ui/pagination";
import { listAuditEvents } from "~/modules/audit/queries.server";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { PageQuerySchema } from "~/utils/page-query";
import { pageTitleMeta } from "~/utils/meta";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("admin.audit.title"), page, ...listAuditEvents(context.db, page) };
}

export default function AdminAuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, total, pageSize, page } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("admin.audit.when")}</th>
            <th scope="col">{t("admin.audit.who")}</th>
            <th scope="col">{t("admin.audit.what")}</th>
            <th scope="col">{t("admin.audit.target")}</th>
            <th scope="col">{t("admin.audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{format.dateTime(row.createdAt)}</td>
              <td>{row.actorName ? shownName(row.actorName, t) : t("admin.audit.system")}</td>
              <td>{t(`audit.${row.action}`, { defaultValue: row.action })}</td>
              <td>{row.targetName ?? `${row.targetType} ${row.targetId}`}</td>
              <td>
                <code>{JSON.stringify(row.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
