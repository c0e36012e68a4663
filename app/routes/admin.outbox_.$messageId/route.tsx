import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { getOutboxMessage } from "~/modules/mail/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t, locale } = await getRequestT(request);
  const message = getOutboxMessage(context.db, idParam(params.messageId), locale);
  if (!message) notFound();
  return { title: message.preview?.subject ?? t(`admin.outbox.kinds.${message.kind}`), message };
}

export default function AdminOutboxMessagePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { title, message: m } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to="/admin/outbox">{t("admin.outbox.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="meta">
        {t("admin.outbox.to", { to: m.to ?? t("admin.outbox.noAddress") })} · {format.dateTime(m.createdAt)} · {t(`admin.outbox.status.${m.status}`)}
        {m.sentAt ? ` · ${t("admin.outbox.sentAt", { time: format.dateTime(m.sentAt) })}` : null}
      </p>
      {m.skipReason ? <p>{t(`admin.outbox.skip.${m.skipReason}`)}</p> : null}
      {m.preview ? <pre>{m.preview.text}</pre> : null}
      <h2>{t("admin.outbox.attemptsTitle")}</h2>
      {m.attempts.length === 0 ? <p>{t("admin.outbox.noAttempts")}</p> : null}
      <ol>
        {m.attempts.map((a, i) => (
          <li key={i}>
            <time dateTime={a.at}>{format.dateTime(a.at)}</time>: {a.outcome}
            {a.error ? ` (${a.error})` : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
