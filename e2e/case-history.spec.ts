import { test, expect, type Page } from "@playwright/test";
import { expectNoAxeViolations, storageStateFor } from "./fixtures";

// The case page leads with what is open: clocks that have closed are one short table, and only the
// latest ten events are on it, with the rest a link away.

async function openStaffCase(page: Page, title: RegExp) {
  await page.goto("/cases");
  await page.getByRole("row", { name: title }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

test.describe("a case's history", () => {
  test.use({ storageState: storageStateFor("caseworker") });

  test("a closed clock is one row on the case page, and its ledger is on the clocks page", async ({ page }) => {
    const title = /Retail demand-forecasting model/;
    await openStaffCase(page, title);
    const closed = page.getByRole("table", { name: "Closed clocks" });
    await expect(closed.getByRole("row", { name: /Case-to-answer determination\s*Met/ })).toBeVisible();
    // No ledger for it here: the ledger is on the clocks page.
    await expect(page.getByRole("table", { name: /^Clock ledger/ })).toHaveCount(0);

    await page.getByRole("link", { name: "See every clock with its ledger" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Statutory clocks: Retail demand-forecasting model/);
    const clock = page.getByRole("region", { name: "Case-to-answer determination" });
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Met — the deadline was /);
    await expect(clock.getByRole("table", { name: "Clock ledger: Case-to-answer determination" }).getByRole("row", { name: /Clock started/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Back to the case" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("the case page shows the latest ten events and links to the whole timeline", async ({ page }) => {
    const title = /Reinforcement-learning reward model for robotics/;
    await openStaffCase(page, title);
    const caseUrl = page.url();
    const notes = Array.from({ length: 11 }, (_, i) => `Timeline check note ${i + 1}`);
    for (const note of notes) {
      await page.goto(caseUrl);
      await page.getByText("Add an internal note", { exact: true }).click();
      await page.getByLabel("Note", { exact: true }).fill(note);
      await page.getByRole("button", { name: "Add note" }).click();
      await expect(page.getByText("Note added.")).toBeVisible();
      await expect(page.getByText(note, { exact: true })).toBeVisible();
    }

    await page.goto(caseUrl);
    // The latest ten events are the ten latest notes; the first note is only on the timeline page.
    await expect(page.getByRole("heading", { level: 3, name: "Internal note added" })).toHaveCount(10);
    await page.getByRole("link", { name: "See the full timeline" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Timeline: Reinforcement-learning reward model for robotics/);
    await expect(page.getByRole("heading", { level: 3, name: "Internal note added" })).toHaveCount(11);
    await expect(page.getByRole("heading", { level: 3, name: "Case created (demo data)" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
