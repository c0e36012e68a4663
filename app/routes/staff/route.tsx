import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listAwaitingResponse } from "~/modules/ideas/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";

export const meta = pageTitleMeta;
export const handle = { audience: "council" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "council");
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("staff.title"), page, ...listAwaitingResponse(context.db, page) };
}

/** The council's home: the ideas waiting for the city's first answer, oldest first. */
export default function StaffHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, hasNext, page } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("staff.title")}</h1>
      <p>{t("staff.intro")}</p>
      {rows.length === 0 ? <p>{t("staff.empty")}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("staff.columns.idea")}</th>
            <th scope="col">{t("staff.columns.posted")}</th>
            <th scope="col">{t("staff.columns.support")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/ideas/${row.id}`}>{row.title}</Link> <span className="meta">{t("ideas.by", { name: row.authorName })}</span>
              </td>
              <td>{format.date(row.createdAt)}</td>
              <td>{format.number(row.upCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
