import { test, expect } from "@playwright/test";
import { errorSummary, expectNoAxeViolations } from "./fixtures";

test("the public calculator gives the 45-day case-to-answer deadline", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Deadline calculator" }).click();
  await page.getByLabel("Start date", { exact: true }).fill("2026-12-18");
  await page.getByLabel("Length of the period, in days").fill("45");
  await page.getByLabel("Calendar days").check();
  await page.getByLabel("the day after the start date").check();
  await page.getByLabel("England and Wales").check();
  await page.getByRole("button", { name: "Calculate deadline" }).click();
  await expect(page.getByRole("heading", { name: "Due Monday 1 February 2027" })).toBeVisible();
  await expect(page.getByText("2027-02-01T23:59:59+00:00")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the calculator explains bad input and years beyond the holiday data", async ({ page }) => {
  await page.goto("/deadline-calculator?start=2026-02-30&length=45&unit=calendar&count=after&calendar=england-and-wales&roll=none");
  await expect(errorSummary(page)).toContainText("start");
  await expectNoAxeViolations(page);
  await page.goto("/deadline-calculator?start=2028-11-20&length=30&unit=working&count=beginning-with&calendar=england-and-wales");
  await expect(errorSummary(page)).toContainText(/2029/);
});

test("the JSON route matches the engine and names a bad parameter", async ({ request }) => {
  const ok = await request.get("/api/deadlines/calculate?start=2027-02-02&length=45&unit=working&count=after&calendar=england-and-wales");
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ due: "2027-04-08", expiresAt: "2027-04-08T23:59:59+01:00" });
  const bad = await request.get("/api/deadlines/calculate?start=2027-02-02&length=45&unit=fortnights&count=after&calendar=england-and-wales");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/unit/);
});
