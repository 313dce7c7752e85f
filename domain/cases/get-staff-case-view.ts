import type { Ctx } from "../context";
import { getCaseForParticipant } from "../access/case-access";
import { hasPermission, requirePermission } from "../access/permissions";
import { listCaseApplicationsForStaff } from "../amicus/list-applications";
import { getCaseClocks } from "../deadlines/get-case-clocks";
import { londonDateOf } from "../deadlines/london-date";
import { listCaseEvidence, type EvidenceSort, type SortDirection } from "../evidence/evidence-access";
import { memoizeForViewer, type ViewStore } from "../live-view-cache";
import { listCaseNotes } from "./add-case-note";
import { getCaseAssignment } from "./get-case-assignment";
import { getCaseTimeline } from "./get-case-timeline";
import { getCaseWorkspace } from "./get-case-workspace";

/** The case page shows the latest few events; the timeline page has the rest. */
export const RECENT_TIMELINE_EVENTS = 10;

/** Case pages kept per connection: the cases staff have open, at up to a few hundred KB each. */
export const CASE_VIEWS: ViewStore = { name: "staff case pages", limit: 100 };

/**
 * Everything the staff case page shows, read in one go and reused while nothing it depends on has
 * changed (the same rule as the live views, ADR 0011; ADR 0013 says why it holds here). Of its reads
 * only the clocks depend on the time, and only on the UK date and on whether 23:59:59 has passed,
 * which the reuse rule covers. The key is the whole actor, since what the page offers depends on
 * who is looking. The permission check runs on every call; a refusal is never kept.
 */
export function getStaffCaseView(ctx: Ctx, caseId: string) {
  requirePermission(ctx.actor, "case.view_all");
  return memoizeForViewer(ctx, CASE_VIEWS, caseId, () => workOutStaffCaseView(ctx, caseId));
}

/** The same reads done afresh, never reused: what the page costs after a change (the benchmark reports it). */
export function workOutStaffCaseView(ctx: Ctx, caseId: string) {
  requirePermission(ctx.actor, "case.view_all");
  return {
    workspace: getCaseWorkspace(ctx, caseId),
    assignment: getCaseAssignment(ctx, caseId),
    clocks: getCaseClocks(ctx, caseId),
    // One more than is shown, to know whether to link to the rest.
    timeline: getCaseTimeline(ctx, caseId, RECENT_TIMELINE_EVENTS + 1),
    notes: hasPermission(ctx.actor, "case.note") ? listCaseNotes(ctx, caseId) : [],
    today: londonDateOf(ctx.now),
    evidence: listCaseEvidence(ctx, caseId, { sort: "received", dir: "desc" }),
    amicusApplications: listCaseApplicationsForStaff(ctx, caseId),
  };
}

/** The case's evidence page: the case and its whole evidence list in the order asked for, reused like the case page. */
export function getStaffCaseEvidenceView(ctx: Ctx, caseId: string, order: { sort: EvidenceSort; dir: SortDirection }) {
  requirePermission(ctx.actor, "case.view_all");
  return memoizeForViewer(ctx, CASE_VIEWS, `evidence ${order.sort} ${order.dir}\n${caseId}`, () => ({
    found: getCaseForParticipant(ctx, caseId),
    evidence: listCaseEvidence(ctx, caseId, order),
  }));
}
