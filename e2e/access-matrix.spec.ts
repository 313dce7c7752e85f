import { randomUUID } from "node:crypto";
import { test, expect, type APIRequestContext, type APIResponse, type Browser, type Request } from "@playwright/test";
import { storageStateFor } from "./fixtures";
import { minimalPdf } from "../domain/evidence/testing-files";

// Every page (and the downloads behind them) as each of seven people, against the production server.
// The unit-level matrix (server/access-matrix.test.ts) covers the route handlers and verbs cell by cell;
// this one proves the pages put the same rules in front of them. Requests, not navigations, keep it fast.

/**
 * The columns. "Party of case A" is the complainant's solicitor (Harrow & Vell): alone on case A,
 * "Distilled chat model…". "Party of case B" is the respondent's (Ostrander Kemp): alone on case B,
 * "Sensor-fusion firmware…". Both act on the flagship.
 */
const ROLES = ["signedOut", "complainant", "respondent", "amicus", "caseworker", "supervisor", "admin"] as const;
type Role = (typeof ROLES)[number];

/**
 * ok   200 with the page's own heading (or other marker) in it;
 * nf   404 "Page not found" — and, given a `guess`, the same main content as the made-up id gets;
 * in   a redirect to sign in (signed out);
 * go   a redirect somewhere else (a signed-in user sent home from the sign-in page, say);
 * 401  an API's answer to the signed out.
 */
type Expectation = "ok" | "nf" | "in" | "go" | "401";

interface Row {
  path: () => string;
  expect: string;
  marker?: () => string;
  /** The same address with a made-up id: a denial must look exactly like it. */
  guess?: () => string;
  /** A route handler answering JSON or a file: no page markup to look into. */
  api?: boolean;
  /** Only with the complainant's seeded draft, which a reused server may no longer have. */
  needsDraft?: boolean;
}

const FLAGSHIP = "attention-head configuration";
const CASE_A = "Distilled chat model trained on outputs of a proprietary model";
const CASE_B = "Sensor-fusion firmware in imported drones";
const EXHIBIT_TITLE = `Access matrix exhibit ${Date.now()}`;
const APPLICANT = "Access Matrix Review Group";
const FOREIGN = "https://attacker.example";

const ids = { flagship: "", flagshipRef: "", caseA: "", caseB: "", caseBRef: "", draft: "", evidence: "", submission: "", application: "" };
const guess = () => randomUUID();

function expectations(spec: string): Record<Role, Expectation> {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== ROLES.length) throw new Error(`bad row "${spec}"`);
  return Object.fromEntries(ROLES.map((role, i) => [role, parts[i] as Expectation])) as Record<Role, Expectation>;
}

const ROWS: Row[] = [
  // Public pages.
  { path: () => "/", expect: "ok go go go go go go", marker: () => "Complain about the misuse of intellectual property" },
  { path: () => "/sign-in", expect: "ok go go go go go go", marker: () => "Sign in" },
  { path: () => "/sign-out", expect: "go ok ok ok ok ok ok", marker: () => "Sign out" },
  { path: () => "/signed-out", expect: "ok ok ok ok ok ok ok", marker: () => "You have signed out" },
  { path: () => "/create-account", expect: "ok go go go go go go", marker: () => "Create an account" },
  { path: () => "/create-account/check-your-email", expect: "ok ok ok ok ok ok ok", marker: () => "Check your email" },
  { path: () => "/create-account/account-created", expect: "ok ok ok ok ok ok ok", marker: () => "Account created" },
  { path: () => "/verify-email", expect: "ok ok ok ok ok ok ok", marker: () => "This link is not valid" },
  { path: () => "/deadline-calculator", expect: "ok ok ok ok ok ok ok", marker: () => "Deadline calculator" },
  { path: () => "/public-register", expect: "ok ok ok ok ok ok ok", marker: () => "Public register" },
  { path: () => `/public-register/${ids.flagshipRef}`, expect: "ok ok ok ok ok ok ok", marker: () => FLAGSHIP },
  { path: () => `/public-register/${ids.caseBRef}`, expect: "nf nf nf nf nf nf nf", guess: () => "/public-register/IPC-2099-999999" },
  // Staff pages.
  { path: () => "/dashboard", expect: "in nf nf nf ok ok ok", marker: () => "Dashboard" },
  { path: () => "/dashboard/list/open-cases", expect: "in nf nf nf ok ok ok", marker: () => "Open cases", guess: () => "/dashboard/list/no-such-figure" },
  { path: () => "/dashboard/workload", expect: "in nf nf nf ok ok ok", marker: () => "Workload by caseworker" },
  { path: () => "/triage", expect: "in nf nf nf ok ok ok", marker: () => "Triage" },
  { path: () => "/cases", expect: "in nf nf nf ok ok ok", marker: () => FLAGSHIP },
  { path: () => "/deadlines", expect: "in nf nf nf ok ok ok", marker: () => "Deadlines" },
  { path: () => `/cases/${ids.flagship}`, expect: "in nf nf nf ok ok ok", marker: () => "Internal notes", guess: () => `/cases/${guess()}` },
  { path: () => `/cases/${ids.caseB}`, expect: "in nf nf nf ok ok ok", marker: () => CASE_B, guess: () => `/cases/${guess()}` },
  { path: () => `/cases/${ids.flagship}/timeline`, expect: "in nf nf nf ok ok ok", marker: () => "Timeline: ", guess: () => `/cases/${guess()}/timeline` },
  { path: () => `/cases/${ids.caseB}/clocks`, expect: "in nf nf nf ok ok ok", marker: () => "Statutory clocks: ", guess: () => `/cases/${guess()}/clocks` },
  { path: () => `/cases/${ids.caseA}/evidence`, expect: "in nf nf nf ok ok ok", marker: () => "Evidence: ", guess: () => `/cases/${guess()}/evidence` },
  { path: () => `/cases/${ids.flagship}/evidence/upload`, expect: "in nf nf nf ok ok nf", marker: () => "Upload evidence", guess: () => `/cases/${guess()}/evidence/upload` },
  { path: () => `/cases/${ids.caseA}/evidence/${ids.evidence}`, expect: "in nf nf nf ok ok ok", marker: () => EXHIBIT_TITLE, guess: () => `/cases/${ids.caseA}/evidence/${guess()}` },
  { path: () => `/cases/${ids.caseA}/evidence/receipts/${ids.submission}`, expect: "in nf nf nf ok ok ok", marker: () => "Evidence submitted", guess: () => `/cases/${ids.caseA}/evidence/receipts/${guess()}` },
  { path: () => "/admin", expect: "in nf nf nf nf nf ok", marker: () => "Admin" },
  { path: () => "/admin/users", expect: "in nf nf nf nf nf ok", marker: () => "Users" },
  { path: () => "/admin/deadline-rules", expect: "in nf nf nf nf nf ok", marker: () => "Deadline rules" },
  { path: () => "/admin/deadline-rules/case-to-answer", expect: "in nf nf nf nf nf ok", marker: () => "Case-to-answer determination", guess: () => "/admin/deadline-rules/no-such-rule" },
  { path: () => "/admin/mail", expect: "in nf nf nf nf nf ok", marker: () => "Outgoing mail" },
  // The parties' portal.
  { path: () => "/portal", expect: "in ok ok nf nf nf nf", marker: () => "My cases" },
  { path: () => "/portal/complaints/new", expect: "in ok ok nf nf nf nf", marker: () => "Submit a complaint" },
  { needsDraft: true, path: () => `/portal/complaints/${ids.draft}`, expect: "in ok nf nf nf nf nf", marker: () => "Your complaint", guess: () => `/portal/complaints/${guess()}` },
  { needsDraft: true, path: () => `/portal/complaints/${ids.draft}/complainant`, expect: "in ok nf nf nf nf nf", marker: () => "Complainant and representative", guess: () => `/portal/complaints/${guess()}/complainant` },
  { needsDraft: true, path: () => `/portal/complaints/${ids.draft}/check-answers`, expect: "in ok nf nf nf nf nf", marker: () => "Check your answers before submitting your complaint", guess: () => `/portal/complaints/${guess()}/check-answers` },
  { needsDraft: true, path: () => `/portal/complaints/${ids.draft}/delete`, expect: "in ok nf nf nf nf nf", marker: () => "Are you sure you want to delete this draft complaint?", guess: () => `/portal/complaints/${guess()}/delete` },
  { path: () => `/portal/complaints/${ids.caseA}/confirmation`, expect: "in ok nf nf nf nf nf", marker: () => "Complaint submitted", guess: () => `/portal/complaints/${guess()}/confirmation` },
  { path: () => `/portal/cases/${ids.flagship}`, expect: "in ok ok nf nf nf nf", marker: () => FLAGSHIP, guess: () => `/portal/cases/${guess()}` },
  { path: () => `/portal/cases/${ids.caseA}`, expect: "in ok nf nf nf nf nf", marker: () => CASE_A, guess: () => `/portal/cases/${guess()}` },
  { path: () => `/portal/cases/${ids.caseB}`, expect: "in nf ok nf nf nf nf", marker: () => CASE_B, guess: () => `/portal/cases/${guess()}` },
  { path: () => `/portal/cases/${ids.flagship}/evidence/upload`, expect: "in ok ok nf nf nf nf", marker: () => "Upload evidence" },
  { path: () => `/portal/cases/${ids.caseA}/evidence/upload`, expect: "in ok nf nf nf nf nf", marker: () => "Upload evidence", guess: () => `/portal/cases/${guess()}/evidence/upload` },
  { path: () => `/portal/cases/${ids.caseA}/evidence/${ids.evidence}`, expect: "in ok nf nf nf nf nf", marker: () => EXHIBIT_TITLE, guess: () => `/portal/cases/${ids.caseA}/evidence/${guess()}` },
  { path: () => `/portal/cases/${ids.caseA}/evidence/${ids.evidence}/challenge`, expect: "in ok nf nf nf nf nf", marker: () => "Challenge the confidentiality of", guess: () => `/portal/cases/${ids.caseA}/evidence/${guess()}/challenge` },
  { path: () => `/portal/cases/${ids.caseA}/evidence/receipts/${ids.submission}`, expect: "in ok nf nf nf nf nf", marker: () => "Evidence submitted", guess: () => `/portal/cases/${ids.caseA}/evidence/receipts/${guess()}` },
  // Amicus applicants.
  { path: () => "/portal/applications", expect: "in nf nf ok nf nf nf", marker: () => "My applications" },
  { path: () => `/portal/applications/new?case=${ids.flagshipRef}`, expect: "in nf nf ok nf nf nf", marker: () => "Apply to file an amicus brief" },
  { path: () => `/portal/applications/new?case=${ids.caseBRef}`, expect: "in nf nf nf nf nf nf", guess: () => "/portal/applications/new?case=IPC-2099-999999" },
  { path: () => `/portal/applications/${ids.application}`, expect: "in nf nf ok nf nf nf", marker: () => "Your application to file an amicus brief", guess: () => `/portal/applications/${guess()}` },
  // Everyone signed in.
  { path: () => "/calendar", expect: "in ok ok ok ok ok ok", marker: () => "Calendar feeds" },
  { path: () => `/calendar?case=${ids.flagship}`, expect: "in ok ok nf ok ok ok", marker: () => "Calendar feeds", guess: () => `/calendar?case=${guess()}` },
  { path: () => `/calendar?case=${ids.caseA}`, expect: "in ok nf nf ok ok ok", marker: () => "Calendar feeds", guess: () => `/calendar?case=${guess()}` },
  { path: () => "/notifications", expect: "in ok ok ok ok ok ok", marker: () => "Notifications" },
  { path: () => "/notifications/settings", expect: "in ok ok ok ok ok ok", marker: () => "Email settings" },
  { path: () => `/notifications/${guess()}/open`, expect: "in nf nf nf nf nf nf" },
  // The downloads behind the pages.
  { path: () => `/api/evidence/${ids.evidence}/download`, expect: "nf ok nf nf ok ok ok", api: true, guess: () => `/api/evidence/${guess()}/download` },
  { path: () => `/api/evidence/receipts/${ids.submission}`, expect: "401 ok nf nf ok ok ok", api: true, guess: () => `/api/evidence/receipts/${guess()}` },
  { path: () => "/api/dashboard", expect: "401 nf nf nf ok ok ok", api: true },
];

// --- Finding real ids the way staff and parties would, by reading their pages. ---

/**
 * A request client with the role's session. Made from a browser context (not `playwright.request`) so
 * it gets the configured baseURL in `beforeAll` too, where the test-scoped `baseURL` fixture is not available.
 */
async function requestAs(browser: Browser, role: Role): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext(role === "signedOut" ? {} : { storageState: storageStateFor(role) });
  return { request: context.request, close: () => context.close() };
}

/** A case's id and reference from the staff case list: its row holds both. */
function caseFromList(html: string, title: string): { id: string; reference: string } {
  const row = html.split("<tr").find((chunk) => chunk.includes(title));
  const id = row?.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1];
  const reference = row?.match(/>(IPC-\d{4}-\d{6})</)?.[1];
  if (!id || !reference) throw new Error(`case "${title}" is not in the staff case list`);
  return { id, reference };
}

/**
 * A not-found page as the reader sees it, with what varies by request taken out: the nonce, and the
 * address itself (Next.js echoes the requested path in its router data, so "the same page" means the
 * same page apart from the address that was asked for).
 */
function sameAnswer(html: string, path: string): string {
  let text = mainOf(html).replace(/nonce(?:=|\\?":\\?")"?[A-Za-z0-9+/=]+/g, "nonce");
  for (const segment of path.split(/[/?&=]/).filter((part) => part.length > 0)) text = text.split(segment).join("<segment>");
  // Next.js streams its router data in numbered chunks whose order (and so numbering) depends on
  // timing: compare the chunks' contents, without their numbers and in a fixed order.
  return text
    .split(/\\n|\n/)
    .map((line) => line.replace(/^[0-9a-f]+:/, "").replace(/\$[A-Za-z@]?[0-9a-f]+\b/g, "$ref"))
    .sort()
    .join("\n");
}

const mainOf = (html: string) => (html.match(/<main[^>]*id="main-content"[^>]*>([\s\S]*?)<\/main>/)?.[1] ?? html).replace(/ nonce="[^"]*"/g, "");
const pathOnly = (location: string) => location.replace(/^https?:\/\/[^/]+/, "");

async function discoverIds(browser: Browser) {
  const caseworker = await requestAs(browser, "caseworker");
  const list = await (await caseworker.request.get("/cases")).text();
  const flagship = caseFromList(list, FLAGSHIP);
  const caseA = caseFromList(list, CASE_A);
  const caseB = caseFromList(list, CASE_B);
  Object.assign(ids, { flagship: flagship.id, flagshipRef: flagship.reference, caseA: caseA.id, caseB: caseB.id, caseBRef: caseB.reference });
  await caseworker.close();

  const complainant = await requestAs(browser, "complainant");
  ids.draft = (await (await complainant.request.get("/portal")).text()).match(/href="\/portal\/complaints\/([0-9a-f-]{36})"/)?.[1] ?? "";
  await complainant.close();

  const amicus = await requestAs(browser, "amicus");
  ids.application = (await (await amicus.request.get("/portal/applications")).text()).match(/href="\/portal\/applications\/([0-9a-f-]{36})"/)?.[1] ?? "";
  await amicus.close();
}

/** The complainant files one public exhibit on case A, as they would: it is "received" until a caseworker accepts it. */
async function fileExhibitOnCaseA(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateFor("complainant") });
  const page = await context.newPage();
  await page.goto(`/portal/cases/${ids.caseA}/evidence/upload`);
  await page.getByLabel("Upload files").setInputFiles({ name: "matrix-exhibit.pdf", mimeType: "application/pdf", buffer: minimalPdf("Access matrix exhibit.") });
  await expect(page.getByRole("listitem").filter({ hasText: "matrix-exhibit.pdf" })).toContainText("Uploaded");
  await page.getByLabel("Title for matrix-exhibit.pdf").fill(EXHIBIT_TITLE);
  await page.getByLabel("Public: anyone, once the case is on the public register").check();
  await page.getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evidence submitted" })).toBeVisible();
  ids.submission = new URL(page.url()).pathname.split("/").pop()!;
  ids.evidence = (await page.content()).match(new RegExp(`/portal/cases/${ids.caseA}/evidence/([0-9a-f-]{36})"`))?.[1] ?? "";
  expect(ids.evidence, "the receipt links to the new item").not.toBe("");
  await context.close();
}

/**
 * Only the flagship's amicus window is open, and the amicus journey (amicus.spec.ts) applies there
 * too, so an application made here is refused straight away: a refused application leaves its
 * applicant free to apply again, and the page it lives on still belongs to them.
 */
async function makeRefusedApplication(browser: Browser) {
  const amicus = await browser.newContext({ storageState: storageStateFor("amicus") });
  const page = await amicus.newPage();
  await page.goto(`/portal/applications/new?case=${encodeURIComponent(ids.flagshipRef)}`);
  await page.getByLabel("Your name, or the name of the organisation applying").fill(APPLICANT);
  await page.getByLabel("Whom do you represent?").fill("Nobody: this application exists to be refused");
  await page.getByLabel("What is your interest in the case?").fill("Testing who may see what.");
  await page.getByLabel("I will tell you about any relationship with the parties and who funded or contributed to the brief").check();
  await page.getByLabel("Describe any relationship you have with either party").fill("None");
  await page.getByLabel("Who funded or contributed to the brief?").fill("None");
  await page.getByLabel("Summary of the points you will make").fill("None.");
  await page.getByLabel("Why will the parties not make these points?").fill("They will.");
  await page.getByLabel("How many words will your brief need?").fill("300");
  await page.getByRole("button", { name: "Apply for leave" }).click();
  await expect(page.getByText("Application sent.")).toBeVisible();
  ids.application = new URL(page.url()).pathname.split("/").pop()!;
  await amicus.close();

  const caseworker = await browser.newContext({ storageState: storageStateFor("caseworker") });
  const staffPage = await caseworker.newPage();
  await staffPage.goto(`/cases/${ids.flagship}`);
  const card = staffPage.getByRole("region", { name: "Amicus applications" }).locator(".govuk-summary-card").filter({ hasText: APPLICANT });
  await card.getByText("Grant or refuse leave").click();
  await card.getByLabel("Refuse leave").check();
  await card.getByLabel("Reasons", { exact: true }).fill("Made only to test access; refused at once.");
  await card.getByRole("button", { name: "Record decision" }).click();
  await expect(staffPage).toHaveURL(/done=amicus-refused/);
  await caseworker.close();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  await discoverIds(browser);
  await fileExhibitOnCaseA(browser);
  if (!ids.application) await makeRefusedApplication(browser);
});

async function checkCell(client: APIRequestContext, role: Role, row: Row, expected: Expectation) {
  const path = row.path();
  const what = `${role} GET ${path}`;
  const response: APIResponse = await client.get(path, { maxRedirects: 0 });
  const status = response.status();
  const location = pathOnly(response.headers()["location"] ?? "");
  switch (expected) {
    case "ok": {
      expect.soft(status, what).toBe(200);
      // Inside <main>, so the navigation (which names most pages) cannot stand in for the page itself.
      if (row.marker) expect.soft(row.api ? await response.text() : mainOf(await response.text()), what).toContain(row.marker());
      return;
    }
    case "in":
      expect.soft([302, 303, 307, 308], what).toContain(status);
      expect.soft(location, what).toMatch(/^\/sign-in\?returnTo=/);
      return;
    case "go":
      expect.soft([302, 303, 307, 308], what).toContain(status);
      expect.soft(location, what).not.toMatch(/^\/sign-in/);
      expect.soft(location, what).not.toBe("");
      return;
    case "401":
      expect.soft(status, what).toBe(401);
      return;
    case "nf": {
      expect.soft(status, what).toBe(404);
      const body = await response.text();
      if (!row.api) expect.soft(mainOf(body), what).toContain("Page not found");
      for (const secret of [EXHIBIT_TITLE, "Internal notes", APPLICANT]) expect.soft(body, `${what} shows nothing of what it guards`).not.toContain(secret);
      if (!row.guess) return;
      const guessPath = row.guess();
      const guessed = await client.get(guessPath, { maxRedirects: 0 });
      expect.soft(guessed.status(), `${what}: as for a made-up id`).toBe(404);
      const guessedBody = await guessed.text();
      if (row.api) expect.soft(guessedBody, `${what}: as for a made-up id`).toBe(body);
      else expect.soft(sameAnswer(guessedBody, guessPath), `${what}: as for a made-up id`).toBe(sameAnswer(body, row.path()));
      return;
    }
  }
}

/** A few requests at a time: quicker than one by one, gentler than all at once. */
async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

test.describe("every page, as each role", () => {
  for (const role of ROLES) {
    test(`${role}`, async ({ browser }) => {
      expect(ids.flagship && ids.caseA && ids.caseB && ids.evidence && ids.submission && ids.application, "ids found in setup").toBeTruthy();
      const client = await requestAs(browser, role);
      const rows = ROWS.filter((row) => !row.needsDraft || ids.draft !== "");
      await inBatches(rows, 6, (row) => checkCell(client.request, role, row, expectations(row.expect)[role]));
      await client.close();
    });
  }
});

test("another user's server action replayed: only the caseworker's note exists, and another site's Origin is refused", async ({ browser, baseURL }) => {
  const note = `Replay check ${randomUUID()}`;
  const context = await browser.newContext({ storageState: storageStateFor("caseworker") });
  const page = await context.newPage();
  await page.goto(`/cases/${ids.flagship}`);
  const form = page.locator("details").filter({ has: page.locator("summary", { hasText: "Add an internal note" }) });
  await form.locator("summary").click();
  await form.getByLabel("Note", { exact: true }).fill(note);
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await form.getByRole("button", { name: "Add note" }).click();
  const action: Request = await posted;
  await expect(page.getByText(note, { exact: true })).toHaveCount(1);

  // The exact request (action id, router state, body), without the caseworker's cookie.
  const sent = await action.allHeaders();
  const headers = Object.fromEntries(Object.entries(sent).filter(([name]) => !name.startsWith(":") && !["host", "origin", "cookie", "content-length", "referer", "connection"].includes(name)));
  const url = new URL(action.url());
  const body = action.postDataBuffer()!;
  const replay = (client: APIRequestContext, origin: string) => client.post(url.pathname + url.search, { headers: { ...headers, Origin: origin }, data: body, maxRedirects: 0 });

  for (const role of ["complainant", "respondent", "amicus", "admin", "signedOut"] as const) {
    const client = await requestAs(browser, role);
    const response = await replay(client.request, baseURL!);
    const text = await response.text();
    expect(response.status(), `${role} replaying the caseworker's note`).toBe(200);
    expect(response.headers()["x-action-redirect"], `${role}: no redirect to the case`).toBeUndefined();
    expect(text, `${role} is told no`).toContain(role === "signedOut" ? "Sign in to continue" : "could not be found");
    await client.close();
  }

  // Another site cannot make even the caseworker's own browser send it.
  const crossSite = await replay(context.request, FOREIGN);
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("Cross-site request refused");

  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Internal notes" })).toBeVisible();
  await expect(page.getByText(note, { exact: true })).toHaveCount(1);
  await context.close();
});
