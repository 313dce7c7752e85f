import { test, expect, type Browser, type Page } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, latestMail, linkIn, signIn, storageStateFor } from "./fixtures";

// A word no demo complaint uses, so search finding it proves the complaint's own text is indexed.
const MARKER = "quokkaformer";
const RESPONDENT = "Vantablue Compute Pte Ltd";
const COMPLAINANT = "Halcyon Reasoning Ltd";

async function staffPage(browser: Browser, role: "caseworker" | "supervisor"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

const saveAndContinue = (page: Page) => page.getByRole("button", { name: "Save and continue" }).click();

test.describe.serial("a complaint from registration to a case-to-answer decision", () => {
  const email = `solicitor-${Date.now()}@kestrel-moor.test`;
  const password = "Tidewater-Ledger-Compass-42";
  let partyPage: Page;
  let caseId = "";
  let reference = "";

  test.afterAll(async () => {
    await partyPage?.context().close();
  });

  test("a solicitor registers and verifies their email address", async ({ browser }) => {
    partyPage = await (await browser.newContext()).newPage();
    const page = partyPage;
    await page.goto("/create-account");
    await page.getByLabel("Full name").fill("Imogen Achterberg");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Act for a party to a complaint").check();
    await page.getByLabel("Organisation name").fill("Kestrel & Moor LLP");
    await page.getByLabel("Create a password").fill(password);
    await page.getByLabel("Confirm your password").fill(password);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

    const mail = await latestMail(email, "Verify your email address");
    await page.goto(linkIn(mail, "/verify-email"));
    await expect(page.getByRole("heading", { level: 1, name: "Verify your email address" })).toBeVisible();
    await page.getByRole("button", { name: "Verify email address" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Email address verified" })).toBeVisible();
    await expectNoAxeViolations(page);

    await signIn(page, email, password);
    await expect(page.getByRole("link", { name: "Submit a complaint" }).first()).toBeVisible();
  });

  test("they file a complaint, correcting an error on the way, and get a case reference", async () => {
    const page = partyPage;
    await page.goto("/portal/complaints/new");
    await page.getByRole("button", { name: "Start a new complaint" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your complaint" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Complainant and representative" }).click();
    await page.getByLabel("Complainant organisation name").fill(COMPLAINANT);
    await page.getByLabel("Contact email address").fill("not an email address");
    await page.getByLabel("Contact telephone number").fill("020 7946 0321");
    await saveAndContinue(page);
    await expect(errorSummary(page)).toContainText("Enter an email address in the correct format, like name@example.com");
    await expect(page.getByLabel("Complainant organisation name")).toHaveValue(COMPLAINANT); // nothing typed is lost
    await expect(page.getByLabel("Representative name")).toHaveValue("Imogen Achterberg");
    await expectNoAxeViolations(page);
    await errorSummary(page).getByRole("link", { name: /correct format/ }).click();
    await expect(page.getByLabel("Contact email address")).toBeFocused();
    await page.getByLabel("Contact email address").fill(email);
    await saveAndContinue(page);

    await expect(page.getByRole("heading", { level: 1, name: "Respondent" })).toBeVisible();
    await page.getByLabel("Respondent name").fill(RESPONDENT);
    await page.getByLabel("Country where the respondent is based").selectOption({ label: "Singapore" });
    await saveAndContinue(page);

    await page.getByLabel("Trade secret or confidential information").check();
    await page.getByLabel("Copyright").check();
    await saveAndContinue(page);

    await page.getByLabel("Describe the technology you say was copied").fill(`Our ${MARKER} attention-routing layer and its reward-model training recipe.`);
    await page.getByLabel("Model architecture").check();
    await saveAndContinue(page);

    await page.getByLabel("How did the misappropriation happen?").fill("A research engineer left for the respondent with our internal design documents.");
    await page.getByRole("group", { name: "Do you know the date it happened?" }).getByLabel("No").check();
    await page.getByLabel("Approximate period").fill("Spring 2026");
    await saveAndContinue(page);

    await page.getByLabel("Describe the harm caused or likely to be caused").fill("Loss of a two-year lead in the model market.");
    await page.getByRole("group", { name: "How urgent is the complaint?" }).getByLabel("Urgent", { exact: true }).check();
    await page.getByRole("group", { name: "Are you asking for interim measures?" }).getByLabel("No").check();
    await saveAndContinue(page);

    await page.getByRole("group", { name: "Are there any related proceedings elsewhere?" }).getByLabel("No").check();
    await saveAndContinue(page);

    await page.getByLabel("What remedy are you seeking?").fill("A finding that there is a case to answer, and an investigation.");
    await saveAndContinue(page);

    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before submitting your complaint" })).toBeVisible();
    await expect(page.getByText(RESPONDENT)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Submit complaint" }).click();
    await expect(errorSummary(page)).toContainText("Confirm that you believe the facts stated in this complaint are true");
    await page.getByLabel("I believe that the facts stated in this complaint are true").check();
    await page.getByLabel("Your full name").fill("Imogen Achterberg");
    await page.getByRole("button", { name: "Submit complaint" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Complaint submitted" })).toBeVisible();
    reference = (await page.getByText(/^IPC-\d{4}-\d{6}$/).textContent()) ?? "";
    expect(reference).toMatch(/^IPC-\d{4}-\d{6}$/);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "View your case" }).click();
    caseId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByText(reference).first()).toBeVisible();
    await expect((await latestMail(email, reference)).body).toContain(reference);
  });

  test("a caseworker finds it by a word in its text, takes it, and asks for more information", async ({ browser }) => {
    const page = await staffPage(browser, "caseworker");
    await page.goto("/triage");
    await page.getByLabel("Search reference, parties or complaint text").fill(MARKER);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const row = page.getByRole("row", { name: new RegExp(reference) });
    await expect(row).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expectNoAxeViolations(page);
    await row.getByRole("link", { name: reference }).click();

    await page.getByLabel("I have no conflict of interest with the parties to this case").check();
    await page.getByRole("button", { name: "Assign to me" }).click();
    await expect(page.getByText("Case assigned to you.")).toBeVisible();
    await page.reload();
    await expect(page.getByText("In triage").first()).toBeVisible();

    await page.getByText("Ask the complainant for more information").click();
    await page.getByLabel("What does the complainant need to tell you?").fill("When did the engineer leave, and which documents did they take?");
    await page.getByRole("button", { name: "Send information request" }).click();
    await expect(page.getByText("Information request sent to the complainant.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("the solicitor answers the request in the portal", async () => {
    const page = partyPage;
    await page.goto(`/portal/cases/${caseId}`);
    await page.getByLabel("Your answer").fill("They left on 3 March 2026 and took the design documents for the routing layer.");
    await page.getByRole("button", { name: "Send answer" }).click();
    await expect(page.getByLabel("Your answer")).toHaveCount(0);
    await page.reload();
    await expect(page.getByText("They left on 3 March 2026")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the caseworker accepts it and the 45-day clock starts", async ({ browser }) => {
    const page = await staffPage(browser, "caseworker");
    await page.goto(`/cases/${caseId}`);
    await page.getByText("Accept the complaint as valid").click();
    await page.getByLabel("Why is the complaint valid?").fill("The complaint identifies the rights, the technology and how it was taken.");
    await page.getByRole("group", { name: "How was it served?" }).getByLabel("Email").check();
    await page.getByRole("button", { name: "Accept complaint" }).click();
    await expect(page.getByText("Complaint accepted. The case-to-answer clock has started.")).toBeVisible();
    await page.reload();
    const clock = page.getByRole("region", { name: "Case-to-answer determination" });
    await expect(clock.getByTestId("clock-position")).toHaveText(/^Day [01] of 45 — due /);
    await expectNoAxeViolations(page);

    await page.getByText("Propose the case-to-answer decision").click();
    await page.getByRole("group", { name: "Is there a case to answer?" }).getByLabel("Case to answer", { exact: true }).check();
    await page.getByLabel("Reasons for the decision").fill("The documents show a likely misuse of confidential information.");
    await page.getByRole("button", { name: "Propose decision" }).click();
    await page.reload();
    await expect(page.getByText(/Case to answer proposed by Priya Raman/)).toBeVisible();
    await expect(page.getByText("Approve or return the proposed decision")).toHaveCount(0); // not by the proposer
    await page.context().close();
  });

  test("a supervisor approves the decision", async ({ browser }) => {
    const page = await staffPage(browser, "supervisor");
    await page.goto(`/cases/${caseId}`);
    await page.getByText("Approve or return the proposed decision").click();
    await page.getByLabel("Approve the decision").check();
    await page.getByRole("button", { name: "Record review" }).click();
    await expect(page.getByText("Decision approved. The parties have been told.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("There is a case to answer");
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("the solicitor sees the decision on their case", async () => {
    const page = partyPage;
    await page.goto(`/portal/cases/${caseId}`);
    const decision = page.getByRole("region", { name: "Decision" });
    await expect(decision).toContainText("There is a case to answer");
    await expect(decision).toContainText("The documents show a likely misuse of confidential information.");
    await expectNoAxeViolations(page);
  });
});

test("two caseworkers triaging the same complaint at once: one succeeds, the other is told it changed", async ({ browser }) => {
  const first = await staffPage(browser, "caseworker");
  const second = await staffPage(browser, "supervisor");
  await first.goto("/triage?tab=all&q=imaging");
  await first.getByRole("row", { name: /Medical imaging dataset annotations|Larkspur Genomics plc v Meridian/ }).getByRole("link").first().click();
  const url = first.url();
  await second.goto(url);

  for (const page of [first, second]) {
    await page.getByText("Reject the complaint as invalid").click();
    await page.getByLabel("Reasons for rejecting the complaint").fill("Outside the regulator's remit.");
  }
  await first.getByRole("button", { name: "Reject complaint" }).click();
  await expect(first.getByText(/rejected/i).first()).toBeVisible();
  await second.getByRole("button", { name: "Reject complaint" }).click();
  await expect(errorSummary(second)).toContainText(/has changed|cannot be moved that way/);
  await first.context().close();
  await second.context().close();
});
