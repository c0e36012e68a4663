import type { TFunction } from "i18next";
import type { Locale } from "~/modules/i18n/config";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { MailKind } from "./kinds";
import { shownName } from "~/modules/users/names";

export type RenderedMail = { subject: string; text: string; html: string };

type Data = Record<string, string | number | null>;
type Links = { base: string; unsubscribe: string | null; redact?: boolean };

export function escapeHtml(value: unknown) {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * One e-mail in both parts from translated paragraphs. Every value that came from a person
 * (titles, names, responses) is escaped in the HTML part; `html` items are markup this module
 * made from sanitized Markdown (renderMarkdown) and are inserted as they are.
 */
type Part = { text: string } | { link: string; label: string } | { html: string; text: string };

function compose(subject: string, parts: Part[], footer: string[]): RenderedMail {
  const text = [...parts.map((p) => ("link" in p ? `${p.label}: ${p.link}` : p.text)), "", ...footer].join("\n\n");
  const body = parts
    .map((p) => ("link" in p ? `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>` : "html" in p ? `<div>${p.html}</div>` : `<p>${escapeHtml(p.text).replace(/\n/g, "<br>")}</p>`))
    .join("\n");
  const foot = footer.map((f) => `<p style="color:#555;font-size:13px">${escapeHtml(f)}</p>`).join("\n");
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">${body}\n${foot}</body></html>`;
  return { subject, text, html };
}

/** A moment in words for an e-mail, in the city's time zone, with the zone named. */
function longTime(iso: string, locale: Locale, timeZone: string | number | null | undefined) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "long", timeZone: String(timeZone ?? "UTC") }).format(new Date(iso));
}

/** A link kept out of the admin's outbox view: sign-in and reset links open accounts. */
const link = (links: Links, url: string, t: TFunction) => (links.redact ? t("mail.redacted") : url);

function notificationParts(t: TFunction, data: Data, links: Links, locale: Locale): { subject: string; parts: Part[] } {
  const title = String(data.ideaTitle ?? "");
  const ideaUrl = `${links.base}/ideas/${data.ideaId}`;
  const read = (url: string): Part => ({ link: url, label: t("mail.notification.read") });
  const name = data.actorName ? shownName(String(data.actorName), t) : t("notifications.someone");
  const department = String(data.department ?? t("mail.notification.theCity"));
  const commentUrl = `${ideaUrl}?page=${data.page ?? 1}#comment-${data.commentId}`;
  switch (data.notificationKind) {
    case "idea_answered": {
      const parts: Part[] = [{ text: t(data.status ? "mail.notification.answered.withStatus" : "mail.notification.answered.body", { title, department, status: data.status ? t(`ideas.status.${data.status}`) : "" }) }];
      if (data.responseHtml) parts.push({ html: String(data.responseHtml), text: String(data.responseText ?? "") });
      return { subject: t(data.own ? "mail.notification.answered.subjectOwn" : "mail.notification.answered.subject", { title }), parts: [...parts, read(`${ideaUrl}#timeline`)] };
    }
    case "idea_status": {
      const status = t(`ideas.status.${data.status ?? "published"}`);
      return { subject: t("mail.notification.status.subject", { title, status }), parts: [{ text: t("mail.notification.status.body", { title, department, status }) }, read(`${ideaUrl}#timeline`)] };
    }
    case "idea_merged":
      return {
        subject: t(data.own ? "mail.notification.merged.subjectOwn" : "mail.notification.merged.subject", { title }),
        parts: [{ text: t("mail.notification.merged.body", { title, original: data.originalTitle ?? "" }) }, read(`${links.base}/ideas/${data.originalId}`)],
      };
    case "comment_reply":
      return { subject: t("mail.notification.reply.subject", { name, title }), parts: [{ text: t("mail.notification.reply.body", { name, title }) }, { text: String(data.excerpt ?? "") }, read(commentUrl)] };
    case "idea_comments":
      return { subject: t("mail.notification.comments.subject", { title }), parts: [{ text: t("mail.notification.comments.body", { name, title }) }, { text: String(data.excerpt ?? "") }, read(commentUrl)] };
    case "content_hidden":
    case "content_restored":
    case "report_outcome": {
      const what = data.targetType === "comment" ? "comment" : "idea";
      const line =
        data.notificationKind === "content_restored"
          ? t(`notifications.moderation.restored.${what}`, { title })
          : data.notificationKind === "report_outcome"
            ? t(`notifications.moderation.outcome.${data.action ?? "dismissed"}`, { title, what: t(`notifications.moderation.what.${what}`) })
            : data.hiddenKind === "auto"
              ? t(`notifications.moderation.pending.${what}`, { title })
              : data.hiddenKind === "needs_changes"
                ? t("notifications.moderation.needsChanges", { title, reason: data.reason ?? "" })
                : t(`notifications.moderation.hidden.${what}`, { title, reason: data.reason ?? "" });
      const parts: Part[] = [{ text: `${line}.` }];
      if (data.notificationKind === "content_hidden" && data.hiddenKind !== "auto") parts.push({ text: t("notifications.moderation.why") });
      return { subject: line, parts: [...parts, read(data.commentId ? commentUrl : ideaUrl)] };
    }
    case "announcement": {
      const line = t("notifications.kinds.announcement", { title: String(data.title ?? "") });
      return { subject: line, parts: [{ text: `${line}.` }, read(`${links.base}${typeof data.link === "string" ? data.link : `/announcements#announcement-${data.announcementId}`}`)] };
    }
    case "project_update": {
      const line = t("notifications.kinds.projectUpdate", { title });
      return { subject: line, parts: [{ text: `${line}.` }, read(`${links.base}/projects/${data.ideaId}#updates`)] };
    }
    case "results_published": {
      const line = t("notifications.kinds.resultsPublished", { cycle: String(data.cycleName ?? "") });
      return { subject: line, parts: [{ text: `${line}.` }, read(`${links.base}/budgets/${data.cycle}/results`)] };
    }
    case "voting_opened":
    case "voting_closing": {
      const opened = data.notificationKind === "voting_opened";
      const params = { cycle: String(data.cycleName ?? ""), time: data.endsAt ? longTime(String(data.endsAt), locale, data.timeZone) : "" };
      const line = t(opened ? "notifications.kinds.votingOpened" : "notifications.kinds.votingClosing", params);
      return { subject: line, parts: [{ text: `${line}.` }, { link: `${links.base}/budgets/${data.cycle}/vote`, label: t("budgets.banner.action.notVoted") }] };
    }
    default:
      return { subject: t("mail.notification.generic.subject"), parts: [{ text: String(data.text ?? "") }, ...(data.url ? [read(`${links.base}${data.url}`)] : [])] };
  }
}

/** The words of one message, in the recipient's language, from what the outbox row says to send. */
export function renderMail(kind: MailKind, data: Data, locale: Locale, links: Links): RenderedMail {
  const t = getFixedT(locale);
  const footer = links.unsubscribe ? [t("mail.footer.why"), t("mail.footer.unsubscribe", { link: links.unsubscribe })] : [t("mail.footer.account")];
  switch (kind) {
    case "verify_email":
      return compose(t("mail.verify.subject"), [{ text: t("mail.verify.intro") }, { link: link(links, String(data.link), t), label: t("mail.verify.action", { hours: data.hours }) }, { text: t("mail.verify.notYou") }], footer);
    case "existing_account":
      return compose(
        t("mail.existingAccount.subject"),
        [{ text: t("mail.existingAccount.intro") }, { link: `${links.base}/login`, label: t("mail.existingAccount.signIn") }, { link: `${links.base}/forgot-password`, label: t("mail.existingAccount.reset") }, { text: t("mail.existingAccount.notYou") }],
        footer,
      );
    case "password_reset":
      return compose(t("mail.reset.subject"), [{ text: t("mail.reset.intro") }, { link: link(links, String(data.link), t), label: t("mail.reset.action", { minutes: data.minutes }) }, { text: t("mail.reset.notYou") }], footer);
    case "notification": {
      const { subject, parts } = notificationParts(t, data, links, locale);
      return compose(subject, parts, footer);
    }
    case "digest": {
      const items = JSON.parse(String(data.items ?? "[]")) as Data[];
      const parts: Part[] = [{ text: t("mail.digest.intro", { count: items.length }) }];
      for (const item of items) parts.push({ link: `${links.base}/ideas/${item.ideaId}`, label: t(`mail.digest.item.${item.kind}`, { title: item.ideaTitle ?? "", count: Number(item.count ?? 1) }) });
      return compose(t("mail.digest.subject", { count: items.length }), parts, footer);
    }
    case "ballot_receipt": {
      const envelope = (locale === "fr" ? data.envelopeFr : data.envelopeEn) ?? t("budgets.cityWide");
      const time = longTime(String(data.castAt), locale, data.timeZone);
      return compose(
        t("mail.ballot.subject"),
        [{ text: t("mail.ballot.body", { code: data.code, time, envelope, cycle: data.cycleName ?? "" }) }, { link: `${links.base}${data.url ?? "/"}`, label: t("mail.ballot.check") }],
        footer,
      );
    }
  }
}
