import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return { title: t("admin.home.title") };
}

const SECTIONS = ["users", "departments", "templates", "settings", "audit", "outbox"] as const;

/** The administrators' home: what each part of the administration is for. */
export default function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("admin.home.title")}</h1>
      <ul className="cards">
        {SECTIONS.map((s) => (
          <li key={s} className="card">
            <h2>
              <Link to={`/admin/${s}`}>{t(`admin.${s}.title`)}</Link>
            </h2>
            <p>{t(`admin.home.${s}`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
