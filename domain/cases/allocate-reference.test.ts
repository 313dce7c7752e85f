import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { referenceCounters } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { writeTransaction } from "../transaction";
import { allocateCaseReference, londonYear } from "./allocate-reference";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});

afterEach(() => testDb.close());

describe("allocateCaseReference", () => {
  it("hands out IPC-2026-000001, -000002, -000003 in order", () => {
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000001");
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000002");
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000003");
  });

  it("keeps a separate sequence for each year", () => {
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000001");
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000002");
    expect(allocateCaseReference(db, 2027)).toBe("IPC-2027-000001");
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000003");
    expect(allocateCaseReference(db, 2027)).toBe("IPC-2027-000002");
    expect(db.select().from(referenceCounters).all().sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: "case-2026", lastValue: 3 },
      { scope: "case-2027", lastValue: 2 },
    ]);
  });

  it("gives a number back when the transaction that took it rolls back", () => {
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000001");
    let insideRolledBack: string | undefined;
    expect(() =>
      db.transaction((tx) => {
        insideRolledBack = allocateCaseReference(tx, 2026);
        throw new Error("submission failed");
      }),
    ).toThrow("submission failed");
    expect(insideRolledBack).toBe("IPC-2026-000002");
    expect(allocateCaseReference(db, 2026)).toBe("IPC-2026-000002");
  });

  it("does not create a year's counter when its first allocation rolls back", () => {
    expect(() =>
      writeTransaction(db, (tx) => {
        expect(allocateCaseReference(tx, 2030)).toBe("IPC-2030-000001");
        throw new Error("nope");
      }),
    ).toThrow("nope");
    expect(db.select().from(referenceCounters).all()).toEqual([]);
    expect(allocateCaseReference(db, 2030)).toBe("IPC-2030-000001");
  });

  it("keeps numbers unique and gap-free across many allocations in one transaction", () => {
    const refs = writeTransaction(db, (tx) => Array.from({ length: 250 }, () => allocateCaseReference(tx, 2026)));
    expect(new Set(refs).size).toBe(250);
    expect(refs[0]).toBe("IPC-2026-000001");
    expect(refs[249]).toBe("IPC-2026-000250");
    for (const ref of refs) expect(ref).toMatch(/^IPC-2026-\d{6}$/);
  });
});

describe("londonYear", () => {
  it("numbers by the UK calendar year", () => {
    expect(londonYear(new Date("2026-06-30T12:00:00.000Z"))).toBe(2026);
    expect(londonYear(new Date("2026-12-31T23:59:59.999Z"))).toBe(2026);
    expect(londonYear(new Date("2027-01-01T00:00:00.000Z"))).toBe(2027);
  });
});
