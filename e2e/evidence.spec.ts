import { test, expect, type Browser, type Page } from "@playwright/test";
import { errorSummary, expectNoAxeViolations, storageStateFor, type DemoRole } from "./fixtures";
import { minimalPdf, minimalPng } from "../domain/evidence/testing-files";

const FLAGSHIP = /attention-head configuration/;

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateFor(role) })).newPage();
}

/** The flagship's id, found as the complainant's solicitor would: from their list of cases. */
async function flagshipId(page: Page): Promise<string> {
  await page.goto("/portal");
  await page.getByRole("row", { name: FLAGSHIP }).getByRole("link").first().click();
  return new URL(page.url()).pathname.split("/").pop()!;
}

test.describe.serial("evidence on the flagship case", () => {
  let caseId = "";
  let restrictedItemPath = "";
  let evidenceId = "";

  test("the complainant's solicitor uploads several files with progress, and a disguised web page is refused for its real type", async ({ browser }) => {
    const page = await pageAs(browser, "complainant");
    caseId = await flagshipId(page);
    await page.getByRole("link", { name: "Upload evidence" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Upload evidence" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Upload files").setInputFiles([
      { name: "expert-report.pdf", mimeType: "application/pdf", buffer: minimalPdf("Expert comparison of attention-head layouts.") },
      { name: "routing-diagram.png", mimeType: "image/png", buffer: minimalPng() },
      { name: "board-minutes.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>") },
    ]);
    // A refused file loses its bar, and the disguised page can be refused before the check runs.
    for (const name of ["expert-report.pdf", "routing-diagram.png"]) {
      await expect(page.getByRole("progressbar", { name: `Upload progress for ${name}` })).toBeVisible();
    }
    const rowFor = (name: string) => page.getByRole("listitem").filter({ hasText: name });
    await expect(rowFor("expert-report.pdf")).toContainText("Uploaded");
    await expect(rowFor("routing-diagram.png")).toContainText("Uploaded");
    await expect(rowFor("board-minutes.pdf")).toContainText("Refused: This file is an HTML web page, which cannot be filed as evidence.");

    await page.getByLabel("Title for expert-report.pdf").fill("Expert report on attention-head layouts");
    await page.getByLabel("Title for routing-diagram.png").fill("Routing diagram from the internal design document");
    await page.getByLabel("Restricted: the regulator and your side only").check();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Submit evidence" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Evidence submitted" })).toBeVisible();
    await expect(page.getByText("2 files received")).toBeVisible();
    const received = page.getByRole("table", { name: "Files received" });
    await expect(received.getByRole("row")).toHaveCount(3);
    await expect(received).toContainText(/[0-9a-f]{64}/);
    await expect(received).not.toContainText("board-minutes.pdf");
    await expectNoAxeViolations(page);

    await received.getByRole("row", { name: /Expert report/ }).getByRole("link").first().click();
    restrictedItemPath = new URL(page.url()).pathname;
    evidenceId = restrictedItemPath.split("/").pop()!;
    await expect(page.getByRole("table", { name: "Chain of custody" })).toContainText("Aisha Mensah");
    await page.context().close();
  });

  test("the other party cannot download the restricted item, while staff can", async ({ browser }) => {
    const respondent = await pageAs(browser, "respondent");
    const denied = await respondent.request.get(`/api/evidence/${evidenceId}/download`);
    expect(denied.status()).toBe(404);
    const unknown = await respondent.request.get(`/api/evidence/no-such-item/download`);
    expect(unknown.status()).toBe(404);
    expect(await denied.text()).toBe(await unknown.text()); // existence does not leak
    await respondent.goto(restrictedItemPath);
    await expect(respondent.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await respondent.context().close();

    const caseworker = await pageAs(browser, "caseworker");
    const allowed = await caseworker.request.get(`/api/evidence/${evidenceId}/download`);
    expect(allowed.status()).toBe(200);
    expect(allowed.headers()["content-disposition"]).toMatch(/^attachment; filename="expert-report\.pdf"/);
    expect(allowed.headers()["x-content-type-options"]).toBe("nosniff");
    expect(allowed.headers()["content-type"]).toContain("application/pdf");
    expect((await allowed.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await caseworker.context().close();
  });

  test("staff see the latest evidence on the case page, and all of it, sortable, on the case's evidence page", async ({ browser }) => {
    const caseworker = await pageAs(browser, "caseworker");
    await caseworker.goto(`/cases/${caseId}`);
    const recent = caseworker.getByRole("table", { name: "Evidence received most recently" });
    await expect(recent.getByRole("row", { name: /Expert report on attention-head layouts/ })).toBeVisible();
    expect(await recent.locator("tbody").getByRole("row").count()).toBeLessThanOrEqual(5);

    await caseworker.getByRole("link", { name: "See all the evidence" }).click();
    await expect(caseworker.getByRole("heading", { level: 1 })).toHaveText(/^Evidence: .*attention-head configuration/);
    const all = caseworker.getByRole("table", { name: "Evidence on this case" });
    await expect(all.getByRole("columnheader", { name: /^Exhibit/ })).toHaveAttribute("aria-sort", "ascending");
    await all.getByRole("link", { name: "Title (sort by title, ascending)" }).click();
    await expect(all.getByRole("columnheader", { name: /^Title/ })).toHaveAttribute("aria-sort", "ascending");
    const titles = await all.locator("tbody").getByRole("row").evaluateAll((rows) => rows.map((row) => (row as HTMLTableRowElement).cells[1]!.textContent!.toLowerCase()));
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles).toEqual([...titles].sort());
    await expectNoAxeViolations(caseworker);

    await all.getByRole("row", { name: /Expert report on attention-head layouts/ }).getByRole("link").first().click();
    await expect(caseworker.getByRole("heading", { level: 1, name: "Expert report on attention-head layouts" })).toBeVisible();
    await caseworker.getByRole("link", { name: "Back to the evidence" }).click();
    await expect(caseworker.getByRole("heading", { level: 1 })).toHaveText(/^Evidence: /);
    await caseworker.context().close();
  });

  test("the respondent challenges the confidentiality claim and a caseworker decides it", async ({ browser }) => {
    const respondent = await pageAs(browser, "respondent");
    await respondent.goto(`/portal/cases/${caseId}`);
    const evidence = respondent.getByRole("region", { name: "Evidence" }).or(respondent.locator("#evidence"));
    await evidence.getByRole("row", { name: /Restricted item C-\d{3} \(details withheld\)/ }).first().getByRole("link", { name: "Challenge confidentiality" }).click();
    await expect(respondent.getByRole("heading", { level: 1, name: /^Challenge the confidentiality of C-\d{3}$/ })).toBeVisible();
    await respondent.getByRole("button", { name: "Send challenge" }).click();
    await expect(errorSummary(respondent)).toBeVisible();
    await respondent.getByLabel("Why should this item not be confidential?").fill("The layouts it describes were published in the respondent's own paper in 2025.");
    await expectNoAxeViolations(respondent);
    await respondent.getByRole("button", { name: "Send challenge" }).click();
    await expect(respondent.getByText("Challenge sent. The regulator will decide whether the item stays confidential.")).toBeVisible();
    await respondent.context().close();

    const caseworker = await pageAs(browser, "caseworker");
    await caseworker.goto(`/cases/${caseId}/evidence/${evidenceId}`);
    await caseworker.getByText("Decide the confidentiality challenge").click();
    await caseworker.getByLabel("Reject the claim: the filer must file a non-confidential version").check();
    await caseworker.getByLabel("Reasons for your decision").fill("The material is already public in the respondent's paper.");
    await caseworker.getByRole("button", { name: "Record decision" }).click();
    await expect(caseworker.getByRole("heading", { name: "Confidentiality challenges" })).toBeVisible();
    await expect(caseworker.getByText("The material is already public in the respondent's paper.").first()).toBeVisible();
    await expect(caseworker.getByText("Decide the confidentiality challenge")).toHaveCount(0);
    await expectNoAxeViolations(caseworker);
    await caseworker.context().close();
  });
});
