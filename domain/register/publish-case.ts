import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { cases, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { recordAudit } from "../audit/record";
import { CASE_CHANGED_MESSAGE } from "../cases/state-machine";
import { CASE_STATUS_LABELS } from "../cases/status-labels";
import { dueDateForRule } from "../deadlines/rule-due-date";
import { londonDateOf } from "../deadlines/london-date";
import { conflict, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { PUBLISHABLE_STATUSES } from "./register-facts";

export const PUBLIC_SUMMARY_MIN = 20;
export const PUBLIC_SUMMARY_MAX = 5000;

const SUMMARY_MISSING = "Enter a public summary of the case for the register";

export const PublishCaseInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  publicSummary: z
    .string({ error: SUMMARY_MISSING })
    .trim()
    .min(1, SUMMARY_MISSING)
    .min(PUBLIC_SUMMARY_MIN, `The public summary must be at least ${PUBLIC_SUMMARY_MIN} characters`)
    .max(PUBLIC_SUMMARY_MAX, `The public summary must be ${PUBLIC_SUMMARY_MAX.toLocaleString("en-GB")} characters or fewer`),
});

/** Whether a case may be put on the register for the first time: the regulator has accepted it and it is not withdrawn. */
export function isPublishable(row: { acceptedOn: string | null; status: CaseStatus }): boolean {
  return row.acceptedOn !== null && (PUBLISHABLE_STATUSES as readonly CaseStatus[]).includes(row.status);
}

/**
 * Puts an accepted case on the public register with a summary written for the public, which opens
 * the amicus window (21 calendar days from today). Publishing again only replaces the summary: the
 * window, once opened, never moves. A published case keeps its summary editable even after it is
 * withdrawn, so a mistake on the register can always be corrected.
 */
export function publishCase(ctx: Ctx, input: z.input<typeof PublishCaseInput>): { firstPublication: boolean; windowClosesOn: string } {
  requirePermission(ctx.actor, "case.publish");
  const { caseId, publicSummary } = parseInput(PublishCaseInput, input);
  const today = londonDateOf(ctx.now);
  const at = ctx.now.toISOString();
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);

    if (row.publishedAt !== null) {
      // A case published before windows were recorded gets the window its publication date implies.
      const publishedOn = londonDateOf(new Date(row.publishedAt));
      const windowClosesOn = row.amicusWindowClosesOn ?? dueDateForRule(tx, "amicus-window", publishedOn, today).dueOn;
      const changed = tx
        .update(cases)
        .set({ publicSummary, amicusWindowClosesOn: windowClosesOn, updatedAt: at })
        .where(and(eq(cases.id, caseId), eq(cases.publishedAt, row.publishedAt)))
        .run().changes;
      if (changed === 0) throw conflict(CASE_CHANGED_MESSAGE);
      // Lengths and dates only: the summary itself is on the register, and the audit trail must never
      // become a second copy of text that may later be corrected for containing something it should not.
      recordAudit(tx, ctx, { action: "case.public_summary_updated", caseId, subject: `case:${caseId}`, data: { summaryLength: publicSummary.length, amicusWindowClosesOn: windowClosesOn } });
      return { firstPublication: false, windowClosesOn };
    }

    if (!isPublishable(row)) {
      throw conflict(
        row.acceptedOn === null
          ? `Only a complaint the regulator has accepted can be published on the register. This case is ${CASE_STATUS_LABELS[row.status].toLowerCase()}.`
          : `A case that is ${CASE_STATUS_LABELS[row.status].toLowerCase()} cannot be published on the register.`,
      );
    }
    const windowClosesOn = dueDateForRule(tx, "amicus-window", today, today).dueOn;
    const changed = tx
      .update(cases)
      .set({ publishedAt: at, publicSummary, amicusWindowClosesOn: windowClosesOn, updatedAt: at })
      .where(and(eq(cases.id, caseId), eq(cases.status, row.status), isNull(cases.publishedAt)))
      .run().changes;
    if (changed === 0) throw conflict(CASE_CHANGED_MESSAGE);
    recordAudit(tx, ctx, { action: "case.published", caseId, subject: `case:${caseId}`, data: { summaryLength: publicSummary.length, amicusWindowClosesOn: windowClosesOn } });
    return { firstPublication: true, windowClosesOn };
  });
}
