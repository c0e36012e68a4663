import fs from "node:fs";
import path from "node:path";
import * as playwright from "@playwright/test";
import { expect, test } from "@playwright/test";
import { ROLES, type Role } from "#db/schema/users";
import { STAFF_AREAS, type StaffArea } from "~/modules/auth/policy";
import { apiAs } from "./helpers";

/**
 * Security baseline 9, generated from the route folders: a new staff route is covered the
 * moment it exists. Every loader and action is requested as visitor and as each role.
 */
const routeFolders = fs.readdirSync(path.resolve("app/routes"));
const staffRoutes = routeFolders
  .map((folder) => ({ folder, area: folder.split(".")[0] as StaffArea }))
  .filter(({ area }) => area in STAFF_AREAS)
  .map(({ folder, area }) => ({
    area,
    url:
      "/" +
      folder
        .split(".")
        .filter((s) => s !== "_index" && !s.startsWith("_"))
        .map((s) => (s.startsWith("$") ? "does-not-exist" : s))
        .join("/"),
  }));

test("the route list has staff routes to check", () => {
  expect(staffRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(["/admin", "/admin/users", "/admin/audit", "/admin/outbox"]));
});

for (const who of [null, ...ROLES] as (Role | null)[]) {
  test(`staff routes as ${who ?? "visitor"}`, async ({ baseURL }) => {
    const client = await apiAs(playwright, baseURL!, who);
    for (const { area, url } of staffRoutes) {
      const allowed = who !== null && (STAFF_AREAS[area] as readonly Role[]).includes(who);
      const get = await client.get(url, { maxRedirects: 0 });
      const post = await client.post(url, { form: { intent: "changeRole", userId: "x", role: "admin" }, maxRedirects: 0 });
      if (who === null) {
        expect(get.status(), `GET ${url}`).toBe(302);
        expect(get.headers()["location"], `GET ${url}`).toMatch(/^\/login\?redirectTo=/);
        expect([302, 405], `POST ${url}`).toContain(post.status());
        if (post.status() === 302) expect(post.headers()["location"]).toMatch(/^\/login/);
      } else if (allowed) {
        expect([200, 302], `GET ${url}`).toContain(get.status());
        if (get.status() === 302) expect(get.headers()["location"]).not.toMatch(/login/);
      } else {
        expect(get.status(), `GET ${url} as ${who}`).toBe(403);
        expect([403, 405], `POST ${url} as ${who}`).toContain(post.status());
      }
    }
  });
}
