import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { caseParties, cases, emailTokens, organisationMembers, organisations, users, type CaseStatus } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { absoluteUrl } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { queueMail } from "../notifications/notify";
import { emailTokenState, findEmailToken, INVITATION_LIFETIME_MS, newEmailToken, type EmailTokenRow, type EmailTokenState } from "../users/email-tokens";

const NOT_OPEN: readonly CaseStatus[] = ["draft", "closed", "withdrawn"];

/** Invitations make sense only while there is still work the respondent can take part in. */
export const canInviteRepresentative = (status: CaseStatus): boolean => !NOT_OPEN.includes(status);

export const InviteRepresentativeInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the representative’s email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.com"),
  organisationName: z.string().trim().max(200, "Firm name must be 200 characters or fewer").optional(),
});

function respondentParty(db: DbOrTx, caseId: string) {
  return db
    .select({ party: caseParties, respondentName: organisations.name })
    .from(caseParties)
    .innerJoin(organisations, eq(organisations.id, caseParties.organisationId))
    .where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, "respondent")))
    .orderBy(asc(caseParties.addedAt))
    .get();
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Invites someone to act for the respondent on a case. The link lets them create an account straight
 * into the firm acting for the respondent: the firm already on the case, or one named here.
 *
 * A named firm is created now rather than on acceptance because email_tokens can only point at an
 * organisation, not carry a name; a second invitation naming the same firm on the same case reuses it.
 */
export function inviteRepresentative(ctx: Ctx, input: z.input<typeof InviteRepresentativeInput>) {
  requirePermission(ctx.actor, "case.triage");
  const actor = ctx.actor;
  const { caseId, email, organisationName } = parseInput(InviteRepresentativeInput, input);
  const { token, tokenHash } = newEmailToken();
  const at = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_LIFETIME_MS).toISOString();

  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    if (!canInviteRepresentative(row.status)) {
      throw new DomainError("conflict", "Representatives can only be invited while the case is open. Reload the page to see its current state.");
    }
    const respondent = respondentParty(tx, caseId);
    if (!respondent) throw new DomainError("invalid", "This case has no respondent recorded, so there is no one for a representative to act for.");
    if (tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).get()) {
      throw new DomainError("invalid", "There is a problem with what you entered.", {
        email: "There is already an account for this email address. An invitation can only be used to create a new account",
      });
    }

    const { organisationId, firmCreated } = chooseRepresentativeFirm(tx, { caseId, respondent: respondent.party, organisationName, at });
    const firmName = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get()!.name;

    tx.insert(emailTokens).values({ tokenHash, purpose: "case_invitation", userId: null, email, caseId, organisationId, createdBy: actor.id, createdAt: at, expiresAt }).run();
    const reference = row.reference ?? "a complaint";
    queueMail(tx, ctx, {
      to: email,
      subject: `Invitation to act for ${respondent.respondentName} on ${reference}`,
      body: [
        `Hello,`,
        ``,
        `${actor.name} of the Intellectual Property Regulator has invited you to act for ${respondent.respondentName}, the respondent to complaint ${reference}, as a member of ${firmName}.`,
        ``,
        `Create your IP Casework account with this link:`,
        absoluteUrl(ctx.config, `/create-account?invitation=${token}`),
        ``,
        `The link works once and expires in 14 days. If you were not expecting this email, you can ignore it.`,
        ``,
        `Intellectual Property Regulator`,
      ].join("\n"),
    });
    recordAudit(tx, ctx, { action: "case.representative_invited", caseId, subject: `case:${caseId}`, data: { email, organisationId, firmName, firmCreated, expiresAt } });
    return { email, firmName, expiresAt };
  });
}

function chooseRepresentativeFirm(
  tx: DbOrTx,
  input: { caseId: string; respondent: typeof caseParties.$inferSelect; organisationName: string | undefined; at: string },
): { organisationId: string; firmCreated: boolean } {
  const { respondent, organisationName } = input;
  if (respondent.representativeOrganisationId) {
    const current = tx.select().from(organisations).where(eq(organisations.id, respondent.representativeOrganisationId)).get()!;
    if (organisationName && !sameName(organisationName, current.name)) {
      throw new DomainError("invalid", "There is a problem with what you entered.", {
        organisationName: `${current.name} already acts for the respondent on this case. Leave the firm name blank to invite someone from ${current.name}`,
      });
    }
    return { organisationId: current.id, firmCreated: false };
  }
  if (!organisationName) {
    throw new DomainError("invalid", "There is a problem with what you entered.", { organisationName: "Enter the name of the firm acting for the respondent" });
  }
  const invitedBefore = tx
    .select({ id: organisations.id, name: organisations.name })
    .from(emailTokens)
    .innerJoin(organisations, eq(organisations.id, emailTokens.organisationId))
    .where(and(eq(emailTokens.caseId, input.caseId), eq(emailTokens.purpose, "case_invitation")))
    .all()
    .find((org) => sameName(org.name, organisationName));
  if (invitedBefore) return { organisationId: invitedBefore.id, firmCreated: false };
  const id = newId();
  tx.insert(organisations).values({ id, name: organisationName, kind: "law_firm", country: "GB", createdAt: input.at }).run();
  return { organisationId: id, firmCreated: true };
}

export interface InvitationDetails {
  email: string;
  caseReference: string | null;
  respondentName: string | null;
  firmName: string;
}

/** What the create-account page shows for an invitation link. Reading it does not use it up. */
export function describeInvitation(ctx: Pick<Ctx, "db" | "now">, token: unknown): { state: EmailTokenState; details: InvitationDetails | null } {
  const row = findEmailToken(ctx.db, token, "case_invitation");
  const state = emailTokenState(row, ctx.now);
  if (!row || state !== "usable") return { state, details: null };
  const caseRow = row.caseId ? ctx.db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, row.caseId)).get() : undefined;
  const respondent = row.caseId ? respondentParty(ctx.db, row.caseId) : undefined;
  const firm = ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId!)).get();
  return { state, details: { email: row.email, caseReference: caseRow?.reference ?? null, respondentName: respondent?.respondentName ?? null, firmName: firm?.name ?? "" } };
}

/**
 * Puts a newly registered user into the firm they were invited to act through, and records that firm
 * as the respondent's representative if none is recorded yet. Runs in the registration transaction.
 */
export function joinInvitedCase(tx: DbOrTx, ctx: Pick<Ctx, "now">, invitation: EmailTokenRow, userId: string): void {
  const organisationId = invitation.organisationId;
  const caseId = invitation.caseId;
  if (!organisationId || !caseId) throw new DomainError("invalid", "This invitation is not complete. Ask the caseworker for a new one.");
  tx.insert(organisationMembers).values({ organisationId, userId, joinedAt: ctx.now.toISOString() }).onConflictDoNothing().run();
  const respondent = respondentParty(tx, caseId);
  if (respondent && respondent.party.organisationId !== organisationId) {
    const current = respondent.party.representativeOrganisationId;
    if (current === null) {
      tx.update(caseParties).set({ representativeOrganisationId: organisationId }).where(eq(caseParties.id, respondent.party.id)).run();
    } else if (current !== organisationId) {
      throw new DomainError("conflict", "A different firm now acts for the respondent on this case. Ask the caseworker who invited you for a new invitation.");
    }
  }
  recordAudit(tx, { actor: { id: userId } as Actor, now: ctx.now }, { action: "case.representative_joined", caseId, subject: `user:${userId}`, data: { organisationId } });
}
