import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { announcements, notifications } from "#db/schema";
import { createDistrict } from "#tests/factories/places";
import { createUser } from "#tests/factories/users";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { postAnnouncement } from "./commands.server";
import { listAnnouncements } from "./queries.server";
import { AnnouncementSchema } from "./validation";

const db = () => getDb();
const told = (userId: string) => db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).all().length;

describe("announcements", () => {
  it("a district's reaches only its residents; a city-wide one reaches everyone but its author; residents cannot post", async () => {
    const north = createDistrict(db(), { slug: "north-a", nameEn: "North", nameFr: "Nord" });
    const south = createDistrict(db(), { slug: "south-a", nameEn: "South", nameFr: "Sud" });
    const [northerner, southerner, nowhere] = [await createUser(db(), { homeDistrictId: north.id }), await createUser(db(), { homeDistrictId: south.id }), await createUser(db())];
    const council = await createUser(db(), { role: "council" });
    expect(postAnnouncement(db(), northerner, AnnouncementSchema.parse({ title: "Hello", body: "Hi" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(postAnnouncement(db(), council, AnnouncementSchema.parse({ title: "Road works in the North", body: "From Monday.", districtId: String(north.id) }))).toMatchObject({ ok: true });
    expect([told(northerner.id), told(southerner.id), told(nowhere.id)]).toEqual([1, 0, 0]);
    expect(postAnnouncement(db(), council, AnnouncementSchema.parse({ title: "Voting opens", body: "Vote!", link: "/budgets/budget-2027" }))).toMatchObject({ ok: true });
    expect([told(northerner.id), told(southerner.id), told(nowhere.id), told(council.id)]).toEqual([2, 1, 1, 0]);
    expect(listAnnouncements(db(), { page: 1, districtId: south.id }).announcements.map((a) => a.title)).toEqual(["Voting opens"]);
    expect(listAnnouncements(db(), { page: 1, districtId: north.id }).announcements.map((a) => a.title)).toEqual(["Voting opens", "Road works in the North"]);
    expect(AnnouncementSchema.safeParse({ title: "Link", body: "x", link: "https://evil.example/" }).success).toBe(false);
    expect(AnnouncementSchema.safeParse({ title: "Link", body: "x", link: "javascript:alert(1)" }).success).toBe(false);
  });

  it("renders hostile text inert", async () => {
    const council = await createUser(db(), { role: "council" });
    for (const attack of XSS_CORPUS) {
      const parsed = AnnouncementSchema.safeParse({ title: "An announcement", body: attack });
      if (parsed.success) expect(postAnnouncement(db(), council, parsed.data).ok).toBe(true);
    }
    for (const a of db().select({ html: announcements.bodyHtml }).from(announcements).all()) expect(assertInertHtml(a.html)).toEqual([]);
  });
});
