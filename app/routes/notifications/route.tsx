import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { markAllNotificationsRead, markNotificationRead } from "~/modules/notifications/commands.server";
import { listNotifications, type NotificationItem } from "~/modules/notifications/queries.server";
import { NotificationActionSchema } from "~/modules/notifications/validation";
import { parseSmallAction } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { PageQuerySchema } from "~/utils/page-query";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";
import { shownName } from "~/modules/users/names";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("notifications.title"), page, ...listNotifications(context.db, user.id, page) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const input = await parseSmallAction(request, NotificationActionSchema);
  if (!input) return refuseSmallAction(request, "invalid");
  const result = input.intent === "read" ? markNotificationRead(context.db, user, input.id) : markAllNotificationsRead(context.db, user);
  if (!result.ok) return refuseSmallAction(request, result);
  const page = new URL(request.url).searchParams.get("page");
  return replyOrReturn(request, { ok: true }, `/notifications${page ? `?page=${encodeURIComponent(page)}` : ""}`);
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { items, total, unread, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("notifications.title")}</h1>
      <div className="toolbar">
        <p>{t("notifications.unread", { count: unread })}</p>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="button button-secondary">
              {t("notifications.readAll")}
            </button>
          </Form>
        ) : null}
        <Link to="/account/notifications">{t("notifications.preferences")}</Link>
      </div>
      {items.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ol className="notifications">
        {items.map((n) => (
          <NotificationRow key={n.id} item={n} />
        ))}
      </ol>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}

function NotificationRow({ item }: { item: NotificationItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fetcher = useFetcher();
  const read = item.read || fetcher.state !== "idle" || fetcher.data !== undefined;
  const text = useNotificationText(item);
  return (
    <li className={read ? "notification" : "notification unread"}>
      {read ? null : <span className="visually-hidden">{t("notifications.unreadMark")} </span>}
      {item.href ? (
        // With JavaScript, opening it marks it read on the way; without, the button does.
        <Link to={item.href} onClick={() => (read ? undefined : fetcher.submit({ intent: "read", id: String(item.id) }, { method: "post", action: "/notifications" }))}>
          {text}
        </Link>
      ) : (
        <span>{text}</span>
      )}
      <span className="meta">
        {" "}
        · <time dateTime={item.at}>{format.dateTime(item.at)}</time>
      </span>
      {read ? null : (
        <fetcher.Form method="post" action="/notifications" className="inline">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" className="link-button" aria-label={t("notifications.markReadNamed", { text })}>
            {t("notifications.markRead")}
          </button>
        </fetcher.Form>
      )}
    </li>
  );
}

/** What a moderation notification says (shared wording with its e-mail: notifications.moderation.*). */
function moderationText(t: TFunction, item: NotificationItem, title: string) {
  const what = item.targetType;
  if (item.kind === "content_restored") return t(`notifications.moderation.restored.${what}`, { title });
  if (item.kind === "report_outcome") return t(`notifications.moderation.outcome.${item.action ?? "dismissed"}`, { title, what: t(`notifications.moderation.what.${what}`) });
  if (item.hiddenKind === "auto") return t(`notifications.moderation.pending.${what}`, { title });
  if (item.hiddenKind === "needs_changes") return t("notifications.moderation.needsChanges", { title, reason: item.reason ?? "" });
  return t(`notifications.moderation.hidden.${what}`, { title, reason: item.reason ?? "" });
}

/** One line saying what happened, in the reader's words. */
function useNotificationText(item: NotificationItem) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const title = item.ideaTitle ?? t("notifications.hiddenIdea");
  const name = item.actorName ? shownName(item.actorName, t) : t("notifications.someone");
  switch (item.kind) {
    case "idea_answered":
      return t(item.own ? "notifications.kinds.answeredOwn" : "notifications.kinds.answered", { title });
    case "idea_status":
      return t("notifications.kinds.status", { title, status: t(`ideas.status.${item.status ?? "published"}`) });
    case "idea_merged":
      return t(item.own ? "notifications.kinds.mergedOwn" : "notifications.kinds.merged", { title, original: item.originalTitle ?? t("notifications.hiddenIdea") });
    case "comment_reply":
      return t("notifications.kinds.reply", { name, title });
    case "idea_comments":
      return item.count > 1 ? t("notifications.kinds.comments", { count: item.count, title }) : t("notifications.kinds.comment", { name, title });
    case "content_hidden":
    case "content_restored":
    case "report_outcome":
      return moderationText(t, item, title);
    case "announcement":
      return t("notifications.kinds.announcement", { title: item.announcement ?? "" });
    case "project_update":
      return t("notifications.kinds.projectUpdate", { title });
    case "results_published":
      return t("notifications.kinds.resultsPublished", { cycle: item.budget?.cycleName ?? "" });
    case "voting_opened":
    case "voting_closing":
      return t(item.kind === "voting_opened" ? "notifications.kinds.votingOpened" : "notifications.kinds.votingClosing", { cycle: item.budget?.cycleName ?? "", time: item.budget?.endsAt ? format.dateTime(item.budget.endsAt) : "" });
    case "ballot_recorded": {
      const b = item.budget;
      const envelope = envelopeLabel({ nameEn: b?.envelopeEn, nameFr: b?.envelopeFr }, i18n.language, t);
      return t("notifications.kinds.ballotRecorded", { cycle: b?.cycleName ?? "", envelope, time: b?.castAt ? format.dateTime(b.castAt) : "", code: b?.code ?? "" });
    }
    default:
      return t("notifications.kinds.other", { title });
  }
}
