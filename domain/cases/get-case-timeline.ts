import { and, desc, eq, notInArray } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { getCaseForParticipant } from "../access/case-access";

/** How each audited action reads on a case timeline. Actions not listed here are staff-only. */
const PARTY_VISIBLE: Record<string, string> = {
  "case.submit": "Complaint submitted",
  "case.start_triage": "Triage started",
  "case.request_information": "Information requested",
  "case.answer_information": "Information request answered",
  "case.accept": "Complaint accepted",
  "case.reject": "Complaint rejected",
  "case.decide_case_to_answer": "Decision: case to answer",
  "case.decide_no_case_to_answer": "Decision: no case to answer",
  "case.withdraw": "Complaint withdrawn",
  "clock.start": "Clock started",
  "clock.stop": "Clock stopped",
  "clock.restart": "Clock restarted",
  "clock.extension": "Deadline extended",
  "clock.met": "Deadline met",
  "clock.missed": "Deadline missed",
  "clock.cancelled": "Deadline cancelled",
  "clock.recomputed": "Deadline recomputed",
  "case.representative_joined": "Representative joined the case",
  "case.published": "Published on the public register",
  "amicus.granted": "Leave to file an amicus brief granted",
  "amicus.brief_filed": "Amicus brief filed",
  "amicus.response_filed": "Response to an amicus brief filed",
};

const STAFF_ONLY: Record<string, string> = {
  "case.note_added": "Internal note added",
  "decision.proposed": "Decision proposed",
  "decision.returned": "Proposed decision returned",
  "case.assignment_requested": "Assignment requested",
  "case.conflict_declared": "Conflict declaration",
  "case.assigned": "Case assigned",
  "case.unassigned": "Case unassigned",
  "case.representative_invited": "Respondent's representative invited",
  "seed.case_created": "Case created (demo data)",
  "case.public_summary_updated": "Public summary updated",
  "amicus.applied": "Application to file an amicus brief received",
  "amicus.refused": "Application to file an amicus brief refused",
  "amicus.brief_refused": "Amicus brief refused",
  "evidence.withdrawn": "Evidence withdrawn",
  "evidence.accepted": "Evidence accepted",
  "evidence.rejected": "Evidence rejected",
  "evidence.confidentiality_challenged": "Confidentiality of evidence challenged",
  "evidence.challenge_upheld": "Confidentiality challenge decided: claim upheld",
  "evidence.challenge_rejected": "Confidentiality challenge decided: claim rejected",
  "evidence.integrity_failed": "Evidence failed its integrity check",
  "complaint.draft_started": "Draft complaint started",
  "complaint.draft_saved": "Draft complaint saved",
};

/**
 * Every view and download of an evidence item is audited; those belong in the item's chain of
 * custody, and on the case timeline they would crowd out everything else.
 */
const CUSTODY_ONLY = ["evidence.viewed", "evidence.downloaded"];

/** A timeline reads at most this many events, newest first. */
export const TIMELINE_LIMIT = 200;

export interface TimelineEntry {
  seq: number;
  at: string;
  label: string;
  by: string;
  detail: string | null;
}

function detailFor(action: string, data: Record<string, unknown>, staff: boolean): string | null {
  if (action.startsWith("clock.")) return [data.label, data.reason].filter(Boolean).join(": ") || null;
  if (action === "case.reject" || action === "case.withdraw") return typeof data.reasons === "string" ? data.reasons : null;
  if (action === "case.request_information") return typeof data.questions === "string" ? data.questions : null;
  if (staff && action === "case.accept") return typeof data.reasons === "string" ? data.reasons : null;
  if (staff && action === "case.assigned") return typeof data.toName === "string" ? `Assigned to ${data.toName}` : null;
  if (staff && action === "case.conflict_declared") return data.hasConflict === true ? "Conflict of interest declared" : "No conflict of interest declared";
  return null;
}

/**
 * The case's history, drawn from the audit chain. Parties see only the events meant for them, and
 * none of the internal detail (notes, proposals, conflict declarations).
 */
export function getCaseTimeline(ctx: Ctx, caseId: string, limit = TIMELINE_LIMIT): TimelineEntry[] {
  getCaseForParticipant(ctx, caseId);
  const staff = isStaff(ctx.actor);
  const rows = ctx.db
    .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action, data: auditEvents.data, by: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.caseId, caseId), notInArray(auditEvents.action, CUSTODY_ONLY)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit)
    .all();
  const entries: TimelineEntry[] = [];
  for (const row of rows) {
    const label = PARTY_VISIBLE[row.action] ?? (staff ? (STAFF_ONLY[row.action] ?? row.action) : undefined);
    if (!label) continue;
    const data = JSON.parse(row.data) as Record<string, unknown>;
    entries.push({ seq: row.seq, at: row.at, label, by: row.by ?? "The system", detail: detailFor(row.action, data, staff) });
  }
  return entries;
}
