import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffArea } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffArea(request, "admin");
  return json({});
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
            <NavLink to="/admin/outbox">{t("admin.outbox.title")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
