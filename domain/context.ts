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
}

export const DEFAULT_CONFIG: AppConfig = { maxUploadBytes: 2 * 1024 ** 3, baseUrl: "http://localhost:3000" };

/** An absolute link into the service, for emails (a relative link means nothing in a mail client). */
export const absoluteUrl = (config: Pick<AppConfig, "baseUrl">, path: string): string => `${config.baseUrl.replace(/\/+$/, "")}${path}`;

export const isStaffRole = (role: UserRole) => role === "caseworker" || role === "supervisor" || role === "admin";
export const isStaff = (actor: Actor | null): boolean => actor !== null && isStaffRole(actor.role);
