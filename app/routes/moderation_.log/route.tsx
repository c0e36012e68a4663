import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listModerationLog } from "~/modules/moderation/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("moderation.log.title"), page, ...listModerationLog(context.db, page) };
}

/** Every moderation decision in public: when, what, why, on what kind of content; never who. */
export default function ModerationLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { entries, hasNext, page } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("moderation.log.title")}</h1>
      <p>{t("moderation.log.intro")}</p>
      {entries.length === 0 ? <p>{t("moderation.log.empty")}</p> : null}
      {entries.length ? (
        <table className="table">
          <caption className="visually-hidden">{t("moderation.log.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("moderation.log.when")}</th>
              <th scope="col">{t("moderation.log.action")}</th>
              <th scope="col">{t("moderation.log.target")}</th>
              <th scope="col">{t("moderation.log.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.createdAt}>{format.dateTime(e.createdAt)}</time>
                </td>
                <td>{t(`moderation.log.actions.${e.action}`)}</td>
                <td>{t(`moderation.log.targets.${e.targetType}`)}</td>
                <td>{e.publicReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
