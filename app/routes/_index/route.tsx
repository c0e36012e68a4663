import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";
import { useRootData } from "~/root";

export const meta = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return json({ title: t("home.title") });
}

export default function HomePage() {
  const { t } = useTranslation();
  const root = useRootData();
  return (
    <section>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
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
      {root?.user ? null : (
        <p>
          <Link to="/signup" className="button">
            {t("home.join")}
          </Link>
        </p>
      )}
    </section>
  );
}
