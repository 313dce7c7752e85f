import { test as setup, expect } from "@playwright/test";
import { ROLES, signIn, storageStateFor, type DemoRole } from "./fixtures";

for (const role of Object.keys(ROLES) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLES[role]);
    await expect(page.getByText(/^Signed in as /)).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
