import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser } from "@/db/testing";
import type { Actor } from "../context";
import { writeTransaction } from "../transaction";
import { canonicalJson } from "./canonical-json";
import { auditHash, GENESIS_HASH } from "./chain";
import { recordAudit } from "./record";
import { verifyAuditChain } from "./verify-chain";

const ZEROS = "0".repeat(64);

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let actor: Actor;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  actor = makeUser(db, "caseworker");
});

afterEach(() => testDb.close());

function allEvents() {
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).all();
}

/** Three events, each a minute apart. */
function recordThree(): void {
  recordAudit(db, { actor, now: FIXED_NOW }, { action: "case.created", caseId: "case-1", subject: "case:case-1", data: { title: "First", tags: ["a", "b"] } });
  recordAudit(db, { actor: null, now: new Date(FIXED_NOW.getTime() + 60_000) }, { action: "evidence.filed", caseId: "case-1", subject: "evidence:e-1", data: { exhibit: "C-1" } });
  recordAudit(db, { actor, now: new Date(FIXED_NOW.getTime() + 120_000) }, { action: "case.published" });
}

describe("recordAudit", () => {
  it("writes seq 1, 2, 3, each linked to the one before, the first to 64 zeros", () => {
    const first = recordAudit(db, { actor, now: FIXED_NOW }, { action: "case.created", caseId: "case-1", subject: "case:case-1", data: { title: "First", tags: ["a", "b"] } });
    const second = recordAudit(db, { actor: null, now: new Date(FIXED_NOW.getTime() + 60_000) }, { action: "evidence.filed", caseId: "case-1", subject: "evidence:e-1", data: { exhibit: "C-1" } });
    const third = recordAudit(db, { actor, now: new Date(FIXED_NOW.getTime() + 120_000) }, { action: "case.published" });
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);

    const rows = allEvents();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(GENESIS_HASH).toBe(ZEROS);
    expect(rows[0]!.prevHash).toBe(ZEROS);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(rows.map((r) => r.hash)).toEqual([first.hash, second.hash, third.hash]);
    for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
  });

  it("stores who, when, what and the data as canonical JSON", () => {
    recordThree();
    const [one, two, three] = allEvents();
    expect(one).toMatchObject({ at: "2026-11-22T10:00:00.000Z", actorId: actor.id, caseId: "case-1", action: "case.created", subject: "case:case-1", data: '{"tags":["a","b"],"title":"First"}' });
    expect(two).toMatchObject({ at: "2026-11-22T10:01:00.000Z", actorId: null, action: "evidence.filed", data: '{"exhibit":"C-1"}' });
    expect(three).toMatchObject({ caseId: null, subject: null, data: "{}" });
  });

  it("hashes sha256(prev_hash ‖ canonical row), so old chains stay verifiable", () => {
    recordThree();
    const [one, two] = allEvents();
    const expectedFirst = createHash("sha256")
      .update(ZEROS)
      .update(`{"action":"case.created","actorId":"${actor.id}","at":"2026-11-22T10:00:00.000Z","caseId":"case-1","data":"{\\"tags\\":[\\"a\\",\\"b\\"],\\"title\\":\\"First\\"}","seq":1,"subject":"case:case-1"}`)
      .digest("hex");
    expect(one!.hash).toBe(expectedFirst);
    expect(two!.hash).toBe(auditHash(one!.hash, two!));
  });

  it("rolls back with the transaction it was written in", () => {
    recordAudit(db, { actor, now: FIXED_NOW }, { action: "kept" });
    expect(() =>
      writeTransaction(db, (tx) => {
        recordAudit(tx, { actor, now: FIXED_NOW }, { action: "rolled.back" });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    const next = recordAudit(db, { actor, now: FIXED_NOW }, { action: "after" });
    expect(next.seq).toBe(2);
    expect(allEvents().map((r) => r.action)).toEqual(["kept", "after"]);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 2 });
  });
});

describe("verifyAuditChain", () => {
  it("accepts an empty chain", () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, checked: 0, lastHash: ZEROS });
  });

  it("accepts an intact chain and reports the count and head", () => {
    recordThree();
    const verdict = verifyAuditChain(db);
    expect(verdict).toEqual({ ok: true, checked: 3, lastHash: allEvents()[2]!.hash });
  });

  it("rejects UPDATE and DELETE through SQL (append-only triggers)", () => {
    recordThree();
    expect(() => db.$client.prepare("UPDATE audit_events SET data = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_events WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.update(auditEvents).set({ action: "x" }).where(eq(auditEvents.seq, 1)).run()).toThrow(/append-only/);
    expect(() => db.delete(auditEvents).run()).toThrow(/append-only/);
    expect(allEvents()).toHaveLength(3);
    expect(allEvents()[1]!.data).toBe('{"exhibit":"C-1"}');
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 3 });
  });

  it("detects data changed behind the triggers' back", () => {
    recordThree();
    db.$client.exec("DROP TRIGGER audit_events_no_update");
    db.$client.prepare("UPDATE audit_events SET data = ? WHERE seq = 2").run('{"exhibit":"C-2"}');
    const verdict = verifyAuditChain(db);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.brokenAt).toBe(2);
    expect(verdict.checked).toBe(1);
    expect(verdict.problem).toMatch(/audit event 2 .*altered/);
  });

  it("detects a changed action", () => {
    recordThree();
    db.$client.exec("DROP TRIGGER audit_events_no_update");
    db.$client.prepare("UPDATE audit_events SET action = 'case.unpublished' WHERE seq = 3").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
  });

  it("detects changes to who, when and subject", () => {
    for (const [column, value] of [
      ["actor_id", "someone-else"],
      ["at", "2026-11-22T09:00:00.000Z"],
      ["subject", "case:other"],
      ["case_id", "case-2"],
    ] as const) {
      const fresh = createTestDb();
      try {
        recordAudit(fresh.db, { actor, now: FIXED_NOW }, { action: "one", caseId: "case-1", subject: "case:case-1" });
        recordAudit(fresh.db, { actor, now: FIXED_NOW }, { action: "two", caseId: "case-1", subject: "case:case-1" });
        fresh.db.$client.exec("DROP TRIGGER audit_events_no_update");
        fresh.db.$client.prepare(`UPDATE audit_events SET ${column} = ? WHERE seq = 1`).run(value);
        expect(verifyAuditChain(fresh.db), column).toMatchObject({ ok: false, brokenAt: 1, checked: 0 });
      } finally {
        fresh.close();
      }
    }
  });

  it("reports a deleted middle row as missing", () => {
    recordThree();
    db.$client.exec("DROP TRIGGER audit_events_no_delete");
    db.$client.prepare("DELETE FROM audit_events WHERE seq = 2").run();
    const verdict = verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 2, checked: 1 });
    if (!verdict.ok) expect(verdict.problem).toMatch(/audit event 2 is missing \(next present is 3\)/);
  });

  it("detects a re-linked chain whose prev_hash no longer matches", () => {
    recordThree();
    db.$client.exec("DROP TRIGGER audit_events_no_update");
    db.$client.prepare("UPDATE audit_events SET prev_hash = ? WHERE seq = 3").run(ZEROS);
    const verdict = verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3 });
    if (!verdict.ok) expect(verdict.problem).toMatch(/prev_hash/);
  });

  it("walks chains longer than one page and finds a break on a later page", () => {
    const page = 2_000; // verifyAuditChain reads this many rows at a time
    writeTransaction(db, (tx) => {
      for (let i = 1; i <= page; i += 1) recordAudit(tx, { actor, now: FIXED_NOW }, { action: "bulk", data: { i } });
    });
    // Exactly one full page: the walk must ask again, find nothing more, and still say intact.
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: page });

    recordAudit(db, { actor, now: FIXED_NOW }, { action: "bulk", data: { i: page + 1 } });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: page + 1, lastHash: allEvents()[page]!.hash });

    db.$client.exec("DROP TRIGGER audit_events_no_update");
    db.$client.prepare("UPDATE audit_events SET data = ? WHERE seq = ?").run('{"i":9999}', page + 1);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: page + 1, checked: page });
  });
});

describe("scripts/audit-verify.ts", () => {
  const repoRoot = path.resolve(__dirname, "../..");
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  const run = (file: string) => spawnSync(tsx, ["scripts/audit-verify.ts", file], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });

  it("exits 0 on an intact chain and 1 naming event 2 after tampering", () => {
    recordThree();
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const intact = run(testDb.file);
    expect(intact.error).toBeUndefined();
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toContain("Audit chain intact: 3 events checked");
    expect(intact.stdout).toContain(allEvents()[2]!.hash);

    db.$client.exec("DROP TRIGGER audit_events_no_update");
    db.$client.prepare("UPDATE audit_events SET data = ? WHERE seq = 2").run('{"exhibit":"C-99"}');
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const broken = run(testDb.file);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("BROKEN at event 2");
    expect(broken.stderr).toContain("1 events before it verified");
    expect(broken.stdout).not.toContain("intact");
  }, 60_000);
});

describe("canonicalJson", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe(canonicalJson({ c: 3, a: 2, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("sorts keys at every level, including inside arrays, and keeps array order", () => {
    const value = { z: { y: [{ b: 2, a: 1 }, 3, "x"], x: null }, a: [3, 1, 2] };
    expect(canonicalJson(value)).toBe('{"a":[3,1,2],"z":{"x":null,"y":[{"a":1,"b":2},3,"x"]}}');
  });

  it("drops undefined properties, writes dates as ISO strings and adds no white space", () => {
    expect(canonicalJson({ b: undefined, a: new Date("2026-01-02T03:04:05.000Z") })).toBe('{"a":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalJson({ text: "a b\nc" })).toBe('{"text":"a b\\nc"}');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson("s")).toBe('"s"');
    expect(canonicalJson(null)).toBe("null");
  });
});
