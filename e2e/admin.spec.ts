import { test, expect } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, storageStateFor } from "./fixtures";

test.describe("deadline rule catalogue", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an admin changes a rule, with a reason, and sees it in the catalogue", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "Deadline rules" }).click();
    await expect(page.getByRole("row", { name: /Case-to-answer determination.*45 calendar days after the start date/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Change Amicus window" }).click();
    await page.getByLabel("Length, in days").fill("");
    await page.getByRole("button", { name: "Save rule" }).click();
    await expect(errorSummary(page)).toContainText("Enter the length as a whole number of days");
    await expect(errorSummary(page)).toContainText("Enter why the rule is changing");
    await expectNoAxeViolations(page);

    await page.getByLabel("Length, in days").fill("28");
    await page.getByLabel("Why is this rule changing?").fill("Longer window for public-interest cases");
    await page.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByRole("row", { name: /Amicus window.*28 calendar days after the start date/ })).toBeVisible();
  });
});

test("a caseworker cannot open the rule catalogue", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseworker") });
  const page = await context.newPage();
  await page.goto("/admin/deadline-rules");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await context.close();
});
