import { useTranslation } from "react-i18next";

/** A project's progress as a bar (SVG attributes: the Content-Security-Policy allows no style attribute) and in words. */
export function ProgressBar({ progress, label: given }: { progress: number; label?: string }) {
  const { t } = useTranslation();
  const label = given ?? t("projects.progress", { progress });
  return (
    <p className="progress">
      <svg className="budget-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={label}>
        <rect className="budget-segment" width={Math.max(0, Math.min(100, progress))} height="10" />
      </svg>
      <span aria-hidden="true">{label}</span>
    </p>
  );
}
