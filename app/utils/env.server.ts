import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("data/forum.db"),
    APP_URL: z.url().optional(),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().default("Civic Ideas <no-reply@localhost>"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production (npm run setup writes one to .env)" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: (Env & { SESSION_SECRET: string; APP_URL: string; cookieSecure: boolean }) | undefined;

/** Validated environment; fails at start with a message naming each bad variable. */
export function getEnv() {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    // Development gets a fixed, obviously-not-secret value; production must set its own.
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-not-for-production-use",
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
  };
  return cached;
}
