import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "./client";
import { organisationMembers, organisations, users, type UserRole } from "./schema";
import type { Actor, Ctx } from "@/domain/context";
import { DEFAULT_CONFIG } from "@/domain/context";
import { newId } from "@/domain/ids";
import { DomainError } from "@/domain/errors";

/** A fresh SQLite file, migrated from db/migrations exactly as production is. For tests only. */
export function createTestDb(): { db: Db; file: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-test-"));
  const file = path.join(dir, "app.db");
  // As the app's own connection (getDb) is opened, so every domain test runs on reused statements.
  const db = openDatabase(file, { cacheStatements: true });
  return {
    db,
    file,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIXED_NOW = new Date("2026-11-22T10:00:00.000Z");

export function testCtx(db: Db, actor: Actor | null, now: Date = FIXED_NOW): Ctx {
  return { db, actor, now, config: DEFAULT_CONFIG };
}

// A pre-computed argon2id hash of "correct horse battery staple", so factories stay fast and synchronous.
export const TEST_PASSWORD = "correct horse battery staple";
const TEST_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$tBTeYQiD01en9COhoMqRFw$4ZWcDQ2okk3ZvigWU4wop4bgblyyAOGGqQfYQRElz/M";

export function makeOrganisation(db: Db, name = `Org ${newId().slice(0, 6)}`): string {
  const id = newId();
  db.insert(organisations).values({ id, name, kind: "company", country: "GB", createdAt: FIXED_NOW.toISOString() }).run();
  return id;
}

/** Inserts a user and returns the Actor the app would build for them. */
export function makeUser(db: Db, role: UserRole, options: { email?: string; organisationIds?: string[]; disabled?: boolean } = {}): Actor {
  const id = newId();
  const email = options.email ?? `${role}-${id.slice(0, 8)}@example.test`;
  const at = FIXED_NOW.toISOString();
  db.insert(users)
    .values({ id, email, name: `Test ${role}`, passwordHash: TEST_PASSWORD_HASH, role, team: null, emailVerifiedAt: at, disabledAt: options.disabled ? at : null, createdAt: at, updatedAt: at })
    .run();
  for (const organisationId of options.organisationIds ?? []) db.insert(organisationMembers).values({ organisationId, userId: id, joinedAt: at }).run();
  return { id, email, name: `Test ${role}`, role, team: null, organisationIds: options.organisationIds ?? [], emailVerified: true };
}

/** The DomainError a call throws, for asserting its code and message; fails the test if it throws none. */
export function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but nothing was thrown");
}
