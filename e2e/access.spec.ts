import { test, expect, type Browser } from "@playwright/test";
import { expectNoAxeViolations, storageStateFor } from "./fixtures";

/** The staff URL of a case, found the way a caseworker would: from the case list. */
async function staffCaseUrl(browser: Browser, title: RegExp): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateFor("caseworker") });
  const page = await context.newPage();
  await page.goto("/cases");
  await page.getByRole("row", { name: title }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const url = new URL(page.url()).pathname;
  await context.close();
  return url;
}

test.describe("a party", () => {
  test.use({ storageState: storageStateFor("complainant") });

  test("gets a not-found page for staff pages, and for a staff case URL", async ({ page, browser }) => {
    const flagship = await staffCaseUrl(browser, /attention-head configuration/);
    for (const path of ["/cases", "/triage", "/dashboard", "/deadlines", "/admin/users", flagship]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" }), path).toBeVisible();
    }
    await expectNoAxeViolations(page);
  });

  test("sees their own case but not another organisation's", async ({ page, browser }) => {
    const flagship = await staffCaseUrl(browser, /attention-head configuration/);
    await page.goto(flagship.replace("/cases/", "/portal/cases/"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/attention-head configuration/);
    await expect(page.getByText("Corvid Labs Ltd, represented by Harrow & Vell LLP")).toBeVisible();
    await expectNoAxeViolations(page);

    const unrelated = await staffCaseUrl(browser, /Sensor-fusion firmware/);
    await page.goto(unrelated.replace("/cases/", "/portal/cases/"));
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });
});

test("signed-out visitors are sent to sign in from staff pages", async ({ page }) => {
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fcases$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test.describe("staff", () => {
  test.use({ storageState: storageStateFor("caseworker") });

  test("see the case list and a case page", async ({ page }) => {
    await page.goto("/cases");
    await expect(page.getByRole("table")).toContainText("IPC-");
    await expectNoAxeViolations(page);
    await page.getByRole("row", { name: /attention-head configuration/ }).getByRole("link").click();
    await expect(page.getByText("Meridian Cloud Systems Pte Ltd, represented by Ostrander Kemp LLP")).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
