import { describe, expect, it } from "vitest";
import { fingerprint, readToken, signToken } from "./signed-token.server";

describe("signed links", () => {
  it("carry their payload, for their purpose only", () => {
    const token = signToken("verify-email", { u: "abc", e: fingerprint("a@example.org") }, 3600);
    expect(readToken("verify-email", token)).toMatchObject({ u: "abc", e: fingerprint("a@example.org") });
    expect(readToken("unsubscribe", token)).toBeNull();
  });

  it("refuse a changed payload, a changed signature, an expired token and junk", () => {
    const token = signToken("unsubscribe", { u: "abc", g: "comments" }, 3600);
    const [body, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ u: "someone-else", g: "comments", exp: 9_999_999_999 })).toString("base64url");
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(1)}x`, `${body}.`, body, `${token}.extra`, "", null, 42, "a".repeat(3000)]) {
      expect(readToken("unsubscribe", bad)).toBeNull();
    }
    expect(readToken("unsubscribe", signToken("unsubscribe", { u: "abc" }, -1))).toBeNull();
    // No expiry at all when asked for (an unsubscribe link stays valid).
    expect(readToken("unsubscribe", signToken("unsubscribe", { u: "abc" }, null))).toEqual({ u: "abc" });
  });
});
