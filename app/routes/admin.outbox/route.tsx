import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listOutbox } from "~/modules/mail/queries.server";
import { PageQuerySchema } from "~/utils/page-query";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("admin.outbox.title"), page, ...listOutbox(context.db, page) };
}

export default function AdminOutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, total, pageSize, page } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("admin.outbox.title")}</h1>
      <p>{t("admin.outbox.intro")}</p>
      {rows.length === 0 ? <p>{t("admin.outbox.empty")}</p> : null}
      {rows.map((m) => (
        <article key={m.id} className="card mail">
          <h2>{m.subject}</h2>
          <p className="meta">
            {t("admin.outbox.to", { to: m.toAddress })} · {format.dateTime(m.createdAt)}
          </p>
          <pre>{m.text}</pre>
        </article>
      ))}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
