import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { MAIL_STATUSES } from "~/modules/mail/kinds";
import { listOutbox } from "~/modules/mail/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t, locale } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("admin.outbox.title"), page, ...listOutbox(context.db, page, locale) };
}

export default function AdminOutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, total, pageSize, page, counts } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("admin.outbox.title")}</h1>
      <p>{t("admin.outbox.intro")}</p>
      <ul className="inline-list">
        {MAIL_STATUSES.map((s) => (
          <li key={s}>{t(`admin.outbox.counts.${s}`, { count: counts[s] ?? 0 })}</li>
        ))}
      </ul>
      {rows.length === 0 ? <p>{t("admin.outbox.empty")}</p> : null}
      {rows.map((m) => (
        <article key={m.id} className="card mail">
          <h2>
            <Link to={`/admin/outbox/${m.id}`}>{m.subject ?? t(`admin.outbox.kinds.${m.kind}`)}</Link>
          </h2>
          <p className="meta">
            {t("admin.outbox.to", { to: m.to ?? t("admin.outbox.noAddress") })} · {format.dateTime(m.createdAt)} · {t(`admin.outbox.status.${m.status}`)}
            {m.attempts ? ` · ${t("admin.outbox.attempts", { count: m.attempts })}` : null}
            {m.sentAt ? ` · ${t("admin.outbox.sentAt", { time: format.dateTime(m.sentAt) })}` : null}
          </p>
          {m.skipReason ? <p>{t(`admin.outbox.skip.${m.skipReason}`)}</p> : null}
          {m.lastError ? <p className="alert alert-error">{m.lastError}</p> : null}
        </article>
      ))}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
