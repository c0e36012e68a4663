import * as playwright from "@playwright/test";
import { expect, test } from "./helpers";
import { ACCOUNTS, E2E_PASSWORD } from "./accounts";
import { apiAs, loaderData } from "./helpers";

test.describe("HTTP protections", () => {
  test("every HTML page carries a nonce CSP that its own scripts satisfy (baseline 20)", async ({ request }) => {
    for (const path of ["/", "/login", "/no-such-page"]) {
      const response = await request.get(path);
      const headers = response.headers();
      const csp = headers["content-security-policy"];
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBeTruthy();
      const nonce = csp.match(/'nonce-([^']+)'/)![1];
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // A new nonce for every response.
      const again = (await request.get(path)).headers()["content-security-policy"];
      expect(again).not.toBe(csp);
    }
  });

  test("the session cookie is HttpOnly, SameSite=Lax, Secure, Path=/ with an absolute lifetime (baseline 6)", async ({ request }) => {
    const response = await request.post("/login", { form: { email: ACCOUNTS.resident.email, password: E2E_PASSWORD }, maxRedirects: 0 });
    const cookie = response.headers()["set-cookie"];
    // __Host-: the browser refuses it unless Secure, host-only and for the whole site.
    expect(cookie).toMatch(/^__Host-civic_session=/);
    for (const flag of ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=2592000"]) expect(cookie).toContain(flag);
  });

  test("forms posted from another origin are refused with 403 (baseline 18)", async ({ baseURL }) => {
    const admin = await apiAs(playwright, baseURL!, "admin");
    for (const path of ["/logout", "/login", "/signup", "/account", "/language", "/forgot-password", "/admin/users"]) {
      const response = await admin.post(path, { headers: { Origin: "https://evil.example" }, form: { intent: "changeRole", userId: "x", role: "admin" }, maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
    }
    // The admin's session survived the forged sign-out.
    expect((await admin.get("/admin/users", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("a form posted with a foreign Referer and no Origin is refused, and so is Sec-Fetch-Site: cross-site (issue 7 item 6)", async ({ baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    for (const headers of [{ Referer: "https://evil.example/page.html" }, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
      const response = await admin.post("/login", { headers, form: { email: ACCOUNTS.admin.email, password: E2E_PASSWORD }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
    }
    const ours = await admin.post("/login", { headers: { Referer: `${baseURL}/login` }, form: { email: ACCOUNTS.admin.email, password: E2E_PASSWORD }, maxRedirects: 0 });
    expect(ours.status()).toBe(302);
  });

  test("bodies are bounded: a large or non-form body is refused with 413 or 415, never a 500 (issue 7 items 3 and 8)", async ({ request }) => {
    const big = await request.post("/login", { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "email=" + "a".repeat(2 * 1024 * 1024), maxRedirects: 0 });
    expect(big.status()).toBe(413);
    for (const [type, data] of [["application/json", '{"email":"a"}'], ["text/plain", "email=a"]]) {
      const response = await request.post("/login", { headers: { "Content-Type": type }, data, maxRedirects: 0 });
      expect(response.status(), type).toBe(415);
      expect(await response.text()).not.toMatch(/at .*\.js:\d+/);
    }
  });

  test("GET never changes state: visiting /logout does not sign out (baseline 18)", async ({ baseURL }) => {
    const resident = await apiAs(playwright, baseURL!, "resident");
    await resident.get("/logout");
    expect((await resident.get("/account", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("redirectTo never leaves the site (baseline 19)", async ({ request }) => {
    for (const target of ["https://evil.example", "//evil.example", "/\\evil.example", "%2F%2Fevil.example", "javascript:alert(1)", "/.//evil.example", "/%2e//evil.example", "/x/..//evil.example"]) {
      const response = await request.post("/login", {
        form: { email: ACCOUNTS.moderator.email, password: E2E_PASSWORD, redirectTo: target },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(302);
      expect(response.headers()["location"], target).toBe("/");
    }
  });

  test("loader JSON never carries another person's e-mail or password hash (baseline 14)", async ({ baseURL }) => {
    const resident = await apiAs(playwright, baseURL!, "resident");
    for (const [path, route] of [["/", "root"], ["/account", "routes/account"], ["/", "routes/_index"]]) {
      const body = JSON.stringify(await loaderData(resident, path, route));
      expect(body).not.toContain(ACCOUNTS.admin.email);
      expect(body).not.toContain("argon2");
    }
  });
});
