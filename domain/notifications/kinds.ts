import type { UserRole } from "@/db/schema";

export interface NotificationKind {
  /** The `kind` written by notifyUser, and the key of a notification_preferences row. */
  kind: string;
  /** Says when the notification is sent, as the legend of its email choice. */
  label: string;
  /** Who can receive it; the settings page offers a user only the kinds their role can receive. */
  roles: readonly UserRole[];
}

const CASEWORKERS = ["caseworker", "supervisor", "admin"] as const;
const SUPERVISORS = ["supervisor", "admin"] as const;
const PARTIES = ["party"] as const;
const EVERYONE_ON_A_CASE = ["caseworker", "supervisor", "admin", "party"] as const;

/**
 * Every kind of notification the service sends, in the order the settings page lists them. A kind
 * sent but missing here still reaches the inbox and is emailed straight away; it just cannot be
 * switched to a summary or off until it is added.
 */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  { kind: "case.new_complaint", label: "A new complaint arrives for triage", roles: CASEWORKERS },
  { kind: "case.assigned", label: "A case is assigned to you", roles: CASEWORKERS },
  { kind: "case.reassigned", label: "A case you had is reassigned to someone else", roles: CASEWORKERS },
  { kind: "case.conflict_declared", label: "A caseworker declares a conflict of interest", roles: SUPERVISORS },
  { kind: "information.answered", label: "A complainant answers an information request", roles: CASEWORKERS },
  { kind: "decision.proposed", label: "A case-to-answer decision is waiting for your approval", roles: SUPERVISORS },
  { kind: "decision.returned", label: "A decision you proposed is returned to you", roles: CASEWORKERS },
  { kind: "case.submitted", label: "We receive a complaint you submitted", roles: PARTIES },
  { kind: "case.accepted", label: "A complaint is accepted", roles: PARTIES },
  { kind: "case.rejected", label: "A complaint is rejected", roles: PARTIES },
  { kind: "information.requested", label: "The regulator asks for more information", roles: PARTIES },
  { kind: "case.withdrawn", label: "A complaint is withdrawn", roles: EVERYONE_ON_A_CASE },
  { kind: "decision.made", label: "The regulator decides whether there is a case to answer", roles: PARTIES },
  { kind: "evidence.filed", label: "Evidence is filed on a case", roles: EVERYONE_ON_A_CASE },
  { kind: "evidence.accepted", label: "The regulator accepts evidence filed for your side", roles: PARTIES },
  { kind: "evidence.rejected", label: "The regulator rejects evidence filed for your side", roles: PARTIES },
  { kind: "evidence.withdrawn", label: "Evidence is withdrawn", roles: EVERYONE_ON_A_CASE },
  { kind: "evidence.confidentiality_challenged", label: "Someone challenges the confidentiality of evidence", roles: EVERYONE_ON_A_CASE },
  { kind: "evidence.challenge_decided", label: "A confidentiality challenge is decided", roles: EVERYONE_ON_A_CASE },
  { kind: "evidence.integrity_failed", label: "A stored exhibit fails its integrity check", roles: SUPERVISORS },
  { kind: "amicus.applied", label: "Someone applies to file an amicus brief", roles: CASEWORKERS },
  { kind: "amicus.decided", label: "An application to file an amicus brief is decided", roles: ["amicus", "party"] },
  { kind: "amicus.brief_filed", label: "An amicus brief is filed", roles: ["caseworker", "supervisor", "admin", "party", "amicus"] },
  { kind: "amicus.response_filed", label: "A party responds to an amicus brief", roles: CASEWORKERS },
  { kind: "deadline.reminder", label: "A deadline is coming up", roles: EVERYONE_ON_A_CASE },
  { kind: "deadline.escalation", label: "A deadline has been missed", roles: SUPERVISORS },
];

export function notificationKindsFor(role: UserRole): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => k.roles.includes(role));
}
