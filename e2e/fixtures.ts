import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";

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

/** The e2e server's DATA_DIR (scripts/e2e-server.mjs): mail lands in its outbox as .eml files. */
const outboxDir = () => path.join(process.cwd(), `.e2e-data-${process.env.E2E_PORT || "3100"}`, "outbox");

/**
 * The newest mail to `to` whose subject contains `subject`, as a person would find it in their inbox.
 * Polls briefly (bounded) because mail is written just after the action that sends it commits.
 */
export async function latestMail(to: string, subject: string): Promise<{ subject: string; body: string }> {
  let found: { subject: string; body: string } | undefined;
  await expect
    .poll(
      () => {
        const dir = outboxDir();
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort() : [];
        for (const file of files.reverse()) {
          const [head = "", ...rest] = fs.readFileSync(path.join(dir, file), "utf8").split("\r\n\r\n");
          const header = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(head)?.[1] ?? "";
          if (header("To") === to && header("Subject").includes(subject)) {
            found = { subject: header("Subject"), body: rest.join("\r\n\r\n").replace(/\r\n/g, "\n") };
            return true;
          }
        }
        return false;
      },
      { message: `a mail to ${to} about "${subject}"`, timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's body that starts with the app's own address. */
export function linkIn(mail: { body: string }, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/?]/g, "\\$&")}[^\\s]*`).exec(mail.body);
  if (!match) throw new Error(`No ${pathPrefix} link in the mail:\n${mail.body}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}
