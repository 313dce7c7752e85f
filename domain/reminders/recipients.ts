import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cases, evidence, users, type PartyRole } from "@/db/schema";
import { activeSupervisors, usersActingFor, type Recipient } from "../cases/case-recipients";
import type { DeadlineRow } from "../deadlines/clock";

export type Audience = "staff" | "party";
export interface ReminderRecipient extends Recipient {
  audience: Audience;
}

/**
 * Which side of a case must act by a party-facing deadline. A non-confidential version is owed by
 * whoever filed the confidential document (the deadline's subject); any other party-facing rule an
 * admin creates is put to both sides, since the rule does not say which one it binds.
 */
const SIDES_FOR_RULE: Record<string, PartyRole[]> = {
  "information-response": ["complainant"],
  "respondent-representations": ["respondent"],
};
const BOTH_SIDES: PartyRole[] = ["complainant", "respondent"];

export function sidesThatMustAct(tx: DbOrTx, deadline: Pick<DeadlineRow, "ruleId" | "subjectId">): PartyRole[] {
  const known = SIDES_FOR_RULE[deadline.ruleId];
  if (known) return known;
  if (deadline.ruleId === "non-confidential-version") {
    if (!deadline.subjectId) return [];
    const item = tx.select({ filingSide: evidence.filingSide }).from(evidence).where(eq(evidence.id, deadline.subjectId)).get();
    return item && (item.filingSide === "complainant" || item.filingSide === "respondent") ? [item.filingSide] : [];
  }
  return BOTH_SIDES;
}

const staffColumns = { id: users.id, email: users.email, name: users.name, team: users.team };

/** Active supervisors of a team; with no team, or nobody in it, every active supervisor, so an alert always has somewhere to go. */
export function supervisorsFor(tx: DbOrTx, team: string | null): Recipient[] {
  if (team !== null) {
    const ofTeam = tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.role, "supervisor"), eq(users.team, team), isNull(users.disabledAt)))
      .all();
    if (ofTeam.length > 0) return ofTeam;
  }
  return activeSupervisors(tx);
}

/** The case's assigned caseworker and their team, when the assignee is still an active member of staff. */
export function caseAssignee(tx: DbOrTx, caseId: string): { assignee: Recipient | null; team: string | null } {
  const row = tx.select({ assignedTo: cases.assignedTo }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row?.assignedTo) return { assignee: null, team: null };
  const user = tx
    .select({ ...staffColumns, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, row.assignedTo), inArray(users.role, ["caseworker", "supervisor"])))
    .get();
  if (!user) return { assignee: null, team: null };
  // A disabled assignee reads no mail, but their team still owns the case.
  return { assignee: user.disabledAt ? null : { id: user.id, email: user.email, name: user.name }, team: user.team };
}

/**
 * Who hears about a deadline coming up: the assigned caseworker (else the supervisors of their
 * team, else every supervisor), plus, for a party-facing deadline, everyone acting for the side
 * that must act.
 */
export function reminderRecipients(tx: DbOrTx, deadline: DeadlineRow, partyFacing: boolean): ReminderRecipient[] {
  const { assignee, team } = caseAssignee(tx, deadline.caseId);
  const staff = assignee ? [assignee] : supervisorsFor(tx, team);
  const recipients: ReminderRecipient[] = staff.map((user) => ({ ...user, audience: "staff" }));
  if (partyFacing) {
    const seen = new Set(recipients.map((r) => r.id));
    for (const side of sidesThatMustAct(tx, deadline)) {
      for (const user of usersActingFor(tx, deadline.caseId, side)) {
        if (seen.has(user.id)) continue;
        seen.add(user.id);
        recipients.push({ ...user, audience: "party" });
      }
    }
  }
  return recipients;
}

/** Who hears that a deadline was missed: the supervisors of the assignee's team, else every supervisor. */
export function escalationRecipients(tx: DbOrTx, deadline: DeadlineRow): { supervisors: ReminderRecipient[]; assignee: Recipient | null } {
  const { assignee, team } = caseAssignee(tx, deadline.caseId);
  return { supervisors: supervisorsFor(tx, team).map((user) => ({ ...user, audience: "staff" })), assignee };
}
