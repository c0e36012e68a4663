import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import type { Role } from "#db/schema/users";
import { ACCOUNTS, E2E_PASSWORD } from "./accounts";

/** WCAG 2.2 AA checks on the page as it is now. */
export async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function signInAs(page: Page, who: Role | { email: string; password: string }) {
  const { email, password } = typeof who === "string" ? { email: ACCOUNTS[who].email, password: E2E_PASSWORD } : who;
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/**
 * An HTTP client signed in as `role` (or anonymous), sending our own Origin like a browser
 * posting one of our forms would. The session cookie is passed by hand so the test sees
 * exactly what the server set.
 */
export async function apiAs(playwright: typeof import("@playwright/test"), baseURL: string, role: Role | null) {
  let cookie = "";
  if (role) {
    const login = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const response = await login.post("/login", { form: { email: ACCOUNTS[role].email, password: E2E_PASSWORD }, maxRedirects: 0 });
    expect(response.status(), `sign-in as ${role}`).toBe(302);
    cookie = (response.headers()["set-cookie"] ?? "").split(";")[0];
    await login.dispose();
  }
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL, ...(cookie ? { Cookie: cookie } : {}) } });
}

export const RESIDENT_PASSWORD = "resident password 1";

/** Signs a brand-new resident up in a fresh browser context; returns the page. */
export async function newResident(
  browser: import("@playwright/test").Browser,
  name: string,
  { password = RESIDENT_PASSWORD, ...options }: { locale?: string; javaScriptEnabled?: boolean; password?: string } = {},
) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  await page.goto("/signup");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=displayName]").fill(name);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form button[type=submit]").last().click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  return { page, context, email };
}

/** A small JPEG made on the spot, with GPS metadata that must not survive the upload. */
export async function makeJpeg() {
  const sharp = (await import("sharp")).default;
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestCam", Model: "E2E" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
    .toBuffer();
}
