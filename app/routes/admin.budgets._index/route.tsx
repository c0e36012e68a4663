import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { listCyclesForAdmin } from "~/modules/budgets/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return { title: t("budgets.admin.title"), cycles: listCyclesForAdmin(context.db) };
}

/** The admins' list of budget cycles, drafts included. */
export default function AdminBudgetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>{t("budgets.admin.title")}</h1>
        <Link to="/admin/budgets/new" className="button">
          {t("budgets.admin.new")}
        </Link>
      </div>
      {cycles.length === 0 ? <p>{t("budgets.list.empty")}</p> : null}
      <table>
        <caption className="visually-hidden">{t("budgets.admin.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("budgets.admin.name")}</th>
            <th scope="col">{t("budgets.admin.phase")}</th>
            <th scope="col">{t("budgets.admin.votingAt")}</th>
            <th scope="col">{t("budgets.admin.total")}</th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/admin/budgets/${c.id}`}>{c.name}</Link>
              </td>
              <td>{t(`budgets.phase.${c.phase}`)}</td>
              <td>{format.dateTime(c.votingAt)}</td>
              <td>{format.moneyIn(c.total, c.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
