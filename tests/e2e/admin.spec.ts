import { expect, test } from "./helpers";
import { RESIDENT_PASSWORD, allowRefusals, expectAxeClean, newResident, signInAs } from "./helpers";

test("an admin suspends a resident, who is signed out and refused, then reinstates them", async ({ page, browser }) => {
  allowRefusals();
  const { page: resident, email } = await newResident(browser, "Terry Trouble");

  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).click();
  await expectAxeClean(page);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel("Search by name or e-mail").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: /Terry Trouble/ });
  await row.getByLabel("Reason for suspending Terry Trouble").fill("Spam in every thread");
  await row.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByText("The account was updated.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Terry Trouble/ })).toContainText("Suspended since");

  // The live session is over, and signing in again is refused with the reason why.
  await resident.goto("/account");
  await expect(resident).toHaveURL(/\/login/);
  await resident.getByLabel("E-mail address").fill(email);
  await resident.getByLabel("Password", { exact: true }).fill(RESIDENT_PASSWORD);
  await resident.getByRole("button", { name: "Sign in" }).click();
  await expect(resident.getByText("This account is suspended.")).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row", { name: /Account suspended.*Terry Trouble/ })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByLabel("Search by name or e-mail").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("row", { name: /Terry Trouble/ }).getByRole("button", { name: "Reinstate" }).click();
  await expect(page.getByRole("row", { name: /Terry Trouble/ })).toContainText("Active");
  await resident.getByRole("button", { name: "Sign in" }).click();
  await expect(resident.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("an admin promotes a resident to moderator and the badge shows", async ({ page, browser }) => {
  const { page: other, email } = await newResident(browser, "Pat Promoted");

  await signInAs(page, "admin");
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("row", { name: /Pat Promoted/ });
  await row.getByLabel("Role of Pat Promoted").selectOption("moderator");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("The account was updated.")).toBeVisible();
  await other.reload();
  await expect(other.getByRole("link", { name: /Pat Promoted/ })).toContainText("Moderator");
});
