import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { auditEvents } from "#db/schema";
import { createUser } from "#tests/factories/users";
import { updateSiteSettings } from "./commands.server";
import { getSiteSettings } from "./queries.server";

describe("site settings", () => {
  it("default to Paris, the euro and a Paris map, until an admin changes them (audited)", async () => {
    expect(getSiteSettings(getDb())).toEqual({
      timeZone: "Europe/Paris",
      currency: "EUR",
      mapCenter: { latitude: 48.8566, longitude: 2.3522, zoom: 12 },
      responsePromise: { firstResponseDays: 30, decisionDays: 60 },
      queue: { supportThreshold: 25, monthlyTopPerCategory: 3 },
      autoHide: { reporters: 3, weight: 3 },
    });
    const admin = await createUser(getDb(), { role: "admin" });
    const result = updateSiteSettings(getDb(), admin, { timeZone: "America/Montreal", currency: "CAD" });
    expect(result.ok).toBe(true);
    expect(getSiteSettings(getDb())).toMatchObject({ timeZone: "America/Montreal", currency: "CAD" });
    expect(getDb().select().from(auditEvents).all().map((e) => [e.action, e.targetId, e.details])).toEqual([
      ["settings.changed", "timeZone", { from: "Europe/Paris", to: "America/Montreal" }],
      ["settings.changed", "currency", { from: "EUR", to: "CAD" }],
    ]);
  });

  it("are changed by admins only (council cannot, baseline 11)", async () => {
    for (const role of ["resident", "moderator", "council"] as const) {
      const someone = await createUser(getDb(), { role });
      expect(updateSiteSettings(getDb(), someone, { currency: "USD" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(getSiteSettings(getDb()).currency).toBe("EUR");
  });
});
