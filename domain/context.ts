import type { Db } from "@/db/client";
import type { UserRole } from "@/db/schema";

/** Who is acting. `null` actor means signed out (the public). */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  team: string | null;
  organisationIds: string[];
  emailVerified: boolean;
}

export interface AppConfig {
  maxUploadBytes: number;
  /** The service's public address, without a trailing slash, for links in emails. */
  baseUrl: string;
}

export interface Ctx {
  db: Db;
  actor: Actor | null;
  /** The moment the request is handled. Injected so tests can pin it; verbs never read the clock. */
  now: Date;
  config: AppConfig;
  /** Set while one page is put together (server/page.ts loadPage): see readOncePerPage. */
  pageReads?: PageReads;
}

/**
 * Answers kept for the length of one page's reads. A page asks several verbs about one case, and each
 * verb checks access itself; within one page that check cannot change, so it is read once. Writes
 * never use it: a verb's transaction reads through its own handle, which bypasses this (see callers).
 */
export type PageReads = Map<string, unknown>;

export function readOncePerPage<T>(ctx: Pick<Ctx, "pageReads">, key: string, read: () => T): T {
  if (!ctx.pageReads) return read();
  if (ctx.pageReads.has(key)) return ctx.pageReads.get(key) as T;
  const value = read();
  ctx.pageReads.set(key, value);
  return value;
}

export const DEFAULT_CONFIG: AppConfig = { maxUploadBytes: 2 * 1024 ** 3, baseUrl: "http://localhost:3000" };

/** An absolute link into the service, for emails (a relative link means nothing in a mail client). */
export const absoluteUrl = (config: Pick<AppConfig, "baseUrl">, path: string): string => `${config.baseUrl.replace(/\/+$/, "")}${path}`;

export const isStaffRole = (role: UserRole) => role === "caseworker" || role === "supervisor" || role === "admin";
export const isStaff = (actor: Actor | null): boolean => actor !== null && isStaffRole(actor.role);
