import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users, type FilingSide } from "@/db/schema";
import { absoluteUrl, type Ctx } from "../context";
import { activeStaff, usersActingFor, type Recipient } from "../cases/case-recipients";
import { notifyUser } from "../notifications/notify";

/** The caseworker the case is assigned to; if none (or they have left), every active caseworker and supervisor. */
export function caseStaff(tx: DbOrTx, assignedTo: string | null): Recipient[] {
  if (assignedTo) {
    const assignee = tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.id, assignedTo), isNull(users.disabledAt), inArray(users.role, ["caseworker", "supervisor"])))
      .get();
    if (assignee) return [assignee];
  }
  return activeStaff(tx);
}

export interface EvidenceNotice {
  caseId: string;
  reference: string | null;
  kind: string;
  title: string;
  body: string;
  /** Where staff and parties read it: each recipient gets the link for their part of the service. */
  staffLink: string;
  portalLink: string;
  /** Write a formal email for it (outcomes a solicitor must act on); otherwise the standard notification email applies. */
  email?: boolean;
}

/** Tells each recipient once, in-app and (as their preferences allow) by email, skipping whoever acted. */
export function tellAboutEvidence(tx: DbOrTx, ctx: Pick<Ctx, "now" | "actor" | "config">, recipients: { staff?: Recipient[]; sides?: FilingSide[] }, notice: EvidenceNotice): void {
  const told = new Set<string>(ctx.actor ? [ctx.actor.id] : []);
  const send = (recipient: Recipient, link: string) => {
    if (told.has(recipient.id)) return;
    told.add(recipient.id);
    // The written mail goes out as the recipient's email preferences say (straight away, in a daily summary, or not at all).
    const email = notice.email
      ? {
          subject: `${notice.reference ?? "Your case"}: ${notice.title}`,
          body: `Dear ${recipient.name},\n\n${notice.body}\n\nSign in to IP Casework to see it: ${absoluteUrl(ctx.config, link)}\n\nIntellectual Property Regulator`,
        }
      : undefined;
    notifyUser(tx, ctx, { userId: recipient.id, caseId: notice.caseId, kind: notice.kind, title: notice.title, body: notice.body, link, email });
  };
  for (const recipient of recipients.staff ?? []) send(recipient, notice.staffLink);
  for (const side of recipients.sides ?? []) {
    if (side === "regulator" || side === "amicus") continue;
    for (const recipient of usersActingFor(tx, notice.caseId, side)) send(recipient, notice.portalLink);
  }
}

export const staffEvidencePath = (caseId: string, evidenceId: string) => `/cases/${caseId}/evidence/${evidenceId}`;
export const portalEvidencePath = (caseId: string, evidenceId: string) => `/portal/cases/${caseId}/evidence/${evidenceId}`;
