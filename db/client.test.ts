import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseFile, dataDir, getDb, openDatabase, type Db } from "./client";
import { checkDatabase } from "./health";

type DbCache = { ipCaseworkDb?: { file: string; db: Db } };
const globalCache = globalThis as unknown as DbCache;

let tmp: string;
const savedEnv = { DATA_DIR: process.env.DATA_DIR, NEXT_PHASE: process.env.NEXT_PHASE };

function closeCachedDb(): void {
  const cached = globalCache.ipCaseworkDb;
  if (cached?.db.$client.open) cached.db.$client.close();
  delete globalCache.ipCaseworkDb;
}

function restoreEnv(): void {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-client-test-"));
  closeCachedDb();
});

afterEach(() => {
  closeCachedDb();
  restoreEnv();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("sets WAL, FULL sync, foreign keys and a 5 s busy timeout", () => {
    const db = openDatabase(path.join(tmp, "app.db"));
    try {
      expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      db.$client.close();
    }
  });

  it("creates missing parent directories and applies the migrations, including the audit triggers", () => {
    const file = path.join(tmp, "deep", "er", "app.db");
    const db = openDatabase(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      const names = (db.$client.prepare("select type, name from sqlite_master where type in ('table', 'trigger')").all() as Array<{ type: string; name: string }>).map((r) => `${r.type}:${r.name}`);
      for (const table of ["users", "organisations", "cases", "case_parties", "evidence", "audit_events", "user_sessions", "sign_in_failures", "reference_counters"]) {
        expect(names).toContain(`table:${table}`);
      }
      expect(names).toContain("trigger:audit_events_no_update");
      expect(names).toContain("trigger:audit_events_no_delete");
    } finally {
      db.$client.close();
    }
  });

  it("enforces foreign keys", () => {
    const db = openDatabase(path.join(tmp, "app.db"));
    try {
      expect(() =>
        db.$client
          .prepare("insert into organisation_members (organisation_id, user_id, joined_at) values ('no-org', 'no-user', '2026-01-01')")
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.$client.close();
    }
  });

  it("is idempotent: reopening a migrated file migrates nothing twice", () => {
    const file = path.join(tmp, "app.db");
    openDatabase(file).$client.close();
    const again = openDatabase(file);
    try {
      const applied = again.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
      const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
      expect(applied.n).toBe(journal.entries.length);
    } finally {
      again.$client.close();
    }
  });

  it("skips migrations when asked", () => {
    const db = openDatabase(path.join(tmp, "bare.db"), { migrate: false });
    try {
      const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all();
      expect(tables).toEqual([]);
      expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.$client.close();
    }
  });

  it("refuses to open during next build", () => {
    process.env.NEXT_PHASE = "phase-production-build";
    expect(() => openDatabase(path.join(tmp, "app.db"))).toThrow(/next build/);
    expect(fs.existsSync(path.join(tmp, "app.db"))).toBe(false);
  });
});

describe("dataDir / databaseFile / getDb", () => {
  it("resolve DATA_DIR to an absolute path and cache one connection per file", () => {
    process.env.DATA_DIR = tmp;
    expect(dataDir()).toBe(path.resolve(tmp));
    expect(databaseFile()).toBe(path.join(path.resolve(tmp), "app.db"));
    const first = getDb();
    expect(getDb()).toBe(first);
    expect(globalCache.ipCaseworkDb?.file).toBe(databaseFile());

    const other = path.join(tmp, "other");
    process.env.DATA_DIR = other;
    const second = getDb();
    expect(second).not.toBe(first);
    expect(fs.existsSync(path.join(other, "app.db"))).toBe(true);
    first.$client.close();
  });

  it("falls back to ./data when DATA_DIR is unset or empty", () => {
    process.env.DATA_DIR = "";
    expect(dataDir()).toBe(path.resolve("./data"));
    delete process.env.DATA_DIR;
    expect(dataDir()).toBe(path.resolve("./data"));
  });
});

describe("checkDatabase", () => {
  it('returns "ok" for a working database', () => {
    process.env.DATA_DIR = tmp;
    expect(checkDatabase()).toBe("ok");
    expect(fs.existsSync(path.join(tmp, "app.db"))).toBe(true);
  });

  it('returns "error", without throwing, when DATA_DIR cannot hold a database', () => {
    const regularFile = path.join(tmp, "not-a-directory");
    fs.writeFileSync(regularFile, "just a file");
    process.env.DATA_DIR = path.join(regularFile, "nested");
    expect(() => checkDatabase()).not.toThrow();
    expect(checkDatabase()).toBe("error");
    expect(globalCache.ipCaseworkDb).toBeUndefined();
  });

  it('returns "error" when the cached connection has been closed', () => {
    process.env.DATA_DIR = tmp;
    expect(checkDatabase()).toBe("ok");
    globalCache.ipCaseworkDb!.db.$client.close();
    expect(checkDatabase()).toBe("error");
  });
});
