import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, storageStateFor, type DemoRole } from "./fixtures";

// Signed-in users also have the notifications link, with the unread count when there is one.
const NOTIFICATIONS = /^Notifications( \(\d+ unread\))?$/;

const EXPECTED_NAVIGATION: Record<DemoRole, { home: string; heading: string; links: (string | RegExp)[] }> = {
  caseworker: { home: "/dashboard", heading: "Dashboard", links: ["Dashboard", "Triage", "Cases", "Deadlines", NOTIFICATIONS, "Sign out"] },
  supervisor: { home: "/dashboard", heading: "Dashboard", links: ["Dashboard", "Triage", "Cases", "Deadlines", NOTIFICATIONS, "Sign out"] },
  admin: { home: "/dashboard", heading: "Dashboard", links: ["Dashboard", "Triage", "Cases", "Deadlines", "Admin", NOTIFICATIONS, "Sign out"] },
  complainant: { home: "/portal", heading: "My cases", links: ["My cases", "Submit a complaint", NOTIFICATIONS, "Sign out"] },
  respondent: { home: "/portal", heading: "My cases", links: ["My cases", "Submit a complaint", NOTIFICATIONS, "Sign out"] },
  amicus: { home: "/portal/applications", heading: "My applications", links: ["My applications", NOTIFICATIONS, "Sign out"] },
};

for (const [role, expected] of Object.entries(EXPECTED_NAVIGATION) as [DemoRole, (typeof EXPECTED_NAVIGATION)[DemoRole]][]) {
  test.describe(`${role} navigation`, () => {
    test.use({ storageState: storageStateFor(role) });

    test(`${role} lands on their home page and sees their own navigation`, async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(new RegExp(`${expected.home}$`));
      await expect(page.getByRole("heading", { level: 1, name: expected.heading })).toBeVisible();
      const menu = page.getByRole("navigation", { name: "Menu" });
      await expect(menu.getByRole("link")).toHaveText(expected.links);
      await expectNoAxeViolations(page);
    });
  });
}

test("signed-out visitors see the public navigation", async ({ page }) => {
  await page.goto("/");
  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect(menu.getByRole("link")).toHaveText(["Public register", "Deadline calculator", "Sign in"]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complain about the misuse of intellectual property");
  await expectNoAxeViolations(page);
  await page.goto("/sign-in");
  await expectNoAxeViolations(page);
});
