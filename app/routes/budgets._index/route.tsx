import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { listPublicCycles } from "~/modules/budgets/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return { title: t("budgets.list.title"), cycles: listPublicCycles(context.db) };
}

/** Every participatory budget cycle, the current one first. */
export default function BudgetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("budgets.list.title")}</h1>
      <p>{t("budgets.list.intro")}</p>
      {cycles.length === 0 ? <p>{t("budgets.list.empty")}</p> : null}
      <ul className="cycle-list">
        {cycles.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/budgets/${c.slug}`}>{c.name}</Link>
            </h2>
            <p>
              <span className="badge">{t(`budgets.phase.${c.phase}`)}</span> {t("budgets.cycle.total", { total: format.moneyIn(c.total, c.currency) })}
            </p>
            {c.phase === "voting" ? <p>{t("budgets.cycle.votingNow", { time: format.dateTime(c.votingEndsAt) })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
