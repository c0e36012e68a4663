import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "~/utils/env.server";

export type OutgoingMail = { messageId: string; to: string; subject: string; text: string; html: string; headers: Record<string, string> };

export type Transport = { name: "smtp" | "outbox"; deliver(mail: OutgoingMail): Promise<void> };

/**
 * Without a mail server each message is written as an .eml file in OUTBOX_DIR, named by its
 * stable Message-ID: the operator (and the tests) read them, and a message delivered twice after a
 * crash is the same file written again, not a second message.
 */
export function outboxTransport(dir = getEnv().OUTBOX_DIR): Transport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let ready: Promise<unknown> | undefined;
  return {
    name: "outbox",
    async deliver(mail) {
      ready ??= fs.mkdir(dir, { recursive: true });
      await ready;
      const info = await composer.sendMail({ from: getEnv().MAIL_FROM, ...mail, textEncoding: "base64" });
      const file = path.join(dir, `${mail.messageId.replace(/[<>]/g, "").replace(/[^\w.@-]/g, "_")}.eml`);
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file);
    },
  };
}

export function smtpTransport(): Transport {
  const env = getEnv();
  const smtp = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? 587,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
  });
  return {
    name: "smtp",
    async deliver(mail) {
      await smtp.sendMail({ from: env.MAIL_FROM, ...mail });
    },
  };
}

let configured: Transport | undefined;

/** The transport the configuration chose (MAIL_TRANSPORT, or SMTP when SMTP_HOST is set). */
export function getTransport(): Transport {
  configured ??= getEnv().mailTransport === "smtp" ? smtpTransport() : outboxTransport();
  return configured;
}
