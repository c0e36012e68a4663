import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("data/forum.db"),
    APP_URL: z.url().optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().default("Civic Ideas <no-reply@localhost>"),
    // "smtp" sends through SMTP_HOST; "outbox" writes each message as a file in OUTBOX_DIR instead.
    MAIL_TRANSPORT: z.enum(["smtp", "outbox"]).optional(),
    OUTBOX_DIR: z.string().min(1).default("data/outbox"),
    SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
    // Scheduled backups (db/backup.ts), off unless BACKUP_DIR is set: one every BACKUP_INTERVAL_HOURS,
    // the newest BACKUP_KEEP kept.
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_INTERVAL_HOURS: z.coerce.number().int().min(1).max(24 * 31).default(24),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production: set it to a random value of 32 characters or more (npm run demo writes one to .env)" });
    }
    // Without a mail server, mail with sign-in links would sit in a folder: production must say so on purpose.
    if (env.NODE_ENV === "production" && !env.SMTP_HOST && env.MAIL_TRANSPORT !== "outbox") {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "is required in production (or set MAIL_TRANSPORT=outbox to keep mail in OUTBOX_DIR, as the demo does)" });
    }
    if (env.MAIL_TRANSPORT === "smtp" && !env.SMTP_HOST) {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "is required when MAIL_TRANSPORT=smtp" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** A configuration mistake: the server prints its message on one line and stops, without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

let cached: (Env & { SESSION_SECRET: string; APP_URL: string; cookieSecure: boolean; mailTransport: "smtp" | "outbox" }) | undefined;

/** Validated environment; fails at start with a message naming each bad variable. */
export function getEnv() {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new ConfigError(`Configuration error: ${problems.join("; ")}.`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    // Development gets a fixed, obviously-not-secret value; production must set its own.
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-not-for-production-use",
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
    mailTransport: env.MAIL_TRANSPORT ?? (env.SMTP_HOST ? "smtp" : "outbox"),
  };
  return cached;
}
