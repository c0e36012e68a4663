/**
 * The one logger. Every message and field passes through `redact`, so passwords, session ids,
 * tokens and full e-mail addresses never reach the logs (security baseline item 33).
 */
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const SECRET_KEYS = /pass(word)?|token|secret|session|cookie|authorization/i;
const TOKEN_PARAM = /([?&](token|session|code)=)[^&\s]+/gi;

export function redact(value: unknown, key = ""): unknown {
  if (SECRET_KEYS.test(key)) return "[redacted]";
  if (typeof value === "string") return value.replace(EMAIL, "$1***@$2").replace(TOKEN_PARAM, "$1[redacted]");
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

type Level = "info" | "warn" | "error";

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: redact(message), ...(redact(fields ?? {}) as object) });
  (level === "error" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
