import { test, expect, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations, storageStateFor } from "./fixtures";

// Other specs stop, restart and extend the flagship's clock and disable caseworker2, so nothing
// here depends on exact day numbers, due dates or which spec ran first.
const FLAGSHIP = /attention-head configuration/;
const OVERDUE_CASE = /Sensor-fusion firmware in imported drones/;

const tabs = (page: Page) => page.getByRole("navigation", { name: "Deadline views" });
const deadlineTable = (page: Page) => page.getByRole("table", { name: /: (soonest due first|latest due first|by case reference)$/ });
const caseReferences = (table: Locator) => table.locator("tbody tr td:first-child a").allTextContents();

/** Fails on React hydration errors and other script errors, which would leave the live view dead. */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("the staff deadlines view", () => {
  test.use({ storageState: storageStateFor("caseworker") });

  test("a caseworker opens it from the navigation and sees each tab with its count", async ({ page }) => {
    const consoleErrors = collectConsoleErrors(page);
    await page.goto("/dashboard");
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Deadlines" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Deadlines" })).toBeVisible();
    await expect(tabs(page).getByRole("link")).toHaveText([/^My cases \(\d+\)$/, /^My team \(\d+\)$/, /^Due in the next 7 days \(\d+\)$/, /^Overdue \(\d+\)$/, /^Clock stopped \(\d+\)$/]);
    await expect(tabs(page).getByRole("link", { name: /^My cases/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("deadlines-updated")).toHaveText(/^Updated at \d{2}:\d{2} \(UK time\)\.$/);

    const mine = page.getByRole("table", { name: "My cases: soonest due first" });
    await expect(mine.getByRole("row", { name: FLAGSHIP })).toBeVisible();
    await expect(mine.getByRole("row", { name: OVERDUE_CASE })).toHaveCount(0);
    await expect(mine.getByRole("row", { name: FLAGSHIP }).getByRole("cell").nth(2)).toHaveText(/^\w+day \d{1,2} \w+ \d{4}, 23:59 UK time$/);
    await expectNoAxeViolations(page);

    // Wait for hydration, then check the client took over without complaint.
    await page.waitForLoadState("networkidle");
    expect(consoleErrors).toEqual([]);
  });

  test("the overdue tab lists the overdue case, marked in words", async ({ page }) => {
    await page.goto("/deadlines");
    const overdueTab = tabs(page).getByRole("link", { name: /^Overdue/ });
    const count = Number((await overdueTab.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    await overdueTab.click();
    await expect(page).toHaveURL(/[?&]tab=overdue/);
    await expect(tabs(page).getByRole("link", { name: /^Overdue/ })).toHaveAttribute("aria-current", "page");
    const table = page.getByRole("table", { name: "Overdue: soonest due first" });
    const row = table.getByRole("row", { name: OVERDUE_CASE });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(3)).toHaveText("Overdue");
    await expect(row.getByRole("cell").nth(4)).toHaveText("Overdue");
    await expect(row.getByRole("cell").nth(5)).toHaveText("Ewan Doyle");
    await expect(table.locator("tbody tr")).toHaveCount(count);
    await expectNoAxeViolations(page);

    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(OVERDUE_CASE);
  });

  test("sorting by due date or case reference reorders the table", async ({ page }) => {
    await page.goto("/deadlines?tab=team");
    const ascending = await caseReferences(page.getByRole("table", { name: "My team: soonest due first" }));
    expect(ascending.length).toBeGreaterThanOrEqual(3);

    await page.getByRole("link", { name: /^Due\s+\(sort latest due first\)$/ }).click();
    await expect(page).toHaveURL(/[?&]sort=due-desc/);
    const descendingTable = page.getByRole("table", { name: "My team: latest due first" });
    await expect(descendingTable.getByRole("columnheader", { name: /^Due/ })).toHaveAttribute("aria-sort", "descending");
    // Ties on the due date are broken by id in both directions, so latest-first is exactly the reverse.
    expect(await caseReferences(descendingTable)).toEqual([...ascending].reverse());
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: /^Case\s+\(sort by case reference\)$/ }).click();
    const byCase = await caseReferences(page.getByRole("table", { name: "My team: by case reference" }));
    expect(byCase).toEqual([...ascending].sort());
    expect(byCase).not.toEqual(ascending);
  });

  test("the caseworker filter narrows the list", async ({ page }) => {
    await page.goto("/deadlines?tab=team");
    await page.getByLabel("Caseworker").selectOption({ label: "Ewan Doyle" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]caseworker=/);
    const table = deadlineTable(page);
    await expect(table.getByRole("row", { name: OVERDUE_CASE })).toBeVisible();
    await expect(table.getByRole("row", { name: FLAGSHIP })).toHaveCount(0);
    for (const caseworker of await table.locator("tbody tr td:last-child").allTextContents()) expect(caseworker).toBe("Ewan Doyle");
    await expect(tabs(page).getByRole("link", { name: /^My cases/ })).toHaveText("My cases (0)");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(deadlineTable(page).getByRole("row", { name: FLAGSHIP })).toBeVisible();
  });

  test("the month calendar marks today and shows the flagship on its due date", async ({ page }) => {
    await page.goto("/deadlines");
    const row = page.getByRole("table", { name: "My cases: soonest due first" }).getByRole("row", { name: FLAGSHIP });
    const reference = (await row.getByRole("link").textContent())!.trim();
    const due = (await row.getByRole("cell").nth(2).textContent())!.match(/^(\w+day \d{1,2} (\w+) (\d{4})),/);
    expect(due).not.toBeNull();
    const [, dueLong, dueMonth, dueYear] = due!;

    const calendar = page.getByRole("table", { name: /^Deadlines due in / });
    await expect(calendar.getByText("Today", { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    // The flagship falls due a few weeks out, so step forward month by month until its month is shown.
    const months = page.getByRole("navigation", { name: "Calendar months" });
    for (let step = 0; step < 3; step += 1) {
      if (((await calendar.locator("caption").textContent()) ?? "").endsWith(`${dueMonth} ${dueYear}`)) break;
      const next = months.getByRole("link", { name: /^Next month/ });
      const target = ((await next.textContent()) ?? "").replace(/^Next month:\s*/, "");
      await next.click();
      await expect(page.getByRole("table", { name: `Deadlines due in ${target}` })).toBeVisible();
    }
    await expect(page.getByRole("table", { name: `Deadlines due in ${dueMonth} ${dueYear}` })).toBeVisible();
    const dueDay = page.getByRole("table", { name: `Deadlines due in ${dueMonth} ${dueYear}` }).getByRole("list", { name: `Due on ${dueLong}` });
    await expect(dueDay.getByRole("link", { name: new RegExp(`^${reference}\\s+\\(Case-to-answer determination\\)$`) })).toBeVisible();
    await expectNoAxeViolations(page);

    await dueDay.getByRole("link", { name: new RegExp(`^${reference}`) }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(FLAGSHIP);
  });

  test("the JSON route answers the live view, and names a bad parameter", async ({ page }) => {
    const ok = await page.request.get("/api/deadlines?tab=overdue&month=2026-01");
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(Object.keys(body.counts)).toEqual(["mine", "team", "due-7", "overdue", "stopped"]);
    expect(body.rows.some((r: { caseTitle: string }) => OVERDUE_CASE.test(r.caseTitle))).toBe(true);
    expect(body.calendar.month).toBe("2026-01");

    const bad = await page.request.get("/api/deadlines?tab=everything&caseworker=");
    expect(bad.status()).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors).sort()).toEqual(["caseworker", "tab"]);
  });
});

test.describe("outside staff", () => {
  test.use({ storageState: storageStateFor("complainant") });

  test("a party gets Page not found, and the JSON route answers 404", async ({ page }) => {
    await page.goto("/deadlines");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoAxeViolations(page);
    expect((await page.request.get("/api/deadlines")).status()).toBe(404);
  });
});

test("signed out, the page sends you to sign in and the JSON route answers 401", async ({ page }) => {
  await page.goto("/deadlines");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fdeadlines$/);
  expect((await page.request.get("/api/deadlines")).status()).toBe(401);
});
