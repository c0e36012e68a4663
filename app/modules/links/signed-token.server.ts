import crypto from "node:crypto";
import { getEnv } from "~/utils/env.server";

/**
 * Signed links: the e-mail confirmation link now; one-click unsubscribe and data-export links
 * later. A token is its payload (base64url JSON with an expiry) and an HMAC-SHA256 of it, keyed by
 * SESSION_SECRET and the link's purpose, so a token made for one purpose is worthless for another,
 * and changing the secret voids every link. The payload is readable: never put a secret in it.
 */
export type TokenPurpose = "verify-email" | "unsubscribe" | "data-export";
type Payload = Record<string, string | number>;

const keys = new Map<string, Buffer>();
function keyFor(purpose: TokenPurpose) {
  const secret = getEnv().SESSION_SECRET;
  const id = `${purpose}|${secret}`;
  let key = keys.get(id);
  if (!key) keys.set(id, (key = crypto.createHmac("sha256", secret).update(`civic-ideas:${purpose}`).digest()));
  return key;
}

const mac = (purpose: TokenPurpose, body: string) => crypto.createHmac("sha256", keyFor(purpose)).update(body).digest("base64url");

export function signToken(purpose: TokenPurpose, payload: Payload, ttlSeconds: number | null) {
  const body = Buffer.from(JSON.stringify({ ...payload, ...(ttlSeconds === null ? {} : { exp: Math.floor(Date.now() / 1000) + ttlSeconds }) })).toString("base64url");
  return `${body}.${mac(purpose, body)}`;
}

/** The payload of a genuine, unexpired token for this purpose, or null. */
export function readToken(purpose: TokenPurpose, token: unknown): Payload | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(purpose, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
    if (typeof payload !== "object" || payload === null) return null;
    if (typeof payload.exp === "number" && payload.exp < Date.now() / 1000) return null;
    return payload;
  } catch {
    return null;
  }
}

/** A short fingerprint of a value (an e-mail address) to bind a token to it without revealing it. */
export function fingerprint(value: string) {
  return crypto.createHash("sha256").update(value).digest("base64url").slice(0, 16);
}
