import { useTranslation } from "react-i18next";
import type { IdeaStatus } from "#db/schema/ideas";

export function StatusBadge({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{t(`ideas.status.${status}`)}</span>;
}
