import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAudience } from "~/modules/auth/guards.server";

export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  return {};
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="admin">
      <nav aria-label={t("admin.nav")} className="subnav">
        <ul>
          <li>
            <NavLink to="/admin/users">{t("admin.users.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">{t("admin.audit.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/departments">{t("admin.departments.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/templates">{t("admin.templates.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/budgets">{t("budgets.admin.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/settings">{t("admin.settings.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">{t("admin.outbox.title")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
