import { and, desc, eq } from "drizzle-orm";
import { decisionProposals, informationRequests, users } from "@/db/schema";
import type { Ctx } from "../context";
import { hasPermission } from "../access/permissions";
import { getCaseSummary, type CaseSummary } from "./get-case-summary";
import { canTransition } from "./state-machine";
import { needsConflictDeclaration } from "./conflict-clearance";

export type CaseAction = "accept" | "request_information" | "reject" | "propose_decision" | "review_decision" | "withdraw" | "answer_information" | "add_note";

export interface CaseWorkspace extends CaseSummary {
  /** Only the actions this viewer may take on the case in its current state. */
  actions: CaseAction[];
  informationRequests: (typeof informationRequests.$inferSelect)[];
  pendingProposal: (typeof decisionProposals.$inferSelect & { proposerName: string }) | null;
  latestReturnedProposal: (typeof decisionProposals.$inferSelect) | null;
}

/** Everything a case page needs, and the next actions open to this viewer. */
export function getCaseWorkspace(ctx: Ctx, caseId: string): CaseWorkspace {
  const summary = getCaseSummary(ctx, caseId);
  const status = summary.case.status;
  const requests = ctx.db.select().from(informationRequests).where(eq(informationRequests.caseId, caseId)).orderBy(desc(informationRequests.sentAt)).limit(50).all();
  const pending = ctx.db
    .select({ proposal: decisionProposals, proposerName: users.name })
    .from(decisionProposals)
    .innerJoin(users, eq(users.id, decisionProposals.proposedBy))
    .where(and(eq(decisionProposals.caseId, caseId), eq(decisionProposals.status, "proposed")))
    .get();
  const returned = ctx.db.select().from(decisionProposals).where(and(eq(decisionProposals.caseId, caseId), eq(decisionProposals.status, "returned"))).orderBy(desc(decisionProposals.reviewedAt)).limit(1).get() ?? null;

  const actions: CaseAction[] = [];
  const actor = ctx.actor;
  // A caseworker must declare no conflict with the parties before the triage outcomes open to them.
  if (hasPermission(actor, "case.triage") && !needsConflictDeclaration(ctx.db, actor, summary.case)) {
    if (canTransition(status, "accept")) actions.push("accept");
    if (status === "in_triage" || status === "assessment") actions.push("request_information");
    if (canTransition(status, "reject")) actions.push("reject");
  }
  if (hasPermission(actor, "decision.propose") && status === "assessment" && !pending) actions.push("propose_decision");
  if (hasPermission(actor, "decision.approve") && pending && pending.proposal.proposedBy !== actor?.id) actions.push("review_decision");
  if (hasPermission(actor, "case.note")) actions.push("add_note");
  if (actor?.role === "party" && summary.viewerSides.includes("complainant")) {
    if (canTransition(status, "withdraw")) actions.push("withdraw");
    if (requests.some((r) => r.respondedAt === null)) actions.push("answer_information");
  }
  return {
    ...summary,
    actions,
    informationRequests: requests,
    pendingProposal: pending ? { ...pending.proposal, proposerName: pending.proposerName } : null,
    latestReturnedProposal: returned,
  };
}
