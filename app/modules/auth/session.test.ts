import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { createUser } from "#tests/factories/users";
import { loader as rootLoader } from "~/root";
import { createSession, validateSessionCookie } from "./session.server";

const HOUR = 3_600_000;

async function signedInRequest(userId: string) {
  const cookie = await createSession(getDb(), userId);
  return new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
}

describe("the signed-in person every page reads", () => {
  it("carries the account's times as dates, and the header tells a silenced resident until when, and only while it lasts", async () => {
    const db = getDb();
    const person = await createUser(db);
    const until = new Date(Math.floor((Date.now() + 2 * HOUR) / 1000) * 1000);
    db.update(users).set({ silencedUntil: until }).where(eq(users.id, person.id)).run();
    const request = await signedInRequest(person.id);
    const state = await validateSessionCookie(db, request);
    expect(state.user?.silencedUntil).toEqual(until);
    expect(state.user?.emailVerifiedAt).toBeInstanceOf(Date);

    const page = await rootLoader({ request, context: { db, cspNonce: "n", clientIp: "127.0.0.1" }, params: {} });
    expect(page.user?.silencedUntil).toBe(until.toISOString());
    db.update(users).set({ silencedUntil: new Date(Date.now() - HOUR) }).where(eq(users.id, person.id)).run();
    // A new request (each request reads the person once).
    const later = new Request(request.url, { headers: request.headers });
    const after = await rootLoader({ request: later, context: { db, cspNonce: "n", clientIp: "127.0.0.1" }, params: {} });
    expect(after.user?.silencedUntil).toBeNull();
  });
});
