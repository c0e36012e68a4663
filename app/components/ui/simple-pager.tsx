import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next for lists that know whether a next page exists but not how many pages there are. */
export function SimplePager({ page, hasNext, param = "page" }: { page: number; hasNext: boolean; param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (page <= 1 && !hasNext) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set(param, String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span>{t("pagination.page", { page })}</span>
      {hasNext ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
