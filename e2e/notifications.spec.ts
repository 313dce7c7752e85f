import { test, expect, type Locator } from "@playwright/test";
import { expectNoAxeViolations, storageStateFor } from "./fixtures";

const unreadIn = async (link: Locator) => Number((await link.textContent())?.match(/\((\d+) unread\)/)?.[1] ?? 0);

test("a caseworker's unread count rises when a supervisor assigns them a case, without reloading, and falls when read", async ({ browser }) => {
  const caseworker = await (await browser.newContext({ storageState: storageStateFor("caseworker") })).newPage();
  await caseworker.goto("/deadlines");
  const link = caseworker.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: /^Notifications/ });
  await expect(link).toBeVisible();
  const before = await unreadIn(link);

  const supervisor = await (await browser.newContext({ storageState: storageStateFor("supervisor") })).newPage();
  await supervisor.goto("/triage?tab=unassigned&q=scraped");
  await supervisor.getByRole("row", { name: /Quillon Data Works GmbH v Meridian/ }).getByRole("link").first().click();
  const caseUrl = new URL(supervisor.url()).pathname;
  await supervisor.getByText("Assign this case", { exact: true }).click();
  await supervisor.getByLabel("Caseworker").selectOption({ label: "Priya Raman" });
  await supervisor.getByRole("button", { name: "Assign case" }).click();
  await expect(supervisor.getByText("Case assigned to Priya Raman.")).toBeVisible();
  await supervisor.context().close();

  // The header polls every 30 seconds.
  await expect.poll(() => unreadIn(link), { timeout: 45_000, intervals: [2_000] }).toBeGreaterThan(before);

  await caseworker.goto("/notifications");
  await expect(caseworker.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expectNoAxeViolations(caseworker);
  const assigned = caseworker.getByRole("link", { name: /: assigned to you$/ }).first();
  const afterArrival = await unreadIn(link);
  await assigned.click();
  await expect(caseworker).toHaveURL(new RegExp(`${caseUrl}$`));
  await expect.poll(() => unreadIn(caseworker.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: /^Notifications/ }))).toBe(afterArrival - 1);
  await caseworker.context().close();
});

test("a dashboard tile links to the list behind it", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateFor("caseworker") })).newPage();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const overdue = Number(await page.getByTestId("tile-overdue-value").textContent());
  expect(overdue).toBeGreaterThanOrEqual(1);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Overdue", exact: true }).click();
  await expect(page).toHaveURL(/\/deadlines\?tab=overdue/);
  await expect(page.getByRole("table", { name: "Overdue: soonest due first" }).locator("tbody tr")).toHaveCount(overdue);
  await expect(page.getByRole("table", { name: "Overdue: soonest due first" })).toContainText("Sensor-fusion firmware in imported drones");
});

test("a solicitor's calendar feed parses as iCalendar, and a turned-off link answers 404", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateFor("complainant") })).newPage();
  await page.goto("/calendar");
  await page.getByRole("button", { name: "Create my calendar link" }).click();
  const url = await page.getByLabel("Your calendar link").inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}/);
  await expectNoAxeViolations(page);

  const feed = await page.request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const ics = await feed.text();
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toMatch(/BEGIN:VEVENT\r\n[\s\S]*DTSTART;VALUE=DATE:\d{8}[\s\S]*BEGIN:VALARM/);

  await page.getByText("Turn off my calendar link", { exact: true }).first().click();
  await page.getByRole("button", { name: "Turn off my calendar link" }).click();
  await expect(page.getByText("The calendar link is turned off.")).toBeVisible();
  expect((await page.request.get(new URL(url).pathname)).status()).toBe(404);
});
