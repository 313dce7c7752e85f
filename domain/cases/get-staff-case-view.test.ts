import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import { makeEvidenceTestWorld } from "../evidence/evidence-test-world";
import { addCaseNote } from "./add-case-note";
import { getStaffCaseEvidenceView, getStaffCaseView, workOutStaffCaseView } from "./get-staff-case-view";

let testDb: ReturnType<typeof createTestDb>;
let world: ReturnType<typeof makeEvidenceTestWorld>;

beforeEach(() => {
  testDb = createTestDb();
  world = makeEvidenceTestWorld(testDb.db);
});
afterEach(() => testDb.close());

describe("getStaffCaseView", () => {
  it("reuses the answer while nothing has changed, and reads afresh after any write", () => {
    const caseId = world.makeCase();
    const ctx = testCtx(testDb.db, world.people.caseworker);
    const first = getStaffCaseView(ctx, caseId);
    expect(getStaffCaseView(ctx, caseId)).toBe(first);
    expect(first).toEqual(workOutStaffCaseView(ctx, caseId));

    addCaseNote(ctx, { caseId, body: "Check the model card against exhibit C-001." });
    const afterNote = getStaffCaseView(ctx, caseId);
    expect(afterNote).not.toBe(first);
    expect(afterNote.notes.map((note) => note.body)).toEqual(["Check the model card against exhibit C-001."]);
  });

  it("keeps one answer per person looking and per UK day", () => {
    const caseId = world.makeCase();
    const caseworkerView = getStaffCaseView(testCtx(testDb.db, world.people.caseworker), caseId);
    const supervisorView = getStaffCaseView(testCtx(testDb.db, world.people.supervisor), caseId);
    expect(supervisorView).not.toBe(caseworkerView);
    const tomorrow = new Date(FIXED_NOW.getTime() + 24 * 3600_000);
    const nextDay = getStaffCaseView(testCtx(testDb.db, world.people.caseworker, tomorrow), caseId);
    expect(nextDay).not.toBe(caseworkerView);
    expect(nextDay.today).not.toBe(caseworkerView.today);
  });

  it("refuses parties every time, and never keeps a refusal or a missing case", () => {
    const caseId = world.makeCase();
    for (let i = 0; i < 2; i++) {
      expect(() => getStaffCaseView(testCtx(testDb.db, world.people.complainantLawyer), caseId)).toThrow(expect.objectContaining({ code: "not_found" }));
      expect(() => getStaffCaseView(testCtx(testDb.db, world.people.caseworker), "no-such-case")).toThrow(expect.objectContaining({ code: "not_found" }));
    }
  });
});

describe("getStaffCaseEvidenceView", () => {
  it("keeps one answer per order until evidence is filed", () => {
    const caseId = world.makeCase();
    world.makeEvidence(caseId, { title: "Board minutes" });
    const ctx = testCtx(testDb.db, world.people.caseworker);
    const byExhibit = getStaffCaseEvidenceView(ctx, caseId, { sort: "exhibit", dir: "asc" });
    expect(getStaffCaseEvidenceView(ctx, caseId, { sort: "exhibit", dir: "asc" })).toBe(byExhibit);
    expect(getStaffCaseEvidenceView(ctx, caseId, { sort: "title", dir: "desc" })).not.toBe(byExhibit);

    world.makeEvidence(caseId, { title: "Model card" });
    expect(getStaffCaseEvidenceView(ctx, caseId, { sort: "exhibit", dir: "asc" }).evidence.items.map((item) => item.title)).toEqual(["Board minutes", "Model card"]);
    expect(() => getStaffCaseEvidenceView(testCtx(testDb.db, world.people.complainantLawyer), caseId, { sort: "exhibit", dir: "asc" })).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});
