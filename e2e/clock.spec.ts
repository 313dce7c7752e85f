import { test, expect, type Page } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, storageStateFor } from "./fixtures";

const FLAGSHIP = /attention-head configuration/;

async function openStaffCase(page: Page, title: RegExp) {
  await page.goto("/cases");
  await page.getByRole("row", { name: title }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

const clockSection = (page: Page) => page.getByRole("region", { name: "Case-to-answer determination" });

test.describe.serial("the case-to-answer clock", () => {
  test("a caseworker stops and restarts the clock, and the ledger records who, when and why", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("caseworker") });
    const page = await context.newPage();
    await openStaffCase(page, FLAGSHIP);
    const clock = clockSection(page);
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Day 12 of 45 — due \w+day \d+ \w+ \d{4} \(23:59 UK time\)$/);
    await expectNoAxeViolations(page);

    await clock.getByText("Stop the clock", { exact: true }).first().click(); // the details summary
    await clock.getByLabel("Why is the clock stopping?").fill("Information request sent");
    await clock.getByRole("button", { name: "Stop the clock" }).click();
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Clock stopped since .* \(Information request sent\) — 34 days remain$/);
    await expect(clock.getByRole("row", { name: /Clock stopped.*Information request sent.*Priya Raman/ })).toBeVisible();

    await clock.getByText("Restart the clock", { exact: true }).first().click();
    await clock.getByLabel("Why is the clock restarting?").fill("Information received");
    await clock.getByRole("button", { name: "Restart the clock" }).click();
    // Today was inside the stop, so it does not count: the case is back on day 11.
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Day 11 of 45 — due /);
    await expect(clock.getByRole("row", { name: /Clock restarted.*Information received.*Priya Raman/ })).toBeVisible();
    await expect(clock.getByText("Extend the deadline")).toHaveCount(0); // caseworkers cannot extend
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("a supervisor extends a running deadline", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("supervisor") });
    const page = await context.newPage();
    await openStaffCase(page, FLAGSHIP);
    const clock = clockSection(page);
    const before = await clock.getByTestId("clock-position").textContent();
    await clock.getByText("Extend the deadline", { exact: true }).first().click();
    await clock.getByLabel("Extend by how many counted days?").fill("5");
    await clock.getByLabel("Why is the deadline being extended?").fill("Complex technical evidence");
    await clock.getByRole("button", { name: "Extend the deadline" }).click();
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Day 11 of 50 — due /);
    expect(await clock.getByTestId("clock-position").textContent()).not.toEqual(before);
    await expect(clock.getByRole("row", { name: /Deadline extended by 5 days.*Complex technical evidence.*Tom Okafor/ })).toBeVisible();
    await context.close();
  });

  test("an extension after the deadline has expired is refused with a clear message", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("supervisor") });
    const page = await context.newPage();
    await openStaffCase(page, /Sensor-fusion firmware/);
    const clock = clockSection(page);
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Overdue — the deadline was /);
    await clock.getByText("Extend the deadline", { exact: true }).first().click();
    await clock.getByLabel("Extend by how many counted days?").fill("10");
    await clock.getByLabel("Why is the deadline being extended?").fill("Asked too late");
    await clock.getByRole("button", { name: "Extend the deadline" }).click();
    await expect(errorSummary(page)).toContainText("An expired deadline cannot be extended");
    await expect(clock.getByRole("row", { name: /Deadline extended/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("the complainant's solicitor sees the clock on their case page", async ({ browser }) => {
    const staff = await browser.newContext({ storageState: storageStateFor("caseworker") });
    const staffPage = await staff.newPage();
    await openStaffCase(staffPage, FLAGSHIP);
    const portalUrl = new URL(staffPage.url()).pathname.replace("/cases/", "/portal/cases/");
    await staff.close();

    const context = await browser.newContext({ storageState: storageStateFor("complainant") });
    const page = await context.newPage();
    await page.goto(portalUrl);
    await expect(clockSection(page).getByTestId("clock-position")).toHaveText(/^Day 11 of 50 — due /);
    await expect(page.getByText("Stop the clock")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
