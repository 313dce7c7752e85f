import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, latestMail, linkIn, signIn, storageStateFor } from "./fixtures";

// A submitted complaint whose respondent has no representative yet in the demo data.
const CASE_TITLE = /Robot-arm motion-planning source code/;

test("a caseworker invites the respondent's representative, who registers into the case from the link", async ({ browser }) => {
  const email = `counsel-${Date.now()}@pellworth.test`;
  const staff = await (await browser.newContext({ storageState: storageStateFor("caseworker") })).newPage();
  await staff.goto("/cases");
  await staff.getByRole("row", { name: CASE_TITLE }).getByRole("link").click();
  const caseUrl = new URL(staff.url()).pathname;
  await staff.getByText("Invite the respondent’s representative").click();
  await staff.getByLabel("Email address of the representative").fill(email);
  await staff.getByLabel("Name of the firm acting for the respondent").fill("Pellworth Saxby LLP");
  await staff.getByRole("button", { name: "Send invitation" }).click();
  await expect(staff.getByText(`Invitation sent to ${email}. The link expires in 14 days.`)).toBeVisible();
  await staff.context().close();

  const mail = await latestMail(email, "Invitation to act for");
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(linkIn(mail, "/create-account?invitation="));
  await expect(invitee.getByLabel("Email address")).toHaveValue(email);
  await expect(invitee.getByLabel("Organisation name")).toHaveCount(0); // they join the invited firm
  await invitee.getByLabel("Full name").fill("Rowan Pellworth");
  await invitee.getByLabel("Create a password").fill("Harbour-Quill-Meadow-17");
  await invitee.getByLabel("Confirm your password").fill("Harbour-Quill-Meadow-17");
  await expectNoAxeViolations(invitee);
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByRole("heading", { level: 1, name: "Account created" })).toBeVisible();

  await signIn(invitee, email, "Harbour-Quill-Meadow-17");
  await expect(invitee.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  await invitee.goto(caseUrl.replace("/cases/", "/portal/cases/"));
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(CASE_TITLE);
  await expect(invitee.getByText("Nova Luna Interactive Inc, represented by Pellworth Saxby LLP")).toBeVisible();
  // Not yet accepted and served: the respondent's side cannot read the complaint itself.
  await expect(invitee.getByText("You will be able to read the complaint once the regulator has accepted it and served it on your client.")).toBeVisible();
  await expect(invitee.getByText("Fenwick Tarn says large parts of its motion planner")).toHaveCount(0);
  await expectNoAxeViolations(invitee);

  // The link works once.
  await invitee.context().clearCookies();
  await invitee.goto(linkIn(mail, "/create-account?invitation="));
  await expect(invitee.getByText("This invitation has already been used").first()).toBeVisible();
  await invitee.context().close();
});
