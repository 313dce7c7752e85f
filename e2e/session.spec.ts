import { test, expect } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, signIn, storageStateFor } from "./fixtures";

test("a wrong password shows an error without saying which part was wrong", async ({ page }) => {
  await signIn(page, "supervisor@ipcasework.test", "not-the-password");
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: /email address or password is not right/ })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("supervisor@ipcasework.test");
  await expectNoAxeViolations(page);
});

test("signing out ends the session: the old cookie no longer opens staff pages", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "supervisor@ipcasework.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  const cookiesWhileSignedIn = await context.cookies();

  await page.getByRole("link", { name: "Sign out" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();

  // Replay the cookie captured before signing out, as an attacker who copied it would.
  const replay = await browser.newContext();
  await replay.addCookies(cookiesWhileSignedIn);
  const replayPage = await replay.newPage();
  await replayPage.goto("/cases");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
  await context.close();
});

test("a disabled user is locked out on their next request", async ({ browser }) => {
  const victimContext = await browser.newContext();
  const victim = await victimContext.newPage();
  await signIn(victim, "caseworker2@ipcasework.test");
  await expect(victim).toHaveURL(/\/dashboard$/);
  await victim.goto("/cases");
  await expect(victim.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();

  const adminContext = await browser.newContext({ storageState: storageStateFor("admin") });
  const admin = await adminContext.newPage();
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: "Disable caseworker2@ipcasework.test" }).click();
  await admin.getByLabel("Reason for disabling caseworker2@ipcasework.test").fill("Left the team");
  await expectNoAxeViolations(admin);
  await admin.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.getByText("Account disabled. The user was signed out.")).toBeVisible();

  await victim.goto("/cases");
  await expect(victim).toHaveURL(/\/sign-in/);
  await signIn(victim, "caseworker2@ipcasework.test");
  await expect(errorSummary(victim)).toContainText("The email address or password is not right");

  await adminContext.close();
  await victimContext.close();
});
