import { expect, test } from "./helpers";
import { allowRefusals, expectAxeClean, lastMailTo, linkInMail, newContext, newResident, signInAs, uniqueEmail } from "./helpers";

test("a newcomer signs up, confirms the address from the e-mail, signs out and signs back in", async ({ page }) => {
  await page.goto("/signup");
  await expectAxeClean(page);
  const email = uniqueEmail("newcomer");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Public name").fill("Sam Newcomer");
  await page.getByLabel("Password", { exact: true }).fill("my long password");
  await page.getByLabel("Home district").selectOption({ label: "Harbour" });
  await page.getByRole("button", { name: "Create my account" }).click();
  // Sign-up never signs in by itself: it asks to check the mail.
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectAxeClean(page);

  // The link opens a page; confirming is a button (a mail scanner opening the link confirms nothing).
  await page.goto(await linkInMail(email, "/verify-email"));
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page.getByText("Your address is confirmed. Welcome!")).toBeVisible();
  await expect(page.getByRole("link", { name: /Sam Newcomer/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Welcome, Sam Newcomer" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await expectAxeClean(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("my long password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: /Sam Newcomer/ })).toBeVisible();

  await page.getByRole("link", { name: /Sam Newcomer/ }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByLabel("Home district")).toHaveValue(/\d+/);
  await expectAxeClean(page);
});

test("signing up with an address that has an account answers the same, and tells the owner by e-mail", async ({ page, browser }) => {
  const { context, email } = await newResident(browser, "Owen Owner");
  await context.close();
  await page.goto("/signup");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Public name").fill("Someone Else");
  await page.getByLabel("Password", { exact: true }).fill("another long password");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  expect((await lastMailTo(email, { containing: "/forgot-password" })).subject).toBe("Your address already has a Civic Ideas account");
});

test("an unconfirmed account can sign in and read, is told why it cannot take part, and can ask for a new link", async ({ page }) => {
  const email = uniqueEmail("unconfirmed");
  await page.goto("/signup");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Public name").fill("Una Confirmed");
  await page.getByLabel("Password", { exact: true }).fill("my long password");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await signInAs(page, { email, password: "my long password" });
  await expect(page.getByText("Confirm your e-mail address to take part")).toBeVisible();
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByText("A new confirmation link is on its way.")).toBeVisible();
  allowRefusals();
  await page.goto("/ideas/new");
  // The page's script has run (the root marks the document): the post goes through the router.
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  await page.getByLabel("Title").fill("A draft that waits");
  await page.getByLabel("Description").fill("Kept while I confirm.");
  await page.getByRole("button", { name: "Publish my idea" }).click();
  await expect(page.getByText("Confirm your e-mail address first")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("Kept while I confirm.");
});

test("sign-up errors appear beside their fields and keep what was typed", async ({ page }) => {
  allowRefusals();
  await page.goto("/signup");
  // Before the page's script runs, the browser's own check of the address field stops the form
  // (the person sees its bubble); this test is about the page's errors, so it waits for the script.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByLabel("Public name").fill("Kim");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText("Enter an e-mail address like name@example.org.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Public name")).toHaveValue("Kim");
  await expectAxeClean(page);
});

test("a forgotten password is reset through the e-mailed link, once", async ({ page, browser }) => {
  const { context, email } = await newResident(browser, "Pat Forgetful", { password: "the old password" });
  await context.close();

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expectAxeClean(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If an account uses this address, a link is on its way.")).toBeVisible();

  // Without a mail server the message is a file in the outbox folder; the admin's outbox page
  // lists it without the link, which would open the account.
  const link = await linkInMail(email, "/reset-password");
  const admin = await (await newContext(browser)).newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin/outbox");
  await expectAxeClean(admin);
  await admin.locator("article", { hasText: email }).first().getByRole("link", { name: "Reset your Civic Ideas password" }).click();
  await expect(admin.locator("pre")).toContainText("[link hidden");
  await expect(admin.locator("main ol")).toContainText("sent"); // its delivery attempt
  expect(await admin.content()).not.toContain(new URL(link).searchParams.get("token")!);
  await expectAxeClean(admin);
  await admin.close();

  await page.goto(link);
  await expectAxeClean(page);
  await page.getByLabel("New password", { exact: true }).fill("the new password");
  await page.getByLabel("New password again").fill("the new password");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  await signInAs(page, { email, password: "the new password" });

  // The link worked once.
  await page.goto(link);
  await expect(page.getByText("This reset link is not valid any more.")).toBeVisible();
});

test("a resident changes their password and name on the account page", async ({ page, browser }) => {
  allowRefusals();
  const { context, page: other, email } = await newResident(browser, "Pat Changer", { password: "first password" });
  await signInAs(page, { email, password: "first password" });
  await page.goto("/account");
  await page.getByLabel("Public name").fill("Renamed Person");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile was saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Renamed Person/ })).toBeVisible();

  await page.getByLabel("Current password").fill("wrong one");
  await page.getByLabel("New password", { exact: true }).fill("second password");
  await page.getByLabel("New password again").fill("second password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill("first password");
  await page.getByLabel("New password", { exact: true }).fill("second password");
  await page.getByLabel("New password again").fill("second password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  // The other device was signed out; this one stays in.
  await other.reload();
  await expect(other.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await context.close();
});

test.describe("languages", () => {
  test.use({ locale: "fr-FR" });

  test("a first visit follows the browser's language, and the switch changes it", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { name: "Des idées pour notre ville" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto("/signup");
    await expectAxeClean(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  });
});

test("unknown pages get a real 404, and the privacy page explains what is kept", async ({ page }) => {
  allowRefusals();
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAxeClean(page);

  await page.goto("/");
  await page.getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { name: "What we collect" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How long" })).toBeVisible();
  await expectAxeClean(page);
});
