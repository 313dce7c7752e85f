import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { z } from "zod";
import { clockEvents, deadlines, informationRequests } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { londonDateOf } from "../deadlines/london-date";
import { appendClockEvent, recomputeDeadline } from "../deadlines/case-clock";
import { notifyUser } from "../notifications/notify";
import { transitionCase } from "./state-machine";

export const AnswerInformationRequestInput = z.object({
  requestId: z.string().min(1, "The information request could not be found."),
  response: z.string().trim().min(1, "Enter your answer to the regulator's questions").max(50000, "Your answer must be 50000 characters or fewer"),
});

/**
 * The complainant answers an information request. In triage the case returns to the caseworker;
 * in assessment the case-to-answer clock restarts, the day of the answer still stopped.
 */
export function answerInformationRequest(ctx: Ctx, input: z.input<typeof AnswerInformationRequestInput>) {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { requestId, response } = parseInput(AnswerInformationRequestInput, input);
  const answeredOn = londonDateOf(ctx.now);
  writeTransaction(ctx.db, (tx) => {
    const request = tx.select().from(informationRequests).where(eq(informationRequests.id, requestId)).get();
    if (!request) throw new DomainError("not_found", "The information request could not be found.");
    const { case: row, sides } = requestCaseForActor(ctx, request.caseId, tx);
    if (actor.role !== "party" || !sides.includes("complainant")) throw new DomainError("not_found", "The information request could not be found.");
    const answered = tx
      .update(informationRequests)
      .set({ response, respondedBy: actor.id, respondedAt: ctx.now.toISOString() })
      .where(and(eq(informationRequests.id, requestId), isNull(informationRequests.respondedAt)))
      .run().changes;
    if (answered === 0) throw new DomainError("conflict", "This information request has already been answered.");

    if (request.deadlineId) {
      const responseDeadline = tx.select().from(deadlines).where(eq(deadlines.id, request.deadlineId)).get();
      if (responseDeadline && (responseDeadline.status === "running" || responseDeadline.status === "stopped")) {
        const met = ctx.now.getTime() <= Date.parse(responseDeadline.expiresAt);
        tx.update(deadlines).set({ status: met ? "met" : "missed", completedAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() }).where(eq(deadlines.id, responseDeadline.id)).run();
        appendClockEvent(tx, ctx, responseDeadline, { kind: met ? "met" : "missed", effectiveOn: answeredOn, reason: "Information request answered" });
      }
    }

    if (row.status === "awaiting_information") {
      transitionCase(tx, ctx, { caseId: row.id, from: row.status, event: "answer_information", audit: { requestId } });
    } else {
      recordAudit(tx, ctx, { action: "case.answer_information", caseId: row.id, subject: `information_request:${requestId}`, data: { requestId } });
      const clock = tx.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.ruleId, "case-to-answer"), eq(deadlines.status, "stopped"))).get();
      // Only restart a stop this request caused; a stop a caseworker made for another reason stays.
      const lastStop = clock ? tx.select().from(clockEvents).where(and(eq(clockEvents.deadlineId, clock.id), eq(clockEvents.kind, "stop"))).orderBy(clockEvents.at).all().at(-1) : undefined;
      if (clock && lastStop?.reason === "Information request sent") {
        appendClockEvent(tx, ctx, clock, { kind: "restart", effectiveOn: answeredOn, reason: "Information request answered" });
        recomputeDeadline(tx, ctx, clock, "running");
      }
    }
    if (row.assignedTo) {
      notifyUser(tx, ctx, { userId: row.assignedTo, caseId: row.id, kind: "information.answered", title: `${row.reference}: information request answered`, body: "The complainant has answered your information request.", link: `/cases/${row.id}` });
    }
  });
}

/** The request's case, or the request's own not-found: a different message would tell a guesser the request exists. */
function requestCaseForActor(ctx: Pick<Ctx, "db" | "actor">, caseId: string, tx: DbOrTx) {
  try {
    return getCaseForActor(ctx, caseId, tx);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw new DomainError("not_found", "The information request could not be found.");
    throw error;
  }
}
