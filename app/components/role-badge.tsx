import { useTranslation } from "react-i18next";
import type { Role } from "~/modules/users/roles";

/** Staff badges next to names, so residents can tell an official answer. */
export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  if (role === "resident") return null;
  return <span className={`badge badge-${role}`}>{t(`roles.${role}`)}</span>;
}
