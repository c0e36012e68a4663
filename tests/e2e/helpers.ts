import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { decode } from "turbo-stream";
import type { Role } from "~/modules/users/roles";
import { ACCOUNTS, E2E_OUTBOX, E2E_PASSWORD } from "./accounts";

/**
 * Every page of every context a test opens is watched: an uncaught page error or a console error
 * (a hydration mismatch, a failed script) fails the test. A failed request the test expects (a
 * refused form's 4xx, the test tile server's 404s) is allowed by `allowRefusals()`.
 */
const problems: string[] = [];
let refusalsAllowed = false;

export function watch(context: BrowserContext) {
  context.on("weberror", (error) => {
    // See the AbortError note below: an aborted fetcher request surfacing as an uncaught error.
    if (error.error().message === "signal is aborted without reason") return;
    // React 18 with single fetch, now and then on a page load under load: "Root did not complete"
    // (remix-run/react-router#12763, open upstream; the page then renders normally).
    if (error.error().message.startsWith("Minified React error #345;")) return;
    problems.push(`page error: ${error.error().message}`);
  });
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const url = message.location().url ?? "";
    const failedRequest = /Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
    if (failedRequest && (url.includes("/tiles/") || refusalsAllowed)) return;
    // A navigation aborts the page's in-flight fetcher requests by design; React Router's single
    // fetch reports some of those aborts on the console (remix-run/react-router#14203). Not ours.
    if (message.text().startsWith("AbortError: signal is aborted without reason")) return;
    problems.push(`console error: ${message.text()} (${url})`);
  });
  return context;
}

/** The test makes requests it expects to be refused (4xx); their console lines are not defects. */
export function allowRefusals() {
  refusalsAllowed = true;
}

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ context }, use) => {
      problems.length = 0;
      refusalsAllowed = false;
      watch(context);
      await use();
      expect(problems, "page and console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function newContext(browser: Browser, options: BrowserContextOptions = {}) {
  return watch(await browser.newContext(options));
}

/** WCAG 2.2 AA checks on the page as it is now. */
export async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function signInAs(page: Page, who: Role | { email: string; password: string }) {
  const { email, password } = typeof who === "string" ? { email: ACCOUNTS[who].email, password: E2E_PASSWORD } : who;
  // By field names, not labels: the same in every language.
  await page.goto("/login");
  await page.locator("main input[name=email]").fill(email);
  await page.locator("main input[name=password]").fill(password);
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator("form[action='/logout'] button")).toBeVisible();
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** A message as the recipient's mail program reads it; `headers` are the raw header lines, by lower-case name. */
export type OutboxMail = { subject: string; text: string; html: string; headers: Record<string, string>; file: string };

const rawHeaders = (lines: readonly { key: string; line: string }[]) => Object.fromEntries(lines.map((l) => [l.key, l.line.slice(l.line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim()]));

/** Every message in the outbox folder to an address, oldest first (the e2e server has no mail server). */
export async function mailsTo(address: string): Promise<OutboxMail[]> {
  const files = fs.existsSync(E2E_OUTBOX) ? fs.readdirSync(E2E_OUTBOX).filter((f) => f.endsWith(".eml")) : [];
  const mails = await Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(fs.readFileSync(path.join(E2E_OUTBOX, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.flatMap((a) => a.value) : (parsed.to?.value ?? []);
      return { to: to.map((a) => a.address?.toLowerCase()), date: parsed.date?.getTime() ?? 0, id: Number(/mail-(\d+)@/.exec(file)?.[1] ?? 0), mail: { subject: parsed.subject ?? "", text: parsed.text ?? "", html: typeof parsed.html === "string" ? parsed.html : "", headers: rawHeaders(parsed.headerLines), file } };
    }),
  );
  return mails
    .filter((m) => m.to.includes(address.toLowerCase()))
    .sort((a, b) => a.id - b.id)
    .map((m) => m.mail);
}

/** The newest message to an address containing some text, waiting for the background sender to write it. */
export async function lastMailTo(address: string, { containing = "" } = {}) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const mail = (await mailsTo(address)).filter((m) => m.text.includes(containing)).at(-1);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address}${containing ? ` containing ${containing}` : ""}`);
}

export async function linkInMail(address: string, path: string) {
  const mail = await lastMailTo(address, { containing: path });
  const link = mail.text.match(new RegExp(`https?://\\S+${path.replace(/[/.]/g, "\\$&")}\\?token=\\S+`))?.[0];
  if (!link) throw new Error(`no ${path} link in the mail to ${address}`);
  return link;
}

/**
 * An HTTP client signed in as `role` (or anonymous), sending our own Origin like a browser
 * posting one of our forms would. The session cookie is passed by hand so the test sees
 * exactly what the server set.
 */
export async function apiAs(playwright: typeof import("@playwright/test"), baseURL: string, role: Role | { email: string; password: string } | null) {
  let cookie = "";
  if (role) {
    const { email, password } = typeof role === "string" ? { email: ACCOUNTS[role].email, password: E2E_PASSWORD } : role;
    const login = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const response = await login.post("/login", { form: { email, password }, maxRedirects: 0 });
    expect(response.status(), `sign-in as ${email}`).toBe(302);
    cookie = (response.headers()["set-cookie"] ?? "").split(";")[0];
    await login.dispose();
  }
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL, ...(cookie ? { Cookie: cookie } : {}) } });
}

/**
 * What a route's loader sends the browser, through Single Fetch's data request (`/path.data`,
 * turbo-stream encoded): the security tests read it as a browser's JavaScript would.
 */
export async function loaderData<T = Record<string, unknown>>(client: APIRequestContext, path: string, routeId: string): Promise<T> {
  const [pathname, search = ""] = path.split("?");
  const params = new URLSearchParams(search);
  params.set("_routes", routeId);
  const response = await client.get(`${pathname === "/" ? "/_root" : pathname}.data?${params}`);
  expect(response.status(), `${path} data`).toBeLessThan(400);
  const body = await response.body();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(body));
      controller.close();
    },
  });
  const decoded = await decode(stream);
  await decoded.done;
  const value = decoded.value as Record<string, { data?: T }>;
  return value[routeId]?.data as T;
}

export const RESIDENT_PASSWORD = "resident password 1";

/**
 * Signs a brand-new resident up in a fresh browser context and confirms the address with the
 * mailed link (read from the outbox), which signs them in; returns the page.
 */
export async function newResident(
  browser: Browser,
  name: string,
  { password = RESIDENT_PASSWORD, ...options }: { locale?: string; javaScriptEnabled?: boolean; password?: string } = {},
) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  await page.goto("/signup");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=displayName]").fill(name);
  await page.locator("input[name=password]").fill(password);
  await page.locator("main form button[type=submit]").last().click();
  await page.waitForURL((url) => url.pathname === "/signup/check-email");
  await page.goto(await linkInMail(email, "/verify-email"));
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/");
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
