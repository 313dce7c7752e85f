import { test, expect, type Browser, type Page } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, storageStateFor, type DemoRole } from "./fixtures";
import { briefWithWords } from "../domain/amicus/test-documents";

const FLAGSHIP = /attention-head configuration/;
const APPLICANT = "Centre for Open Model Research";
const FUNDING = "Funded by a grant from the Hollin Trust; written by our staff.";

async function pageAs(browser: Browser, role: DemoRole | null): Promise<Page> {
  return (await browser.newContext(role ? { storageState: storageStateFor(role) } : {})).newPage();
}

/** Finds a case on the public register by a word from its title, as a journalist would. */
async function openOnRegister(page: Page, search: string, title: RegExp): Promise<string> {
  await page.goto("/public-register");
  await page.getByLabel("Search", { exact: true }).fill(search);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByRole("link", { name: title }).click();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

test.describe.serial("an amicus brief, from application to the public register", () => {
  let reference = "";

  test("an amicus user applies for leave inside the window", async ({ browser }) => {
    const page = await pageAs(browser, "amicus");
    reference = await openOnRegister(page, "attention-head", FLAGSHIP);
    await expect(page.getByRole("heading", { level: 1, name: FLAGSHIP })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Apply for leave to file an amicus brief" }).click();
    await expect(page.getByText(reference).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing filled in: every problem is listed at once.
    await page.getByRole("button", { name: "Apply for leave" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(errorSummary(page)).toContainText("Enter");

    await page.getByLabel("Your name, or the name of the organisation applying").fill(APPLICANT);
    await page.getByLabel("Whom do you represent?").fill("Independent researchers who publish open-weight models");
    await page.getByLabel("What is your interest in the case?").fill("How trade-secret protection applies to model architectures affects open research.");
    await page.getByLabel("I will tell you about any relationship with the parties and who funded or contributed to the brief").check();
    await page.getByLabel("Describe any relationship you have with either party").fill("None");
    await page.getByLabel("Who funded or contributed to the brief?").fill(FUNDING);
    await page.getByLabel("Summary of the points you will make").fill("Attention-head configurations are widely published and rarely secret.");
    await page.getByLabel("Why will the parties not make these points?").fill("Neither party speaks for the open research community.");
    await page.getByLabel("How many words will your brief need?").fill("300");
    await page.getByRole("button", { name: "Apply for leave" }).click();

    await expect(page.getByText("Application sent.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Your application to file an amicus brief" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/portal/applications");
    await expect(page.getByRole("table")).toContainText(reference);
    await page.context().close();
  });

  test("a caseworker grants leave with a word limit", async ({ browser }) => {
    const page = await pageAs(browser, "caseworker");
    await page.goto("/triage?tab=all");
    await page.getByRole("link", { name: reference, exact: true }).click();
    const section = page.getByRole("region", { name: "Amicus applications" });
    await expect(section).toContainText(APPLICANT);
    await expect(section).toContainText(FUNDING);
    await section.getByText("Grant or refuse leave").click();
    await section.getByLabel("Grant leave to file an amicus brief").check();
    await section.getByLabel("Reasons").fill("The perspective of open researchers will help the regulator.");
    await section.getByLabel("Word limit, if you grant leave").fill("150");
    await section.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Leave to file an amicus brief granted.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("an over-length brief is refused with its count, and a brief within the limit is filed", async ({ browser }) => {
    const page = await pageAs(browser, "amicus");
    await page.goto("/portal/applications");
    await page.getByRole("row", { name: new RegExp(reference) }).getByRole("link").first().click();
    await expect(page.getByText("150 words").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Upload your brief").setInputFiles({ name: "brief-draft.pdf", mimeType: "application/pdf", buffer: briefWithWords(180, "pdf") });
    await expect(page.getByRole("listitem").filter({ hasText: "brief-draft.pdf" })).toContainText("Uploaded");
    await page.getByRole("button", { name: "File brief" }).click();
    await expect(errorSummary(page)).toContainText("The brief has 180 words, which is over the limit of 150 words.");

    await page.getByRole("button", { name: /Remove/ }).click();
    await page.getByLabel("Upload your brief").setInputFiles({
      name: "brief-final.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: briefWithWords(140, "docx"),
    });
    await expect(page.getByRole("listitem").filter({ hasText: "brief-final.docx" })).toContainText("Uploaded");
    await page.getByRole("button", { name: "File brief" }).click();
    await expect(page.getByText("Brief filed.")).toBeVisible();
    await expect(page.getByText("140").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("the parties see the brief and may respond", async ({ browser }) => {
    const page = await pageAs(browser, "respondent");
    await page.goto("/portal");
    await page.getByRole("row", { name: FLAGSHIP }).getByRole("link").first().click();
    await expect(page.getByText(APPLICANT).first()).toBeVisible();
    await page.getByText(`Respond to the brief from ${APPLICANT}`).click();
    await page.getByLabel("Your response").fill("The configuration in question was never published.");
    await page.getByRole("button", { name: "Send response" }).click();
    await expect(page.getByText("Response to the amicus brief sent to the regulator.")).toBeVisible();
    await page.context().close();
  });

  test("the accepted brief appears on the public case page with the disclosure statement", async ({ browser }) => {
    const page = await pageAs(browser, null);
    await page.goto(`/public-register/${encodeURIComponent(reference)}`);
    const brief = page.locator(".govuk-summary-card").filter({ hasText: APPLICANT });
    await expect(brief).toContainText(FUNDING);
    await expect(brief).toContainText("140 words");
    const href = await brief.getByRole("link", { name: /Download the brief/ }).getAttribute("href");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("wordprocessingml");
    // The respondent's response is between the parties and the regulator.
    await expect(page.locator("body")).not.toContainText("was never published");
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("an application after the window has closed is refused with the date it closed", async ({ browser }) => {
    const page = await pageAs(browser, "amicus");
    const closedReference = await openOnRegister(page, "Distilled", /Distilled chat model/);
    await expect(page.getByText(/The amicus window closed on/)).toBeVisible();
    await page.goto(`/portal/applications/new?case=${encodeURIComponent(closedReference)}`);
    await expect(page.getByText(new RegExp(`The amicus window for ${closedReference} closed on \\w+ \\d{1,2} \\w+ \\d{4}\\. Applications can no longer be made\\.`))).toBeVisible();
    await expect(page.getByRole("button", { name: "Apply for leave" })).toHaveCount(0);
    await page.context().close();
  });
});
