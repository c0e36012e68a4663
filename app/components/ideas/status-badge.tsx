import { useTranslation } from "react-i18next";
import type { IdeaStatus } from "~/modules/ideas/statuses";

/** An idea's status. Long lists pass `label`, translated once per page, instead of a lookup per badge. */
export function StatusBadge({ status, label }: { status: IdeaStatus; label?: string }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{label ?? t(`ideas.status.${status}`)}</span>;
}
