import * as playwright from "@playwright/test";
import { expect, test } from "./helpers";
import { AUDIENCES } from "~/modules/auth/policy";
import { ROLES, type Role } from "~/modules/users/roles";
import { apiAs } from "./helpers";
import { listRoutes } from "./route-audiences";

/**
 * Security baseline 9, generated from the routes themselves: each route declares its audience,
 * and every loader and action of a restricted one is requested as a visitor and as each role.
 * A new route is covered the moment it exists; one that forgets to declare fails the first test.
 */
const routes = listRoutes();
const restricted = routes.filter((r) => r.audience && r.audience !== "public");

test("every route declares who it is for", () => {
  expect(routes.filter((r) => !r.audience).map((r) => r.folder)).toEqual([]);
  // Shared prefixes are decided by the declaration, not the URL.
  expect(restricted.map((r) => r.url)).toEqual(expect.arrayContaining(["/admin", "/admin/users", "/admin/audit", "/admin/outbox", "/admin/settings", "/staff", "/moderation"]));
});

for (const who of [null, ...ROLES] as (Role | null)[]) {
  test(`restricted routes as ${who ?? "visitor"}`, async ({ baseURL }) => {
    const client = await apiAs(playwright, baseURL!, who);
    for (const { url, audience, hasLoader, hasAction } of restricted) {
      const roles = AUDIENCES[audience!] as readonly Role[];
      const allowed = who !== null && roles.includes(who);
      const get = await client.get(url, { maxRedirects: 0 });
      const post = await client.post(url, { form: { intent: "changeRole", userId: "x", role: "admin" }, maxRedirects: 0 });
      const where = `${url} (${audience}) as ${who ?? "visitor"}`;
      if (who === null) {
        if (hasLoader) {
          expect(get.status(), `GET ${where}`).toBe(302);
          expect(get.headers()["location"], `GET ${where}`).toMatch(/^\/(login\?redirectTo=|$)/);
        }
        if (hasAction) {
          expect(post.status(), `POST ${where}`).toBe(302);
          expect(post.headers()["location"], `POST ${where}`).toMatch(/^\/login/);
        }
      } else if (allowed) {
        if (hasLoader) expect([200, 302, 404], `GET ${where}`).toContain(get.status());
        if (get.status() === 302) expect(get.headers()["location"], `GET ${where}`).not.toMatch(/login/);
        expect(post.status(), `POST ${where}`).not.toBe(403);
      } else {
        if (hasLoader) expect(get.status(), `GET ${where}`).toBe(403);
        if (hasAction) expect(post.status(), `POST ${where}`).toBe(403);
      }
    }
  });
}
