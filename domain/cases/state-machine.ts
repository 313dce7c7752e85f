import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cases, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/record";

export const OPEN_STATES: CaseStatus[] = ["submitted", "in_triage", "awaiting_information", "assessment", "investigation", "decided"];

/**
 * Every status change a case can make, as `event: from → to`. This table is the only place the
 * lifecycle is written down; verbs name an event and the table decides whether it is allowed.
 */
export const CASE_TRANSITIONS = {
  submit: { from: ["draft"], to: "submitted" },
  start_triage: { from: ["submitted"], to: "in_triage" },
  reject: { from: ["in_triage"], to: "closed" },
  request_information: { from: ["in_triage"], to: "awaiting_information" },
  answer_information: { from: ["awaiting_information"], to: "in_triage" },
  accept: { from: ["in_triage"], to: "assessment" },
  decide_case_to_answer: { from: ["assessment"], to: "investigation" },
  decide_no_case_to_answer: { from: ["assessment"], to: "closed" },
  record_final_decision: { from: ["investigation"], to: "decided" },
  close: { from: ["decided"], to: "closed" },
  withdraw: { from: OPEN_STATES, to: "withdrawn" },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseEvent = keyof typeof CASE_TRANSITIONS;

export function canTransition(status: CaseStatus, event: CaseEvent): boolean {
  return (CASE_TRANSITIONS[event].from as readonly CaseStatus[]).includes(status);
}

/** The events allowed from a status, for showing only the actions that make sense. */
export function eventsFrom(status: CaseStatus): CaseEvent[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseEvent[]).filter((event) => canTransition(status, event));
}

export const CASE_CHANGED_MESSAGE = "This case has changed since you opened it: someone else has acted on it. Reload the page to see its current state.";

/**
 * Moves a case from the status the caller read to the event's target, as one conditional UPDATE.
 * If someone else moved the case first, no row matches and the caller gets a `conflict`, so two
 * caseworkers acting at once get one success and one clear message. Writes the audit event.
 */
export function transitionCase(
  tx: DbOrTx,
  ctx: Pick<Ctx, "actor" | "now">,
  input: { caseId: string; from: CaseStatus; event: CaseEvent; set?: Partial<typeof cases.$inferInsert>; audit?: Record<string, unknown> },
): CaseStatus {
  const { to } = CASE_TRANSITIONS[input.event];
  if (!canTransition(input.from, input.event)) {
    throw new DomainError("conflict", `A case that is ${input.from.replace(/_/g, " ")} cannot be moved that way. Reload the page to see what can be done now.`);
  }
  const changed = tx
    .update(cases)
    .set({ ...input.set, status: to, updatedAt: ctx.now.toISOString() })
    .where(and(eq(cases.id, input.caseId), eq(cases.status, input.from)))
    .run().changes;
  if (changed === 0) throw new DomainError("conflict", CASE_CHANGED_MESSAGE);
  recordAudit(tx, ctx, { action: `case.${input.event}`, caseId: input.caseId, subject: `case:${input.caseId}`, data: { from: input.from, to, ...input.audit } });
  return to;
}
