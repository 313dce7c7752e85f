import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { CASE_STATUSES, organisationMembers, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import type { Actor } from "@/domain/context";
import { getDashboard } from "@/domain/dashboard/get-dashboard";
import { listTriageQueue, QUEUE_STATUSES } from "@/domain/cases/list-triage-queue";
import { OPEN_STATES } from "@/domain/cases/state-machine";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { FLAGSHIP_CASE, OTHER_DEMO_CASES } from "./demo-data";
import { LARGE_STAFF_EMAIL_DOMAIN, parseSeedLargeArgs, seedLargeData, SEED_LARGE_DEFAULT_CASES, type SeedLargeSummary } from "./seed-large";

const CASES = 300;
const SEED = 7;
/** The demo's complaints and its one draft. */
const DEMO_CASES = [FLAGSHIP_CASE, ...OTHER_DEMO_CASES].length + 1;
/** Generated cases: everything but the demo's, which record `seed.case_created`. */
const GENERATED = "id NOT IN (SELECT case_id FROM audit_events WHERE action = 'seed.case_created')";
const REAL_COMPANIES = /\b(google|openai|microsoft|meta|anthropic|deepmind|amazon|apple|nvidia|baidu|alibaba|tencent)\b/i;

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let blobsRoot: string;
let summary: SeedLargeSummary;

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

/** Seeds into a fresh database and returns what identifies the generated cases (the demo's have random ids), for comparing runs. */
async function seedFresh(seed: number): Promise<string[]> {
  const other = createTestDb();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-seed-large-blobs-"));
  try {
    await seedLargeData(other.db, { cases: 40, seed, now: FIXED_NOW, blobsRoot: path.join(root, "blobs") });
    return (other.db.$client.prepare(`SELECT id || ' ' || coalesce(reference, '-') || ' ' || status || ' ' || title AS line FROM cases WHERE ${GENERATED} ORDER BY rowid`).all() as { line: string }[]).map((r) => r.line);
  } finally {
    other.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function actorByEmail(email: string): Actor {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no user ${email}`);
  const organisationIds = db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((r) => r.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, organisationIds, emailVerified: true };
}

beforeAll(async () => {
  testDb = createTestDb();
  db = testDb.db;
  blobsRoot = path.join(path.dirname(testDb.file), "blobs");
  // Small batches, so the run crosses several transactions as a large one does.
  summary = await seedLargeData(db, { cases: CASES, seed: SEED, now: FIXED_NOW, blobsRoot, batchSize: 70 });
}, 60_000);

afterAll(() => testDb?.close());

describe("seedLargeData", () => {
  it("adds the requested cases to the demo data, in every status, with realistic volumes around them", () => {
    expect(summary.cases).toBe(CASES);
    expect(summary.rows.cases).toBe(DEMO_CASES + CASES);
    expect(count(`SELECT count(*) AS n FROM cases WHERE ${GENERATED}`)).toBe(CASES);
    for (const status of CASE_STATUSES) expect(summary.byStatus[status], status).toBeGreaterThan(0);
    expect(summary.byStatus.closed).toBeGreaterThan(summary.byStatus.submitted);

    expect(summary.rows.organisations).toBeGreaterThanOrEqual(200);
    expect(count("SELECT count(*) AS n FROM users WHERE email LIKE ?", `%@${LARGE_STAFF_EMAIL_DOMAIN}`)).toBe(40);
    expect(count("SELECT count(DISTINCT team) AS n FROM users WHERE email LIKE ?", `%@${LARGE_STAFF_EMAIL_DOMAIN}`)).toBe(4);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'party' AND email LIKE '%.large.ipcasework.test'")).toBe(300);

    const perCase = (table: string) => summary.rows[table]! / CASES;
    expect(perCase("evidence")).toBeGreaterThan(7);
    expect(perCase("evidence")).toBeLessThan(13);
    expect(perCase("case_notes")).toBeGreaterThanOrEqual(1);
    expect(perCase("case_notes")).toBeLessThanOrEqual(2);
    const accepted = count("SELECT count(*) AS n FROM cases WHERE accepted_on IS NOT NULL");
    const deadlinesOnAccepted = count("SELECT count(*) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE c.accepted_on IS NOT NULL");
    expect(deadlinesOnAccepted / accepted).toBeGreaterThan(2.2);
    expect(deadlinesOnAccepted / accepted).toBeLessThan(5);
    expect(summary.rows.information_requests).toBeGreaterThan(0);
    expect(summary.rows.decision_proposals).toBeGreaterThan(0);
    expect(perCase("audit_events")).toBeGreaterThan(5);
    expect(perCase("audit_events")).toBeLessThan(40);

    const published = count("SELECT count(*) AS n FROM cases WHERE published_at IS NOT NULL AND public_summary IS NOT NULL AND amicus_window_closes_on IS NOT NULL");
    expect(published / CASES).toBeGreaterThan(0.04);
    expect(published / CASES).toBeLessThan(0.2);
  });

  it("spreads complaints over the last three years and keeps every instant in the past", () => {
    const { first, last } = one<{ first: string; last: string }>("SELECT min(submitted_at) AS first, max(submitted_at) AS last FROM cases");
    expect(first >= "2023-11-01").toBe(true);
    expect(first < "2024-06-01").toBe(true);
    expect(last <= FIXED_NOW.toISOString()).toBe(true);
    const now = FIXED_NOW.toISOString();
    for (const [table, column] of [
      ["cases", "updated_at"], ["evidence", "received_at"], ["deadlines", "created_at"], ["clock_events", "at"], ["case_notes", "created_at"], ["audit_events", "at"], ["decision_proposals", "proposed_at"],
    ] as const) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE ${column} > ?`, now), `${table}.${column}`).toBe(0);
    }
  });

  it("numbers references in order of receipt within each year, without gaps or repeats, and leaves the counters at the last one", () => {
    const rows = all<{ reference: string; submittedAt: string }>(`SELECT reference, submitted_at AS submittedAt FROM cases WHERE reference IS NOT NULL AND ${GENERATED} ORDER BY submitted_at, rowid`);
    expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
    const byYear = new Map<string, number[]>();
    for (const row of rows) {
      const [, year, n] = /^IPC-(\d{4})-(\d{6})$/.exec(row.reference)!;
      byYear.set(year!, [...(byYear.get(year!) ?? []), Number(n)]);
    }
    for (const [year, numbers] of byYear) {
      expect(numbers, year).toEqual([...numbers].sort((a, b) => a - b));
      const counter = one<{ v: number }>("SELECT last_value AS v FROM reference_counters WHERE scope = ?", `case-${year}`).v;
      expect(counter).toBe(count("SELECT count(*) AS n FROM cases WHERE reference LIKE ?", `IPC-${year}-%`));
    }
    expect(count("SELECT count(*) AS n FROM cases WHERE status = 'draft' AND reference IS NOT NULL")).toBe(0);
  });

  it("numbers exhibits per case and side from 001 without gaps, with counters for the next filing", () => {
    const groups = all<{ caseId: string; prefix: string; n: number; maxNumber: number; distinctNumbers: number }>(`
      SELECT case_id AS caseId, substr(exhibit_number, 1, 1) AS prefix, count(*) AS n, max(CAST(substr(exhibit_number, 3) AS INTEGER)) AS maxNumber, count(DISTINCT exhibit_number) AS distinctNumbers
      FROM evidence GROUP BY case_id, prefix`);
    expect(groups.length).toBeGreaterThan(CASES);
    for (const g of groups) {
      expect(g.distinctNumbers).toBe(g.n);
      expect(g.maxNumber).toBe(g.n);
      expect(one<{ v: number }>("SELECT last_value AS v FROM reference_counters WHERE scope = ?", `exhibit:${g.caseId}:${g.prefix}`).v).toBe(g.n);
    }
    expect(new Set(groups.map((g) => g.prefix))).toEqual(new Set(["C", "R", "X"]));
    expect(count("SELECT count(*) AS n FROM evidence WHERE exhibit_number NOT GLOB '[CRX]-[0-9][0-9][0-9]'")).toBe(0);
  });

  it("writes a valid audit chain that audit:verify accepts", () => {
    const verdict = verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true, checked: summary.rows.audit_events });
    // Each generated case's history is on its timeline: submitted ones from submission on, drafts from their start.
    const submitted = count(`SELECT count(*) AS n FROM cases WHERE status <> 'draft' AND ${GENERATED}`);
    expect(count("SELECT count(DISTINCT case_id) AS n FROM audit_events WHERE action = 'case.submit'")).toBe(submitted);
    expect(count(`SELECT count(*) AS n FROM cases c WHERE ${GENERATED} AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.case_id = c.id)`)).toBe(0);
  });

  it("keeps rows consistent: foreign keys hold, blobs exist, clocks match case states", () => {
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    // The run's relaxed pragmas are put back.
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);

    const store = new LocalBlobStore(blobsRoot);
    const hashes = all<{ sha256: string }>("SELECT DISTINCT sha256 FROM evidence").map((r) => r.sha256);
    expect(hashes.length).toBeGreaterThan(5);
    expect(hashes.length).toBeLessThanOrEqual(20);
    for (const sha256 of hashes) expect(store.has(sha256), sha256).toBe(true);

    expect(count("SELECT count(*) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.status IN ('running', 'stopped') AND c.status IN ('closed', 'withdrawn', 'draft')")).toBe(0);
    expect(count("SELECT count(*) AS n FROM deadlines d WHERE (SELECT count(*) FROM clock_events e WHERE e.deadline_id = d.id AND e.kind = 'start') <> 1")).toBe(0);
    expect(count("SELECT count(*) AS n FROM deadlines WHERE status IN ('met', 'missed', 'cancelled') AND completed_at IS NULL")).toBe(0);
    expect(count("SELECT count(*) AS n FROM deadlines WHERE status = 'met' AND completed_at > expires_at")).toBe(0);
    expect(count("SELECT count(*) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.rule_id = 'case-to-answer' AND c.status = 'assessment' AND d.status NOT IN ('running', 'stopped')")).toBe(0);
    expect(count("SELECT count(*) AS n FROM cases WHERE status = 'assessment' AND accepted_on IS NOT NULL AND id NOT IN (SELECT case_id FROM deadlines WHERE rule_id = 'case-to-answer')")).toBe(0);
    for (const status of ["running", "stopped", "met", "missed", "cancelled"]) expect(count("SELECT count(*) AS n FROM deadlines WHERE status = ?", status), status).toBeGreaterThan(0);
    // Every assignee has declared no conflict, so no case asks for a declaration.
    expect(count("SELECT count(*) AS n FROM cases c WHERE assigned_to IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = c.id AND d.user_id = c.assigned_to AND d.has_conflict = 0)")).toBe(0);
  });

  it("indexes every submitted case for search, so a title word finds them", () => {
    expect(summary.rows.case_search).toBe(count("SELECT count(*) AS n FROM cases WHERE status <> 'draft'"));
    const titled = count("SELECT count(*) AS n FROM cases WHERE status <> 'draft' AND (title LIKE '%tokeniser%' OR complaint LIKE '%tokeniser%')");
    expect(titled).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM case_search WHERE case_search MATCH 'tokeniser'")).toBe(titled);
    const reference = one<{ reference: string }>("SELECT reference FROM cases WHERE reference IS NOT NULL ORDER BY rowid DESC LIMIT 1").reference;
    expect(count("SELECT count(*) AS n FROM case_search WHERE case_search MATCH ?", `reference:"${reference}"`)).toBe(1);
  });

  it("uses no real company names", () => {
    const texts = [
      ...all<{ t: string }>("SELECT name AS t FROM organisations"),
      ...all<{ t: string }>("SELECT name AS t FROM users"),
      ...all<{ t: string }>("SELECT title || ' ' || complaint || ' ' || coalesce(public_summary, '') AS t FROM cases"),
      ...all<{ t: string }>("SELECT DISTINCT title AS t FROM evidence"),
    ].map((r) => r.t);
    const offending = texts.filter((t) => REAL_COMPANIES.test(t));
    expect(offending).toEqual([]);
  });

  it("serves the dashboard and the triage queue, filtered and searched", () => {
    const supervisor = actorByEmail("supervisor@ipcasework.test");
    const ctx = testCtx(db, supervisor);
    const dashboard = getDashboard(ctx);
    expect(dashboard.openTotal).toBe(count(`SELECT count(*) AS n FROM cases WHERE status IN (${OPEN_STATES.map(() => "?").join(", ")})`, ...OPEN_STATES));
    expect(dashboard.receivedTotal).toBeGreaterThan(0);
    expect(dashboard.workload.length).toBeGreaterThanOrEqual(40);

    const unassigned = listTriageQueue(ctx);
    expect(unassigned.items.length).toBeGreaterThan(0);
    const everything = listTriageQueue(ctx, { tab: "all", statuses: [...QUEUE_STATUSES], sort: "due-asc", limit: 100 });
    expect(everything.items).toHaveLength(100);
    expect(everything.nextCursor).not.toBeNull();
    const overdue = listTriageQueue(ctx, { tab: "all", clock: ["overdue"], ipRights: ["trade_secret"] });
    for (const item of overdue.items) expect(item.clock.state).toBe("overdue");
    const searched = listTriageQueue(ctx, { tab: "all", statuses: [...QUEUE_STATUSES], q: "tokeniser", limit: 100 });
    const mentioning = new Set(all<{ id: string }>("SELECT id FROM cases WHERE status <> 'draft' AND (title LIKE '%tokeniser%' OR complaint LIKE '%tokeniser%')").map((r) => r.id));
    expect(searched.items.length).toBe(Math.min(100, mentioning.size));
    for (const item of searched.items) expect(mentioning.has(item.id), item.title).toBe(true);
  });

  it("refuses to run twice on the same database", async () => {
    await expect(seedLargeData(db, { cases: 10, seed: SEED, now: FIXED_NOW, blobsRoot })).rejects.toThrow(/already holds a large data set/);
  });

  it("gives the same data for the same seed and different data for another", async () => {
    const [a, b, c] = [await seedFresh(3), await seedFresh(3), await seedFresh(4)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  }, 60_000);
});

describe("parseSeedLargeArgs", () => {
  it("defaults to 100,000 cases with seed 1", () => {
    expect(parseSeedLargeArgs([])).toEqual({ cases: SEED_LARGE_DEFAULT_CASES, seed: 1, now: null, force: false });
  });

  it("reads --cases, --seed, --now and --force, with or without =", () => {
    expect(parseSeedLargeArgs(["--cases", "300", "--seed=42", "--now", "2026-11-22T10:00:00Z", "--force"])).toEqual({ cases: 300, seed: 42, now: new Date("2026-11-22T10:00:00Z"), force: true });
    expect(parseSeedLargeArgs(["--cases=1_000_000"]).cases).toBe(1_000_000);
  });

  it("says what to fix", () => {
    expect(() => parseSeedLargeArgs(["--cases", "1000001"])).toThrow("--cases must be a whole number from 1 to 1,000,000");
    expect(() => parseSeedLargeArgs(["--cases", "0"])).toThrow("--cases must be a whole number");
    expect(() => parseSeedLargeArgs(["--cases"])).toThrow("Give a value after --cases");
    expect(() => parseSeedLargeArgs(["--seed", "-1"])).toThrow("--seed must be a whole number");
    expect(() => parseSeedLargeArgs(["--now", "yesterday"])).toThrow("--now must be an ISO instant");
    expect(() => parseSeedLargeArgs(["--batch", "5"])).toThrow("Unknown option --batch");
  });
});
