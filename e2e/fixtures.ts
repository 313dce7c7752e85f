import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "casework-demo";

export const ROLES = {
  caseworker: "caseworker@ipcasework.test",
  supervisor: "supervisor@ipcasework.test",
  admin: "admin@ipcasework.test",
  complainant: "complainant@ipcasework.test",
  respondent: "respondent@ipcasework.test",
  amicus: "amicus@ipcasework.test",
} as const;

export type DemoRole = keyof typeof ROLES;

// Per port, so suites run side by side against different servers keep their own sessions.
export const storageStateFor = (role: DemoRole) => `e2e/.auth/${process.env.E2E_PORT || "3100"}/${role}.json`;

/** The GOV.UK error summary (Next.js's route announcer is also an alert, so filter by its heading). */
export const errorSummary = (page: Page) => page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Fails the test on any WCAG 2.2 A/AA violation axe can find on the current page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
