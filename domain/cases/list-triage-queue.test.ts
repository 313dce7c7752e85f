import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { caseParties, cases, conflictDeclarations, deadlines, type CaseStatus, type IpRight } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { startDeadline } from "../deadlines/case-clock";
import { reindexCaseForSearch } from "./search-index";
import { getTriageQueuePage, listTriageQueue, SEARCH_MATCH_CAP, TRIAGE_SORTS, type TriageQueueQuery, type TriageSort } from "./list-triage-queue";

// FIXED_NOW is 2026-11-22T10:00Z. UK summer time ended on 2026-10-25, and was in force on 2026-08-01.

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let me: Actor;
let other: Actor;
let supervisor: Actor;
let admin: Actor;
let party: Actor;
let amicus: Actor;
/** Case ids by reference suffix: c[1] is IPC-2026-000001. */
const c: Record<number, string> = {};

interface CaseSpec {
  n: number;
  status: CaseStatus;
  received: string;
  assignedTo?: string | null;
  ipRights: IpRight[];
  complainant: string;
  respondent: string;
  text: string;
  clock?: { startOn: string; status?: "running" | "stopped" | "met" };
}

const orgIds = new Map<string, string>();
const org = (name: string) => {
  if (!orgIds.has(name)) orgIds.set(name, makeOrganisation(db, name));
  return orgIds.get(name)!;
};

function makeCase(spec: CaseSpec): string {
  // Ids sort in reference order, so a tie on the received date has a known order.
  const id = `case-${String(spec.n).padStart(2, "0")}`;
  const reference = spec.status === "draft" ? null : `IPC-2026-${String(spec.n).padStart(6, "0")}`;
  db.insert(cases)
    .values({
      id,
      reference,
      status: spec.status,
      title: `Complaint ${spec.n}`,
      complaint: { summary: spec.text },
      ipRights: spec.ipRights,
      technologyTags: [],
      createdBy: me.id,
      assignedTo: spec.assignedTo ?? null,
      submittedAt: spec.status === "draft" ? null : spec.received,
      createdAt: spec.received,
      updatedAt: spec.received,
    })
    .run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: org(spec.complainant), role: "complainant", addedAt: spec.received }).run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: org(spec.respondent), role: "respondent", addedAt: spec.received }).run();
  db.transaction((tx) => reindexCaseForSearch(tx, id));
  if (spec.clock) {
    const clock = spec.clock;
    const deadline = db.transaction((tx) => startDeadline(tx, testCtx(db, me), { caseId: id, ruleId: "case-to-answer", startOn: clock.startOn, reason: "Complaint accepted as valid" }));
    if (clock.status && clock.status !== "running") db.update(deadlines).set({ status: clock.status }).where(eq(deadlines.id, deadline.id)).run();
  }
  c[spec.n] = id;
  return id;
}

const list = (actor: Actor, query: TriageQueueQuery = {}) => listTriageQueue(testCtx(db, actor), { limit: 100, ...query });
const refs = (actor: Actor, query: TriageQueueQuery = {}) => list(actor, query).items.map((i) => i.reference);
const r = (...ns: number[]) => ns.map((n) => `IPC-2026-${String(n).padStart(6, "0")}`);

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  me = makeUser(db, "caseworker");
  other = makeUser(db, "caseworker");
  supervisor = makeUser(db, "supervisor");
  admin = makeUser(db, "admin");
  party = makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Harrow & Vell LLP")] });
  amicus = makeUser(db, "amicus");

  makeCase({ n: 1, status: "submitted", received: "2026-11-20T09:00:00.000Z", ipRights: ["copyright"], complainant: "Corvid Labs Ltd", respondent: "Meridian Cloud Systems Pte Ltd", text: "The attention-head configuration was copied into Meridian-7." });
  makeCase({ n: 2, status: "in_triage", received: "2026-11-18T09:00:00.000Z", assignedTo: me.id, ipRights: ["trade_secret", "patent"], complainant: "Tessaract Vision SAS", respondent: "Fenwick Tarn Robotics Ltd", text: "A segmentation head and reward model were taken." });
  // Received at the same instant as 2: the id breaks the tie.
  makeCase({ n: 3, status: "awaiting_information", received: "2026-11-18T09:00:00.000Z", assignedTo: other.id, ipRights: ["database_right"], complainant: "Quillon Data Works GmbH", respondent: "Meridian Cloud Systems Pte Ltd", text: "Judgments database scraped for training." });
  makeCase({ n: 4, status: "assessment", received: "2026-10-20T09:00:00.000Z", assignedTo: me.id, ipRights: ["copyright", "design"], complainant: "Fenwick Tarn Robotics Ltd", respondent: "Tessaract Vision SAS", text: "Sensor-fusion firmware.", clock: { startOn: "2026-11-10" } });
  makeCase({ n: 5, status: "assessment", received: "2026-09-01T09:00:00.000Z", ipRights: ["trade_secret"], complainant: "Larkspur Genomics plc", respondent: "Quillon Data Works GmbH", text: "Variant-calling benchmark.", clock: { startOn: "2026-09-02" } });
  makeCase({ n: 6, status: "assessment", received: "2026-10-01T09:00:00.000Z", assignedTo: other.id, ipRights: ["other"], complainant: "Brackenridge Audio Ltd", respondent: "Nova Luna Interactive Inc", text: "Voice models.", clock: { startOn: "2026-10-20", status: "stopped" } });
  makeCase({ n: 7, status: "closed", received: "2026-08-01T09:00:00.000Z", assignedTo: other.id, ipRights: ["copyright"], complainant: "Quillon Data Works GmbH", respondent: "Nova Luna Interactive Inc", text: "Tokeniser files.", clock: { startOn: "2026-08-05", status: "met" } });
  // 00:30 on 1 August UK time (BST), still 31 July in UTC.
  makeCase({ n: 8, status: "withdrawn", received: "2026-07-31T23:30:00.000Z", ipRights: ["patent"], complainant: "Corvid Labs Ltd", respondent: "Quillon Data Works GmbH", text: "Fine-tuning recipe." });
  makeCase({ n: 9, status: "draft", received: "2026-11-21T09:00:00.000Z", assignedTo: null, ipRights: ["copyright"], complainant: "Corvid Labs Ltd", respondent: "Meridian Cloud Systems Pte Ltd", text: "attention draft" });
  // Case 4's caseworker has cleared conflicts; case 2's has not.
  db.insert(conflictDeclarations).values({ id: newId(), caseId: c[4]!, userId: me.id, hasConflict: false, details: null, declaredAt: FIXED_NOW.toISOString() }).run();
});

afterAll(() => testDb.close());

describe("who may read the triage queue", () => {
  it("answers not_found to parties and amicus users, and unauthenticated to the signed out", () => {
    expect(thrown(() => listTriageQueue(testCtx(db, party))).code).toBe("not_found");
    expect(thrown(() => listTriageQueue(testCtx(db, amicus))).code).toBe("not_found");
    expect(thrown(() => listTriageQueue(testCtx(db, null))).code).toBe("unauthenticated");
  });

  it("serves caseworkers, supervisors and admins", () => {
    for (const actor of [me, supervisor, admin]) expect(list(actor, { tab: "all" }).items.length).toBeGreaterThan(0);
  });
});

describe("tabs", () => {
  it("shows open unassigned cases by default, oldest first", () => {
    expect(refs(me)).toEqual(r(5, 1));
  });

  it("shows my work: open cases assigned to the reader", () => {
    expect(refs(me, { tab: "mine" })).toEqual(r(4, 2));
    expect(refs(other, { tab: "mine" })).toEqual(r(6, 3));
    expect(refs(supervisor, { tab: "mine" })).toEqual([]);
  });

  it("shows every open case under all, never drafts", () => {
    expect(refs(me, { tab: "all" })).toEqual(r(5, 6, 4, 2, 3, 1));
  });
});

describe("filters", () => {
  it("narrows by status, and shows closed and withdrawn cases only when asked", () => {
    expect(refs(me, { tab: "all", statuses: ["assessment"] })).toEqual(r(5, 6, 4));
    expect(refs(me, { tab: "all", statuses: ["closed", "withdrawn"] })).toEqual(r(8, 7));
    expect(refs(me, { tab: "all", statuses: ["submitted", "in_triage"] })).toEqual(r(2, 1));
  });

  it("narrows by assigned caseworker", () => {
    expect(refs(me, { tab: "all", caseworkerId: other.id })).toEqual(r(6, 3));
    expect(refs(me, { tab: "all", caseworkerId: me.id })).toEqual(r(4, 2));
    expect(refs(me, { tab: "unassigned", caseworkerId: me.id })).toEqual([]);
  });

  it("narrows by IP right, matching any of those ticked", () => {
    expect(refs(me, { tab: "all", ipRights: ["patent"] })).toEqual(r(2));
    expect(refs(me, { tab: "all", ipRights: ["database_right", "design"] })).toEqual(r(4, 3));
    expect(refs(me, { tab: "all", ipRights: ["copyright"], statuses: ["closed", "submitted"] })).toEqual(r(7, 1));
  });

  it("narrows by UK received date, inclusive at both ends and across summer time", () => {
    expect(refs(me, { tab: "all", receivedFrom: "2026-11-18", receivedTo: "2026-11-18" })).toEqual(r(2, 3));
    expect(refs(me, { tab: "all", receivedFrom: "2026-11-19" })).toEqual(r(1));
    expect(refs(me, { tab: "all", receivedTo: "2026-10-01" })).toEqual(r(5, 6));
    const summer = { tab: "all" as const, statuses: ["closed" as const, "withdrawn" as const] };
    expect(refs(me, { ...summer, receivedFrom: "2026-08-01", receivedTo: "2026-08-01" })).toEqual(r(8, 7));
    expect(refs(me, { ...summer, receivedTo: "2026-07-31" })).toEqual([]);
  });

  it("narrows by clock status", () => {
    expect(refs(me, { tab: "all", clock: ["running"] })).toEqual(r(4));
    expect(refs(me, { tab: "all", clock: ["overdue"] })).toEqual(r(5));
    expect(refs(me, { tab: "all", clock: ["stopped"] })).toEqual(r(6));
    expect(refs(me, { tab: "all", clock: ["none"] })).toEqual(r(2, 3, 1));
    expect(refs(me, { tab: "all", clock: ["none"], statuses: ["closed"] })).toEqual(r(7));
    expect(refs(me, { tab: "all", clock: ["running", "stopped"] })).toEqual(r(6, 4));
  });

  it("combines filters with each other and with the tab", () => {
    expect(refs(me, { tab: "mine", statuses: ["assessment"], clock: ["running"], ipRights: ["design"], q: "firmware" })).toEqual(r(4));
    expect(refs(me, { tab: "mine", statuses: ["assessment"], clock: ["stopped"] })).toEqual([]);
  });

  it("rejects a date that is not real, or a range that ends before it starts, naming the field", () => {
    const bad = thrown(() => list(me, { receivedFrom: "2026-02-30", receivedTo: "yesterday" }));
    expect(bad.code).toBe("invalid");
    expect(bad.fieldErrors.receivedFrom).toBe("Enter a real date for ‘Received from’, for example 2026-11-01");
    expect(bad.fieldErrors.receivedTo).toBe("Enter a real date for ‘Received to’, for example 2026-11-30");
    const backwards = thrown(() => list(me, { receivedFrom: "2026-11-20", receivedTo: "2026-11-01" }));
    expect(backwards.fieldErrors).toEqual({ receivedTo: "‘Received to’ must be the same as or after ‘Received from’" });
  });
});

describe("what each row shows", () => {
  it("gives the parties, rights, assignee, declaration flag and case-to-answer clock", () => {
    const items = new Map(list(me, { tab: "all", statuses: ["in_triage", "assessment", "submitted"] }).items.map((i) => [i.reference, i]));
    expect(items.get("IPC-2026-000002")).toMatchObject({
      complainant: "Tessaract Vision SAS",
      respondent: "Fenwick Tarn Robotics Ltd",
      ipRights: ["trade_secret", "patent"],
      assignee: { id: me.id, name: "Test caseworker" },
      declarationNeeded: true,
      clock: { state: "none", dueOn: null },
      status: "in_triage",
      receivedAt: "2026-11-18T09:00:00.000Z",
    });
    expect(items.get("IPC-2026-000004")).toMatchObject({ declarationNeeded: false, clock: { state: "running", dueOn: "2026-12-29" } });
    expect(items.get("IPC-2026-000005")).toMatchObject({ assignee: null, declarationNeeded: false, clock: { state: "overdue" } });
    expect(items.get("IPC-2026-000001")).toMatchObject({ assignee: null, declarationNeeded: false });
  });
});

describe("sorting", () => {
  it("sorts by received date both ways, ties broken by id in the same direction", () => {
    expect(refs(me, { tab: "all", sort: "received-asc" })).toEqual(r(5, 6, 4, 2, 3, 1));
    expect(refs(me, { tab: "all", sort: "received-desc" })).toEqual(r(1, 3, 2, 4, 6, 5));
  });

  it("sorts by case-to-answer due date both ways, cases without a clock last", () => {
    // Case 5's clock (started 2 September) falls due first, then 6's (started 20 October, stopped), then 4's.
    const dueAsc = list(me, { tab: "all", sort: "due-asc" }).items;
    expect(dueAsc.map((i) => i.reference)).toEqual(r(5, 6, 4, 1, 2, 3));
    expect(dueAsc.map((i) => i.clock.dueOn).slice(0, 3)).toEqual([...dueAsc.map((i) => i.clock.dueOn).slice(0, 3)].sort());
    const dueDesc = list(me, { tab: "all", sort: "due-desc" }).items;
    expect(dueDesc.map((i) => i.reference)).toEqual(r(4, 6, 5, 3, 2, 1));
  });
});

describe("keyset pagination", () => {
  function walkForward(query: TriageQueueQuery, limit: number) {
    const pages: string[][] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = listTriageQueue(testCtx(db, me), { ...query, limit, after });
      pages.push(page.items.map((i) => i.id));
      if (guard === 0) expect(page.prevCursor).toBeNull();
      else expect(page.prevCursor).not.toBeNull();
      if (!page.nextCursor) return pages;
      after = page.nextCursor;
    }
    throw new Error("pagination did not terminate");
  }

  it.each(TRIAGE_SORTS.map((s) => [s]))("walks every page of %s without duplicates or gaps, forwards and back", (sort: TriageSort) => {
    const everything = { tab: "all" as const, sort, statuses: ["submitted", "in_triage", "awaiting_information", "assessment", "closed", "withdrawn"] as const };
    const full = listTriageQueue(testCtx(db, me), { ...everything, statuses: [...everything.statuses], limit: 100 }).items.map((i) => i.id);
    expect(full).toHaveLength(8);
    for (const limit of [1, 2, 3]) {
      const pages = walkForward({ ...everything, statuses: [...everything.statuses] }, limit);
      expect(pages.flat()).toEqual(full);
      expect(new Set(pages.flat()).size).toBe(full.length);

      // Back from the last page, following prevCursor, gives the same pages in reverse.
      const last = listTriageQueue(testCtx(db, me), { ...everything, statuses: [...everything.statuses], limit, after: undefined });
      let cursor = last.nextCursor;
      let page = last;
      while (cursor) {
        page = listTriageQueue(testCtx(db, me), { ...everything, statuses: [...everything.statuses], limit, after: cursor });
        cursor = page.nextCursor;
      }
      const backwards: string[][] = [page.items.map((i) => i.id)];
      let before = page.prevCursor;
      while (before) {
        const previous = listTriageQueue(testCtx(db, me), { ...everything, statuses: [...everything.statuses], limit, before });
        backwards.unshift(previous.items.map((i) => i.id));
        expect(previous.nextCursor).not.toBeNull();
        before = previous.prevCursor;
      }
      expect(backwards).toEqual(pages);
    }
  });

  it("treats a garbage cursor, or one from another sort order, as the first page", () => {
    const first = list(me, { tab: "all", limit: 2 }).items.map((i) => i.id);
    const otherSort = list(me, { tab: "all", sort: "due-desc", limit: 2 }).nextCursor!;
    for (const cursor of ["garbage", "", Buffer.from("[1,2,3]").toString("base64url"), Buffer.from('["received-asc"]').toString("base64url"), otherSort]) {
      expect(list(me, { tab: "all", limit: 2, after: cursor }).items.map((i) => i.id)).toEqual(first);
      expect(list(me, { tab: "all", limit: 2, before: cursor }).items.map((i) => i.id)).toEqual(first);
    }
  });

  it("pages 25 at a time by default", () => {
    const local = createTestDb();
    try {
      const reader = makeUser(local.db, "caseworker");
      for (let i = 0; i < 30; i += 1) {
        const at = `2026-11-${String(1 + (i % 20)).padStart(2, "0")}T09:00:00.000Z`;
        local.db.insert(cases).values({ id: newId(), reference: `IPC-2026-${String(100 + i).padStart(6, "0")}`, status: "submitted", title: `T${i}`, complaint: {}, ipRights: [], technologyTags: [], createdBy: reader.id, submittedAt: at, createdAt: at, updatedAt: at }).run();
      }
      const first = listTriageQueue(testCtx(local.db, reader));
      expect(first.items).toHaveLength(25);
      const second = listTriageQueue(testCtx(local.db, reader), { after: first.nextCursor! });
      expect(second.items).toHaveLength(5);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(30);
    } finally {
      local.close();
    }
  });
});

describe("full-text search", () => {
  it("finds a complaint by a word in its text, by a word's beginning and by a stem", () => {
    expect(refs(me, { tab: "all", q: "attention" })).toEqual(r(1));
    expect(refs(me, { tab: "all", q: "atten" })).toEqual(r(1));
    expect(refs(me, { tab: "all", q: "copying" })).toEqual(r(1));
    expect(refs(me, { tab: "all", q: "SCRAPED training" })).toEqual(r(3));
  });

  it("finds a complaint by its reference, whole or in part", () => {
    expect(refs(me, { tab: "all", q: "IPC-2026-000003" })).toEqual(r(3));
    expect(refs(me, { tab: "all", q: "000006" })).toEqual(r(6));
  });

  it("finds complaints by a party's name", () => {
    expect(refs(me, { tab: "all", q: "Meridian" })).toEqual(r(3, 1));
    expect(refs(me, { tab: "all", q: "meridian quillon" })).toEqual(r(3));
  });

  it("never finds drafts, and respects the other filters", () => {
    expect(refs(me, { tab: "all", q: "draft" })).toEqual([]);
    expect(refs(me, { tab: "unassigned", q: "Meridian" })).toEqual(r(1));
  });

  it("does not throw on hostile input, whatever is typed", () => {
    const hostile = ['"foo', "AND (", "OR", "NOT", "NEAR(a b)", "a*", "*", "^start", "col:foo", "reference:IPC", '"" ""', "''; DROP TABLE cases; --", "(((", ")", "-", "+", "{reference parties}: x", "a AND OR NOT b", "\u0000", "\ud800", "ß ǅ İ", "😀", "   ", "x".repeat(200), "a".repeat(199) + '"'];
    for (const q of hostile) expect(() => list(me, { tab: "all", q }), q).not.toThrow();
    expect(refs(me, { tab: "all", q: '"attention' })).toEqual(r(1));
    expect(refs(me, { tab: "all", q: "attention AND (" })).toEqual(r(1));
    expect(refs(me, { tab: "all", q: "((( ))) ***" })).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (q) => {
        list(me, { tab: "all", q });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects an over-long search as invalid input", () => {
    expect(thrown(() => list(me, { q: "x".repeat(201) })).fieldErrors.q).toBe("Search for 200 characters or fewer");
  });

  it("says when a search matched more complaints than it reads", () => {
    const local = createTestDb();
    try {
      const reader = makeUser(local.db, "caseworker");
      local.db.transaction((tx) => {
        for (let i = 1; i <= SEARCH_MATCH_CAP + 1; i += 1) tx.run(sql`INSERT INTO case_search (rowid, reference, parties, body) VALUES (${i}, ${`R${i}`}, '', 'common words')`);
      });
      expect(listTriageQueue(testCtx(local.db, reader), { q: "common" }).searchTruncated).toBe(true);
      local.db.run(sql`DELETE FROM case_search WHERE rowid = 1`);
      expect(listTriageQueue(testCtx(local.db, reader), { q: "common" }).searchTruncated).toBe(false);
    } finally {
      local.close();
    }
  });
});

describe("the triage page's reuse of the queue", () => {
  it("answers a repeated query from the last answer until anything is written, per person asking", () => {
    const ctx = testCtx(db, me);
    const first = getTriageQueuePage(ctx, { tab: "mine" });
    expect(getTriageQueuePage(ctx, { tab: "mine" })).toBe(first);
    expect(first).toEqual(listTriageQueue(ctx, { tab: "mine" }));
    // The "mine" tab is the asker's own: another caseworker gets their own answer.
    expect(getTriageQueuePage(testCtx(db, other), { tab: "mine" }).items.map((i) => i.reference)).toEqual(listTriageQueue(testCtx(db, other), { tab: "mine" }).items.map((i) => i.reference));

    const title = db.select({ title: cases.title }).from(cases).where(eq(cases.id, c[2]!)).get()!.title;
    db.update(cases).set({ title: "Retitled while the queue was open" }).where(eq(cases.id, c[2]!)).run();
    try {
      const after = getTriageQueuePage(ctx, { tab: "mine" });
      expect(after).not.toBe(first);
      expect(after.items.map((i) => i.title)).toContain("Retitled while the queue was open");
    } finally {
      db.update(cases).set({ title }).where(eq(cases.id, c[2]!)).run();
    }
  });

  it("refuses bad input and the wrong people on every call", () => {
    for (let i = 0; i < 2; i++) {
      expect(thrown(() => getTriageQueuePage(testCtx(db, party))).code).toBe("not_found");
      expect(thrown(() => getTriageQueuePage(testCtx(db, me), { receivedFrom: "yesterday" })).code).toBe("invalid");
    }
  });
});
