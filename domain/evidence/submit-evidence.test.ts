import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { openDatabase } from "@/db/client";
import { auditEvents, clockEvents, deadlines, evidence, evidenceSubmissions, mailOutbox, notifications, uploadSessions, type Confidentiality } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { verifyAuditChain } from "../audit/verify-chain";
import { submitEvidence, type SubmitEvidenceInputType } from "./submit-evidence";
import { makeEvidenceWorld, thrown } from "./submission-fixtures";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceWorld>;
let people: ReturnType<typeof makeEvidenceWorld>["people"];

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceWorld(db);
  people = world.people;
});
afterEach(() => testDb.close());

const DAY = 24 * 60 * 60 * 1000;

/** Uploads one file per title for the actor and files them in one submission. */
function file(actor: Actor, caseId: string, options: { titles?: string[]; confidentiality?: Confidentiality | ""; supersedesId?: string; nonConfidentialVersionOfId?: string; now?: Date; database?: Db } = {}) {
  const titles = options.titles ?? ["Training log"];
  const items = titles.map((title) => ({ uploadId: world.makeUpload(actor, caseId), title, description: "" }));
  const input: SubmitEvidenceInputType = { caseId, confidentiality: options.confidentiality ?? "parties", supersedesId: options.supersedesId, nonConfidentialVersionOfId: options.nonConfidentialVersionOfId, items };
  return submitEvidence(testCtx(options.database ?? db, actor, options.now), input);
}

const itemsOf = (caseId: string) => db.select().from(evidence).where(eq(evidence.caseId, caseId)).orderBy(sql`${evidence}.rowid`).all();
const itemByExhibit = (caseId: string, exhibitNumber: string) => db.select().from(evidence).where(and(eq(evidence.caseId, caseId), eq(evidence.exhibitNumber, exhibitNumber))).get()!;
const nonConfidentialDeadlines = (evidenceId: string) => db.select().from(deadlines).where(and(eq(deadlines.subjectId, evidenceId), eq(deadlines.ruleId, "non-confidential-version"))).all();
const notificationsFor = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();

describe("submitEvidence: exhibit numbers", () => {
  it("numbers each side's items C-001, C-002 …, R-001 …, X-001 … across submissions", () => {
    const caseId = world.makeCase();
    expect(file(people.complainantLawyer, caseId, { titles: ["Witness statement", "Training log"] }).exhibitNumbers).toEqual(["C-001", "C-002"]);
    expect(file(people.respondentLawyer, caseId).exhibitNumbers).toEqual(["R-001"]);
    expect(file(people.complainantColleague, caseId).exhibitNumbers).toEqual(["C-003"]);
    expect(file(people.caseworker, caseId).exhibitNumbers).toEqual(["X-001"]);
    expect(file(people.respondentLawyer, caseId).exhibitNumbers).toEqual(["R-002"]);
    expect(itemsOf(caseId).map((item) => [item.exhibitNumber, item.filingSide])).toEqual([
      ["C-001", "complainant"],
      ["C-002", "complainant"],
      ["R-001", "respondent"],
      ["C-003", "complainant"],
      ["X-001", "regulator"],
      ["R-002", "respondent"],
    ]);
  });

  it("keeps a separate sequence per case", () => {
    const first = world.makeCase();
    const second = world.makeCase();
    expect(file(people.complainantLawyer, first).exhibitNumbers).toEqual(["C-001"]);
    expect(file(people.complainantLawyer, second).exhibitNumbers).toEqual(["C-001"]);
    expect(file(people.complainantLawyer, first).exhibitNumbers).toEqual(["C-002"]);
  });

  it("leaves no gap when a submission fails part-way, and none when two connections file in turn", () => {
    const caseId = world.makeCase();
    expect(file(people.complainantLawyer, caseId).exhibitNumbers).toEqual(["C-001"]);
    // The second file is someone else's upload, so the whole submission rolls back, numbers included.
    const good = world.makeUpload(people.complainantLawyer, caseId);
    const foreign = world.makeUpload(people.complainantColleague, caseId);
    const error = thrown(() =>
      submitEvidence(testCtx(db, people.complainantLawyer), {
        caseId,
        confidentiality: "parties",
        items: [
          { uploadId: good, title: "Good", description: "" },
          { uploadId: foreign, title: "Not mine", description: "" },
        ],
      }),
    );
    expect(error.code).toBe("not_found");
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.id, good)).get()!.evidenceId).toBeNull();

    // A second connection to the same file, as a second server process would have.
    const other = openDatabase(testDb.file, { migrate: false });
    try {
      const numbers: string[] = [];
      for (let round = 0; round < 5; round += 1) {
        numbers.push(...file(people.complainantLawyer, caseId, { titles: ["A", "B"] }).exhibitNumbers);
        numbers.push(...file(people.complainantColleague, caseId, { database: other }).exhibitNumbers);
      }
      expect(numbers).toEqual(Array.from({ length: 15 }, (_, i) => `C-${String(i + 2).padStart(3, "0")}`));
    } finally {
      other.$client.close();
    }
    expect(itemsOf(caseId).map((item) => item.exhibitNumber)).toEqual(Array.from({ length: 16 }, (_, i) => `C-${String(i + 1).padStart(3, "0")}`));
  });
});

describe("submitEvidence: what is filed", () => {
  it("records the submission, each item from its upload, and marks each upload used", () => {
    const caseId = world.makeCase();
    const uploadId = world.makeUpload(people.complainantLawyer, caseId, { filename: "../../etc/passwd\u202Efdp.pdf" });
    const upload = db.select().from(uploadSessions).where(eq(uploadSessions.id, uploadId)).get()!;
    const { submissionId } = submitEvidence(testCtx(db, people.complainantLawyer), { caseId, confidentiality: "restricted", items: [{ uploadId, title: "  Board minutes  ", description: "Minutes of 3 March" }] });
    const submission = db.select().from(evidenceSubmissions).where(eq(evidenceSubmissions.id, submissionId)).get()!;
    expect(submission).toMatchObject({ caseId, filingSide: "complainant", filedBy: people.complainantLawyer.id, submittedAt: FIXED_NOW.toISOString() });
    const [item] = itemsOf(caseId);
    expect(item).toMatchObject({
      submissionId,
      exhibitNumber: "C-001",
      title: "Board minutes",
      description: "Minutes of 3 March",
      originalFilename: "../../etc/passwd\u202Efdp.pdf",
      sizeBytes: upload.sizeBytes,
      contentType: "application/pdf",
      sha256: upload.sha256,
      confidentiality: "restricted",
      status: "received",
      filedBy: people.complainantLawyer.id,
      receivedAt: FIXED_NOW.toISOString(),
      supersedesId: null,
      nonConfidentialVersionOfId: null,
    });
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.id, uploadId)).get()!.evidenceId).toBe(item!.id);
  });

  it("lets regulator staff file at any level, as X- exhibits", () => {
    const caseId = world.makeCase();
    for (const level of ["public", "parties", "restricted"] as const) file(people.supervisor, caseId, { confidentiality: level });
    expect(itemsOf(caseId).map((item) => [item.exhibitNumber, item.confidentiality])).toEqual([
      ["X-001", "public"],
      ["X-002", "parties"],
      ["X-003", "restricted"],
    ]);
  });

  it("writes evidence.filed per item and evidence.submission once, and the audit chain still verifies", () => {
    const caseId = world.makeCase();
    const { submissionId } = file(people.complainantLawyer, caseId, { titles: ["One", "Two"], confidentiality: "public" });
    const events = db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(asc(auditEvents.seq)).all();
    const filed = events.filter((e) => e.action === "evidence.filed").map((e) => JSON.parse(e.data) as Record<string, unknown>);
    expect(filed.map((data) => data.exhibitNumber)).toEqual(["C-001", "C-002"]);
    const [first] = itemsOf(caseId);
    expect(filed[0]).toMatchObject({ submissionId, sha256: first!.sha256, sizeBytes: first!.sizeBytes, contentType: "application/pdf", confidentiality: "public", originalFilename: first!.originalFilename });
    const submissions = events.filter((e) => e.action === "evidence.submission");
    expect(submissions).toHaveLength(1);
    expect(JSON.parse(submissions[0]!.data)).toMatchObject({ exhibits: ["C-001", "C-002"], filingSide: "complainant" });
    expect(submissions[0]!.subject).toBe(`evidence-submission:${submissionId}`);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("submitEvidence: which uploads may be filed", () => {
  const submitOne = (actor: Actor, caseId: string, uploadId: string) => submitEvidence(testCtx(db, actor), { caseId, confidentiality: "parties", items: [{ uploadId, title: "Exhibit", description: "" }] });

  it("refuses an upload already used", () => {
    const caseId = world.makeCase();
    const uploadId = world.makeUpload(people.complainantLawyer, caseId);
    submitOne(people.complainantLawyer, caseId, uploadId);
    const error = thrown(() => submitOne(people.complainantLawyer, caseId, uploadId));
    expect(error.code).toBe("not_found");
    expect(error.fieldErrors["items.0.uploadId"]).toMatch(/could not be found/);
    expect(itemsOf(caseId)).toHaveLength(1);
  });

  it("refuses someone else's upload as not found, even a colleague's on the same side", () => {
    const caseId = world.makeCase();
    const colleagues = world.makeUpload(people.complainantColleague, caseId);
    const opponents = world.makeUpload(people.respondentLawyer, caseId, { side: "respondent" });
    expect(thrown(() => submitOne(people.complainantLawyer, caseId, colleagues)).code).toBe("not_found");
    expect(thrown(() => submitOne(people.complainantLawyer, caseId, opponents)).code).toBe("not_found");
    expect(itemsOf(caseId)).toEqual([]);
  });

  it("refuses refused, removed, unfinished, other-case and non-evidence uploads", () => {
    const caseId = world.makeCase();
    const otherCase = world.makeCase();
    const lawyer = people.complainantLawyer;
    const cases = [
      world.makeUpload(lawyer, caseId, { refusedReason: "This file is an HTML page, which cannot be filed as evidence." }),
      world.makeUpload(lawyer, caseId, { refusedReason: "Removed by the filer" }),
      world.makeUpload(lawyer, caseId, { completed: false }),
      world.makeUpload(lawyer, otherCase),
      world.makeUpload(lawyer, caseId, { purpose: "amicus_brief" }),
      "no-such-upload",
    ];
    for (const uploadId of cases) expect(thrown(() => submitOne(lawyer, caseId, uploadId)).code).toBe("not_found");
    expect(itemsOf(caseId)).toEqual([]);
  });

  it("refuses the same upload listed twice in one submission", () => {
    const caseId = world.makeCase();
    const uploadId = world.makeUpload(people.complainantLawyer, caseId);
    const error = thrown(() =>
      submitEvidence(testCtx(db, people.complainantLawyer), {
        caseId,
        confidentiality: "parties",
        items: [
          { uploadId, title: "One", description: "" },
          { uploadId, title: "Two", description: "" },
        ],
      }),
    );
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors["items.1.uploadId"]).toBeDefined();
  });
});

describe("submitEvidence: who may file and what they must enter", () => {
  it("refuses a closed or withdrawn case, and anyone not on the case", () => {
    const closed = world.makeCase({ status: "closed" });
    const withdrawn = world.makeCase({ status: "withdrawn" });
    const open = world.makeCase();
    expect(thrown(() => file(people.complainantLawyer, closed)).code).toBe("conflict");
    expect(thrown(() => file(people.caseworker, withdrawn)).code).toBe("conflict");
    expect(thrown(() => file(people.outsider, open)).code).toBe("not_found");
    expect(thrown(() => file(people.amicus, open)).code).toBe("not_found");
    expect(thrown(() => file(people.admin, open)).code).toBe("not_found");
    expect(thrown(() => submitEvidence(testCtx(db, null), { caseId: open, confidentiality: "public", items: [{ uploadId: "x", title: "x" }] })).code).toBe("unauthenticated");
    expect(db.select().from(evidence).all()).toEqual([]);
  });

  it("names each field a solicitor got wrong", () => {
    const caseId = world.makeCase();
    const uploadId = world.makeUpload(people.complainantLawyer, caseId);
    const ctx = testCtx(db, people.complainantLawyer);
    const invalid = (input: SubmitEvidenceInputType) => {
      const error = thrown(() => submitEvidence(ctx, input));
      expect(error.code).toBe("invalid");
      return error.fieldErrors;
    };
    expect(invalid({ caseId, confidentiality: "parties", items: [{ uploadId, title: "   " }] })).toEqual({ "items.0.title": "Enter a title" });
    expect(invalid({ caseId, confidentiality: "parties", items: [{ uploadId, title: "x".repeat(201) }] })).toEqual({ "items.0.title": "The title must be 200 characters or fewer" });
    expect(invalid({ caseId, confidentiality: "parties", items: [{ uploadId, title: "Fine", description: "x".repeat(5001) }] })).toEqual({ "items.0.description": "The description must be 5,000 characters or fewer" });
    expect(invalid({ caseId, confidentiality: "parties", items: [] })).toEqual({ items: "Upload at least one file" });
    expect(invalid({ caseId, confidentiality: "parties", items: Array.from({ length: 51 }, (_, i) => ({ uploadId: `u${i}`, title: "T" })) })).toEqual({ items: "Submit 50 files or fewer at a time" });
    expect(invalid({ caseId, confidentiality: "", items: [{ uploadId, title: "Fine" }] })).toEqual({ confidentiality: "Select who may see these files" });
    expect(invalid({ caseId, items: [{ uploadId, title: "" }] })).toEqual({ "items.0.title": "Enter a title", confidentiality: "Select who may see these files" });
    expect(invalid({ caseId, confidentiality: "secret" as never, items: [{ uploadId, title: "Fine" }] })).toEqual({ confidentiality: "Select who may see these files" });
    expect(itemsOf(caseId)).toEqual([]);
    // A title of exactly 200 characters and no description are fine.
    expect(submitEvidence(ctx, { caseId, confidentiality: "parties", items: [{ uploadId, title: "x".repeat(200) }] }).exhibitNumbers).toEqual(["C-001"]);
    expect(itemsOf(caseId)[0]!.description).toBe("");
  });
});

describe("submitEvidence: the non-confidential-version clock", () => {
  it("starts a 7-day clock per item when a party files restricted or parties-only evidence", () => {
    const caseId = world.makeCase();
    file(people.complainantLawyer, caseId, { titles: ["A", "B"], confidentiality: "restricted" });
    file(people.respondentLawyer, caseId, { confidentiality: "parties" });
    for (const exhibit of ["C-001", "C-002", "R-001"]) {
      const item = itemByExhibit(caseId, exhibit);
      const clocks = nonConfidentialDeadlines(item.id);
      expect(clocks).toHaveLength(1);
      expect(clocks[0]).toMatchObject({ caseId, status: "running", startOn: "2026-11-22", dueOn: "2026-11-29", label: `Non-confidential version of ${exhibit}` });
    }
  });

  it("starts none for public evidence or for the regulator's own filings", () => {
    const caseId = world.makeCase();
    file(people.complainantLawyer, caseId, { confidentiality: "public" });
    file(people.caseworker, caseId, { confidentiality: "restricted" });
    file(people.caseworker, caseId, { confidentiality: "parties" });
    expect(db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).all()).toEqual([]);
  });

  it("is met by a public version filed by the same side in time, and missed if it comes late", () => {
    const caseId = world.makeCase();
    file(people.complainantLawyer, caseId, { titles: ["A", "B"], confidentiality: "restricted" });
    const [first, second] = itemsOf(caseId);
    const { exhibitNumbers } = file(people.complainantColleague, caseId, { confidentiality: "", nonConfidentialVersionOfId: first!.id, now: new Date(FIXED_NOW.getTime() + 3 * DAY) });
    expect(exhibitNumbers).toEqual(["C-003"]);
    const version = itemByExhibit(caseId, "C-003");
    expect(version).toMatchObject({ confidentiality: "public", nonConfidentialVersionOfId: first!.id });
    expect(nonConfidentialDeadlines(first!.id)[0]).toMatchObject({ status: "met", completedAt: new Date(FIXED_NOW.getTime() + 3 * DAY).toISOString() });
    const met = db.select().from(clockEvents).where(eq(clockEvents.deadlineId, nonConfidentialDeadlines(first!.id)[0]!.id)).all();
    expect(met.map((e) => e.kind)).toEqual(["start", "met"]);
    expect(met[1]!.reason).toBe("Non-confidential version C-003 filed");
    // The original stays as it was; only its clock changes.
    expect(itemByExhibit(caseId, "C-001")).toMatchObject({ status: "received", confidentiality: "restricted" });

    file(people.complainantLawyer, caseId, { confidentiality: "public", nonConfidentialVersionOfId: second!.id, now: new Date(FIXED_NOW.getTime() + 8 * DAY) });
    expect(nonConfidentialDeadlines(second!.id)[0]!.status).toBe("missed");
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("must be public, from the same side, for an item that is not already public", () => {
    const caseId = world.makeCase();
    file(people.complainantLawyer, caseId, { confidentiality: "restricted" });
    file(people.complainantLawyer, caseId, { confidentiality: "public" });
    const confidential = itemByExhibit(caseId, "C-001");
    const alreadyPublic = itemByExhibit(caseId, "C-002");
    const notPublic = thrown(() => file(people.complainantLawyer, caseId, { confidentiality: "parties", nonConfidentialVersionOfId: confidential.id }));
    expect(notPublic.fieldErrors).toEqual({ confidentiality: "A non-confidential version must be public" });
    expect(thrown(() => file(people.respondentLawyer, caseId, { confidentiality: "public", nonConfidentialVersionOfId: confidential.id })).code).toBe("not_found");
    expect(thrown(() => file(people.caseworker, caseId, { confidentiality: "public", nonConfidentialVersionOfId: confidential.id })).code).toBe("not_found");
    expect(thrown(() => file(people.complainantLawyer, caseId, { confidentiality: "public", nonConfidentialVersionOfId: alreadyPublic.id })).code).toBe("conflict");
    expect(thrown(() => file(people.complainantLawyer, caseId, { titles: ["A", "B"], confidentiality: "public", nonConfidentialVersionOfId: confidential.id })).fieldErrors).toHaveProperty("items");
    expect(nonConfidentialDeadlines(confidential.id)[0]!.status).toBe("running");
  });
});

describe("submitEvidence: corrected versions", () => {
  it("supersedes the old item, links the new one, keeps the confidentiality, and moves the clock to the new item", () => {
    const caseId = world.makeCase();
    file(people.complainantLawyer, caseId, { confidentiality: "restricted" });
    const old = itemByExhibit(caseId, "C-001");
    const { exhibitNumbers } = file(people.complainantColleague, caseId, { confidentiality: "", supersedesId: old.id });
    expect(exhibitNumbers).toEqual(["C-002"]);
    const corrected = itemByExhibit(caseId, "C-002");
    expect(itemByExhibit(caseId, "C-001").status).toBe("superseded");
    expect(corrected).toMatchObject({ supersedesId: old.id, confidentiality: "restricted", status: "received" });
    expect(nonConfidentialDeadlines(old.id)[0]!.status).toBe("cancelled");
    expect(nonConfidentialDeadlines(corrected.id)[0]!.status).toBe("running");
    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `evidence:${old.id}`)).all();
    expect(audit.map((e) => e.action)).toEqual(["evidence.filed", "evidence.superseded"]);
    expect(JSON.parse(audit[1]!.data)).toMatchObject({ supersededBy: corrected.id, supersededByExhibit: "C-002" });
  });

  it("lets a correction change the confidentiality when asked", () => {
    const caseId = world.makeCase();
    file(people.respondentLawyer, caseId, { confidentiality: "restricted" });
    const old = itemByExhibit(caseId, "R-001");
    file(people.respondentLawyer, caseId, { confidentiality: "public", supersedesId: old.id });
    expect(itemByExhibit(caseId, "R-002").confidentiality).toBe("public");
    expect(nonConfidentialDeadlines(itemByExhibit(caseId, "R-002").id)).toEqual([]);
  });

  it("only replaces a live item of the same side on the same case, one file at a time", () => {
    const caseId = world.makeCase();
    const otherCase = world.makeCase();
    file(people.complainantLawyer, caseId, { confidentiality: "parties" });
    const item = itemByExhibit(caseId, "C-001");
    expect(thrown(() => file(people.respondentLawyer, caseId, { supersedesId: item.id })).code).toBe("not_found");
    expect(thrown(() => file(people.caseworker, caseId, { supersedesId: item.id })).code).toBe("not_found");
    expect(thrown(() => file(people.complainantLawyer, otherCase, { supersedesId: item.id })).code).toBe("not_found");
    expect(thrown(() => file(people.complainantLawyer, caseId, { titles: ["A", "B"], supersedesId: item.id })).fieldErrors).toEqual({ items: "Upload one file only: a corrected version replaces one item" });
    expect(thrown(() => file(people.complainantLawyer, caseId, { supersedesId: item.id, nonConfidentialVersionOfId: item.id })).code).toBe("invalid");
    file(people.complainantLawyer, caseId, { supersedesId: item.id });
    const again = thrown(() => file(people.complainantLawyer, caseId, { supersedesId: item.id }));
    expect(again.code).toBe("conflict");
    expect(again.message).toMatch(/C-001 has already been replaced/);
    db.update(evidence).set({ status: "withdrawn" }).where(eq(evidence.exhibitNumber, "C-002")).run();
    expect(thrown(() => file(people.complainantLawyer, caseId, { supersedesId: itemByExhibit(caseId, "C-002").id })).code).toBe("conflict");
  });
});

describe("submitEvidence: who hears about it", () => {
  it("tells the assigned caseworker and, for what they may see, the other side; never the filer", () => {
    const caseId = world.makeCase({ assignedTo: people.caseworker.id });
    file(people.complainantLawyer, caseId, { titles: ["Source diff", "Timeline"], confidentiality: "parties" });
    const [caseworkerNote] = notificationsFor(people.caseworker.id);
    expect(caseworkerNote).toMatchObject({ kind: "evidence.filed", caseId, link: `/cases/${caseId}` });
    expect(caseworkerNote!.body).toContain("C-001: Source diff");
    expect(caseworkerNote!.body).toContain("C-002: Timeline");
    expect(notificationsFor(people.otherCaseworker.id)).toEqual([]);
    expect(notificationsFor(people.supervisor.id)).toEqual([]);
    const [respondentNote] = notificationsFor(people.respondentLawyer.id);
    expect(respondentNote).toMatchObject({ kind: "evidence.filed", link: `/portal/cases/${caseId}` });
    expect(respondentNote!.body).toContain("C-001: Source diff");
    expect(notificationsFor(people.complainantLawyer.id)).toEqual([]);
    expect(notificationsFor(people.outsider.id)).toEqual([]);
  });

  it("tells every active caseworker and supervisor when nobody is assigned, and keeps restricted items from the other side", () => {
    const caseId = world.makeCase();
    file(people.respondentLawyer, caseId, { confidentiality: "restricted", titles: ["Model weights manifest"] });
    for (const staff of [people.caseworker, people.otherCaseworker, people.supervisor]) expect(notificationsFor(staff.id)).toHaveLength(1);
    for (const nobody of [people.leaver, people.admin, people.complainantLawyer, people.complainantColleague]) expect(notificationsFor(nobody.id)).toEqual([]);
  });

  it("tells both sides about the regulator's filings they may see, but not the filer", () => {
    const caseId = world.makeCase({ assignedTo: people.caseworker.id });
    file(people.caseworker, caseId, { confidentiality: "parties" });
    expect(notificationsFor(people.complainantLawyer.id)).toHaveLength(1);
    expect(notificationsFor(people.complainantColleague.id)).toHaveLength(1);
    expect(notificationsFor(people.respondentLawyer.id)).toHaveLength(1);
    expect(notificationsFor(people.caseworker.id)).toEqual([]);
    file(people.caseworker, caseId, { confidentiality: "restricted" });
    expect(notificationsFor(people.respondentLawyer.id)).toHaveLength(1);
  });

  it("emails the filer a receipt listing every exhibit with its size and SHA-256", () => {
    const caseId = world.makeCase();
    const { submissionId } = file(people.complainantLawyer, caseId, { titles: ["One", "Two"] });
    const mails = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, people.complainantLawyer.email)).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/evidence received \(C-001, C-002\)/);
    for (const item of itemsOf(caseId)) {
      expect(mails[0]!.body).toContain(item.sha256);
      expect(mails[0]!.body).toContain(`${item.sizeBytes.toLocaleString("en-GB")} bytes`);
    }
    expect(mails[0]!.body).toContain(`http://localhost:3000/portal/cases/${caseId}/evidence/receipts/${submissionId}`);
  });

  it("sends nothing when the submission fails", () => {
    const caseId = world.makeCase({ assignedTo: people.caseworker.id });
    expect(thrown(() => submitEvidence(testCtx(db, people.complainantLawyer), { caseId, confidentiality: "public", items: [{ uploadId: "missing", title: "X" }] })).code).toBe("not_found");
    expect(db.select().from(notifications).all()).toEqual([]);
    expect(db.select().from(mailOutbox).all()).toEqual([]);
    expect(db.select().from(evidenceSubmissions).all()).toEqual([]);
  });
});
