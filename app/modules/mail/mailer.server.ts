import nodemailer from "nodemailer";
import type { Db } from "#db/client";
import { outboxMessages } from "#db/schema";
import { getEnv } from "~/utils/env.server";
import { log } from "~/utils/log.server";

export type Mail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

function smtpTransport() {
  const env = getEnv();
  if (!env.SMTP_HOST) return undefined;
  transport ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? 587,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
  });
  return transport;
}

/**
 * Sends through SMTP when configured, otherwise stores the message in the local outbox
 * (readable by admins at /admin/outbox). Never called inside a database transaction.
 */
export async function sendMail(db: Db, mail: Mail) {
  const smtp = smtpTransport();
  if (!smtp) {
    db.insert(outboxMessages).values({ toAddress: mail.to, subject: mail.subject, text: mail.text, createdAt: new Date() }).run();
    return;
  }
  try {
    await smtp.sendMail({ from: getEnv().MAIL_FROM, ...mail });
  } catch (error) {
    // A mail failure must not undo what the person did; it is logged (address redacted).
    log.error("mail delivery failed", { to: mail.to, subject: mail.subject, error });
  }
}
