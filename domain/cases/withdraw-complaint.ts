import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { deadlines } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { londonDateOf } from "../deadlines/london-date";
import { appendClockEvent } from "../deadlines/case-clock";
import { notifyUser } from "../notifications/notify";
import { transitionCase } from "./state-machine";
import { tellParties } from "./tell-parties";

export const WithdrawComplaintInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  reasons: z.string().trim().min(1, "Enter why the complaint is being withdrawn").max(5000, "Reasons must be 5000 characters or fewer"),
});

/** The complainant withdraws an open complaint. Its running clocks are cancelled. */
export function withdrawComplaint(ctx: Ctx, input: z.input<typeof WithdrawComplaintInput>) {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { caseId, reasons } = parseInput(WithdrawComplaintInput, input);
  writeTransaction(ctx.db, (tx) => {
    const { case: row, sides } = getCaseForActor(ctx, caseId, tx);
    if (actor.role !== "party" || !sides.includes("complainant")) throw new DomainError("not_found", "The case could not be found.");
    transitionCase(tx, ctx, { caseId, from: row.status, event: "withdraw", set: { withdrawalReasons: reasons, closedAt: ctx.now.toISOString() }, audit: { reasons } });
    for (const clock of tx.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), inArray(deadlines.status, ["running", "stopped"]))).all()) {
      tx.update(deadlines).set({ status: "cancelled", completedAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() }).where(eq(deadlines.id, clock.id)).run();
      appendClockEvent(tx, ctx, clock, { kind: "cancelled", effectiveOn: londonDateOf(ctx.now), reason: "Complaint withdrawn" });
    }
    tellParties(tx, ctx, { caseId, reference: row.reference, sides: ["respondent"], kind: "case.withdrawn", title: "Complaint withdrawn", body: `The complainant has withdrawn the complaint. Reasons: ${reasons}` });
    if (row.assignedTo) notifyUser(tx, ctx, { userId: row.assignedTo, caseId, kind: "case.withdrawn", title: `${row.reference}: complaint withdrawn`, body: reasons, link: `/cases/${caseId}` });
  });
}
