import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { amicusApplications, cases } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { requireActor } from "../access/permissions";
import { DomainError } from "../errors";
import { londonDateOf } from "../deadlines/london-date";

export type AmicusApplicationRow = typeof amicusApplications.$inferSelect;

/** Applications a caseworker has not yet refused or closed, which hold a place for their applicant. */
export const LIVE_AMICUS_STATUSES = ["applied", "granted", "brief_filed"] as const;

const applicationNotFound = () => new DomainError("not_found", "The application could not be found.");

/**
 * Fetch-or-throw: an amicus user sees only their own applications; staff see every application.
 * Anyone else, or an application that does not exist, is `not_found` alike.
 */
export function getApplicationForActor(ctx: Pick<Ctx, "db" | "actor">, applicationId: string, db: DbOrTx = ctx.db): AmicusApplicationRow {
  requireActor(ctx.actor);
  const row = db.select().from(amicusApplications).where(eq(amicusApplications.id, applicationId)).get();
  if (!row) throw applicationNotFound();
  if (isStaff(ctx.actor) || (ctx.actor.role === "amicus" && row.applicantId === ctx.actor.id)) return row;
  throw applicationNotFound();
}

/** Whether third parties may still apply on a case: it is on the register and its window has not closed. */
export function amicusWindowState(caseRow: Pick<typeof cases.$inferSelect, "publishedAt" | "amicusWindowClosesOn">, now: Date): { open: boolean; closesOn: string | null } {
  if (caseRow.publishedAt === null || caseRow.amicusWindowClosesOn === null) return { open: false, closesOn: null };
  return { open: londonDateOf(now) <= caseRow.amicusWindowClosesOn, closesOn: caseRow.amicusWindowClosesOn };
}
