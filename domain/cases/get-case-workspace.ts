import { and, desc, eq } from "drizzle-orm";
import { decisionProposals, informationRequests, users } from "@/db/schema";
import { isStaff, type Ctx } from "../context";
import { hasPermission } from "../access/permissions";
import { getCaseSummary, type CaseSummary } from "./get-case-summary";
import { canTransition } from "./state-machine";
import { conflictBlock } from "./conflict-clearance";
import { canInviteRepresentative } from "./invite-representative";

export type CaseAction = "accept" | "request_information" | "reject" | "propose_decision" | "review_decision" | "withdraw" | "answer_information" | "add_note" | "invite_representative";

export interface CaseWorkspace extends CaseSummary {
  /** Only the actions this viewer may take on the case in its current state. */
  actions: CaseAction[];
  informationRequests: (typeof informationRequests.$inferSelect)[];
  pendingProposal: (typeof decisionProposals.$inferSelect & { proposerName: string }) | null;
  latestReturnedProposal: (typeof decisionProposals.$inferSelect) | null;
  /**
   * Whether the viewer may read the complaint as filed. The respondent's side sees it only once the
   * regulator has accepted and served it, as the filer is told when submitting.
   */
  complaintVisible: boolean;
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
  const cleared = conflictBlock(ctx.db, actor, summary.case) === null;
  if (hasPermission(actor, "case.triage") && cleared) {
    if (canTransition(status, "accept")) actions.push("accept");
    if (status === "in_triage" || status === "assessment") actions.push("request_information");
    if (canTransition(status, "reject")) actions.push("reject");
  }
  if (hasPermission(actor, "decision.propose") && cleared && status === "assessment" && !pending) actions.push("propose_decision");
  if (hasPermission(actor, "decision.approve") && cleared && pending && pending.proposal.proposedBy !== actor?.id) actions.push("review_decision");
  if (hasPermission(actor, "case.note")) actions.push("add_note");
  if (hasPermission(actor, "case.triage") && canInviteRepresentative(status) && summary.parties.some((p) => p.role === "respondent")) actions.push("invite_representative");
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
    complaintVisible: isStaff(actor) || summary.viewerSides.includes("complainant") || summary.case.servedOn !== null,
  };
}
