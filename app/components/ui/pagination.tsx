import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Previous/next links that keep every other search parameter. Lists that count their rows pass
 * `pageCount`; the big ones only know whether a next page exists.
 */
export function Pager({ page, hasNext, pageCount }: { page: number; hasNext: boolean; pageCount?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (page <= 1 && !hasNext) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span>{pageCount ? t("pagination.status", { page, pages: pageCount }) : t("pagination.page", { page })}</span>
      {hasNext ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return <Pager page={page} hasNext={page < pageCount} pageCount={pageCount} />;
}
