import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases } from "@/db/schema";
import { createTestDb, FIXED_NOW, thrown } from "@/db/testing";
import { DEFAULT_CONFIG } from "../context";
import { makeCaseWithEverything } from "./disclosure-test-world";
import { buildAtomFeed, buildJsonFeed } from "./feeds";
import { DECLINED_DISCLOSURE_STATEMENT, getPublicCase } from "./get-public-case";
import { listRegister, listRegisterFeedEntries } from "./list-register";
import { makeRegisterWorld } from "./register-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterEach(() => testDb.close());

describe("nothing that is not public ever reaches the register", () => {
  let everything: ReturnType<typeof makeCaseWithEverything>;
  let outputs: Record<string, string>;

  beforeEach(() => {
    everything = makeCaseWithEverything(db);
    const entries = listRegisterFeedEntries(db, FIXED_NOW);
    outputs = {
      case: JSON.stringify(getPublicCase(db, FIXED_NOW, everything.reference)),
      // Searching for secret words must find nothing either (the filters echoed back are left out: they hold the query).
      list: JSON.stringify(["", "PUBLIC", "SECRET", "SECRET-COMPLAINT-TEXT", "IPC-2026-0042"].map((q) => listRegister(db, FIXED_NOW, { q }).items)),
      jsonFeed: JSON.stringify(buildJsonFeed(entries, DEFAULT_CONFIG)),
      atomFeed: buildAtomFeed(entries, DEFAULT_CONFIG, FIXED_NOW),
    };
  });

  it("builds a world with markers of both kinds in every field, so this test can fail", () => {
    expect(everything.publicMarkers.length).toBeGreaterThanOrEqual(15);
    expect(everything.secretMarkers.length).toBeGreaterThan(150);
    expect(everything.secretMarkers.every((m) => m.startsWith("SECRET-"))).toBe(true);
    expect(everything.publicMarkers.every((m) => m.startsWith("PUBLIC-") && !m.includes("SECRET"))).toBe(true);
  });

  it.each(["case", "list", "jsonFeed", "atomFeed"])("%s contains no secret marker, no staff or party account and no word SECRET at all", (name) => {
    const output = outputs[name]!;
    for (const marker of everything.secretMarkers) expect(output, marker).not.toContain(marker);
    for (const who of everything.staffAndParties) expect(output, who).not.toContain(who);
    expect(output).not.toContain("SECRET");
    expect(output).not.toContain("example.test");
  });

  it("shows every public marker on the case page", () => {
    for (const marker of everything.publicMarkers) expect(outputs.case, marker).toContain(marker);
  });

  it("shows the case's public facts in the list and both feeds, and its summary in the feeds", () => {
    for (const name of ["list", "jsonFeed", "atomFeed"]) {
      for (const marker of ["PUBLIC-CASE-TITLE", "PUBLIC-COMPLAINANT-NAME", "PUBLIC-RESPONDENT-NAME"]) expect(outputs[name], `${name} ${marker}`).toContain(marker);
    }
    for (const name of ["jsonFeed", "atomFeed"]) {
      for (const marker of ["PUBLIC-SUMMARY-FIRST-LINE", "PUBLIC-SUMMARY-SECOND-PARAGRAPH"]) expect(outputs[name], `${name} ${marker}`).toContain(marker);
    }
  });

  it("lists exactly the accepted public evidence of the parties and the regulator, with download links", () => {
    const view = getPublicCase(db, FIXED_NOW, everything.reference);
    expect(view.evidence.map((e) => e.id).sort()).toEqual([...everything.publicEvidenceIds].sort());
    expect(view.evidence.map((e) => e.filingSide).sort()).toEqual(["complainant", "regulator", "respondent"]);
    for (const item of view.evidence) expect(item.downloadHref).toBe(`/api/evidence/${item.id}/download`);
    expect(Object.keys(view.evidence[0]!).sort()).toEqual(["contentType", "description", "downloadHref", "exhibitNumber", "filingSide", "id", "receivedAt", "sizeBytes", "title"]);
  });

  it("lists exactly the filed briefs whose document is accepted and public, with their disclosure", () => {
    const view = getPublicCase(db, FIXED_NOW, everything.reference);
    expect(view.briefs.map((b) => b.applicantName)).toEqual(["PUBLIC-AMICUS-6-APPLICANT-NAME", "PUBLIC-AMICUS-5-APPLICANT-NAME"]);
    expect(view.briefs.map((b) => b.downloadHref).sort()).toEqual([...everything.briefDownloads].sort());
    const [declined, disclosed] = view.briefs;
    expect(disclosed!.disclosure).toEqual({
      declinedToDisclose: false,
      relationships: "PUBLIC-AMICUS-5-DISCLOSURE",
      funding: "PUBLIC-AMICUS-5-FUNDING",
      statement: "Relationships with the parties: PUBLIC-AMICUS-5-DISCLOSURE\nFunding: PUBLIC-AMICUS-5-FUNDING",
    });
    expect(disclosed!.wordCount).toBe(4326);
    expect(disclosed!.represents).toBe("PUBLIC-AMICUS-5-REPRESENTS");
    expect(declined!.disclosure).toEqual({ declinedToDisclose: true, relationships: null, funding: null, statement: DECLINED_DISCLOSURE_STATEMENT });
  });

  it("publishes the decision with its reasons and a timeline built from public facts only", () => {
    const view = getPublicCase(db, FIXED_NOW, everything.reference);
    expect(view.decision).toEqual({ decision: "case_to_answer", label: "Case to answer", reasons: "PUBLIC-DECISION-REASONS", decidedAt: "2026-11-21T15:00:00.000Z" });
    expect(view.timeline.map((e) => [e.on, e.label])).toEqual([
      ["2026-12-11", "Amicus window closes"],
      ["2026-11-21", "Decision: case to answer"],
      ["2026-11-21", "Amicus brief filed"],
      ["2026-11-20", "Amicus brief filed"],
      ["2026-11-20", "Published on the register"],
      ["2026-10-05", "Complaint accepted"],
      ["2026-10-01", "Complaint received"],
    ]);
    expect(view.timeline[2]!.detail).toBe("Filed by PUBLIC-AMICUS-5-APPLICANT-NAME, representing PUBLIC-AMICUS-5-REPRESENTS.");
  });
});

describe("which cases have a public page", () => {
  it("is not found unless published: unpublished, draft, unknown and absurd references alike", () => {
    const world = makeRegisterWorld(db);
    world.makeCase({ reference: "IPC-2026-000001" });
    world.makeCase({ reference: "IPC-2026-000002", status: "draft", acceptedOn: null, publishedAt: FIXED_NOW.toISOString() });
    for (const reference of ["IPC-2026-000001", "IPC-2026-000002", "IPC-2026-999999", "", "x".repeat(10_000), "' OR 1=1 --"]) {
      const error = thrown(() => getPublicCase(db, FIXED_NOW, reference));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("The case could not be found.");
    }
  });

  it("shows no decision before the case is decided, and marks a closed window as closed", () => {
    const world = makeRegisterWorld(db);
    world.makePublishedCase({ reference: "IPC-2026-000003", status: "investigation", decision: "case_to_answer", decisionReasons: "Not yet public", decidedAt: "2026-11-10T10:00:00.000Z", amicusWindowClosesOn: "2026-11-21" });
    const view = getPublicCase(db, FIXED_NOW, "IPC-2026-000003");
    expect(view.decision).toBeNull();
    expect(JSON.stringify(view)).not.toContain("Not yet public");
    expect(view.facts.amicusWindow).toEqual({ open: false, closesOn: "2026-11-21" });
    expect(view.timeline.find((e) => e.kind === "amicus_window")).toMatchObject({ label: "Amicus window closed", on: "2026-11-21", detail: null });
    expect(view.timeline.some((e) => e.kind === "decision")).toBe(false);
  });

  it("shows a withdrawal by its date alone, never its reasons", () => {
    const world = makeRegisterWorld(db);
    const { id } = world.makePublishedCase({ reference: "IPC-2026-000004", status: "withdrawn", closedAt: "2026-11-21T11:00:00.000Z" });
    db.update(cases).set({ withdrawalReasons: "The complainant settled privately" }).where(eq(cases.id, id)).run();
    const view = getPublicCase(db, FIXED_NOW, "IPC-2026-000004");
    expect(view.timeline[1]).toMatchObject({ kind: "withdrawn", label: "Complaint withdrawn", on: "2026-11-21" });
    expect(JSON.stringify(view)).not.toContain("settled privately");
  });
});
