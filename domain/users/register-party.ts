import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { mailOutbox, organisationMembers, organisations, users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { absoluteUrl } from "../context";
import { DomainError, fieldErrorsFromZod, type FieldErrors } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { queueMail } from "../notifications/notify";
import { joinInvitedCase } from "../cases/invite-representative";
import { consumeEmailToken, emailTokenState, findEmailToken, type EmailTokenRow, type EmailTokenState } from "./email-tokens";
import { hashPassword } from "./passwords";
import { passwordProblem } from "./password-policy";
import { sendVerificationLink } from "./verification-mail";

/** The form's fields in page order, for the error summary. */
export const REGISTRATION_FIELDS = ["name", "email", "accountType", "organisationName", "password", "confirmPassword"] as const;

/** What a self-registered account is for. Invitations always make a party's representative. */
export const ACCOUNT_TYPES = ["party", "amicus"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = {
  party: "Act for a party to a complaint",
  amicus: "Apply to file an amicus brief as a third party",
};

export interface RegisterPartyInput {
  name: unknown;
  email?: unknown;
  /** "party" or "amicus"; ignored for an invitation, which always makes a party's representative. */
  accountType?: unknown;
  /** Required for a party; optional for an amicus applicant, who may apply as an individual. */
  organisationName?: unknown;
  password: unknown;
  confirmPassword: unknown;
  /** The token from an invitation link, if the person arrived through one. */
  invitation?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

const Name = z.string().trim().min(1, "Enter your full name").max(200, "Full name must be 200 characters or fewer");
const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.com");
const OrganisationName = z.string().trim().min(1, "Enter the name of your organisation").max(200, "Organisation name must be 200 characters or fewer");
const OptionalOrganisationName = z.string().trim().max(200, "Organisation name must be 200 characters or fewer");
const AccountTypeChoice = z.enum(ACCOUNT_TYPES, { error: "Select what you will use this service for" });

export const INVITATION_PROBLEMS: Record<Exclude<EmailTokenState, "usable">, string> = {
  unknown: "This invitation link is not valid. Check that you copied the whole link from the email, or ask the caseworker who invited you for a new one.",
  used: "This invitation has already been used. If you created your account with it, sign in. Otherwise ask the caseworker who invited you for a new one.",
  expired: "This invitation has expired. Invitations last 14 days. Ask the caseworker who invited you for a new one.",
};

interface Registration {
  name: string;
  email: string;
  accountType: AccountType;
  organisationName: string | null;
  password: string;
}

/** Checks every field at once, so the error summary lists all the problems rather than one per attempt. */
function validateRegistration(input: RegisterPartyInput, invitedEmail: string | null): Registration {
  const fieldErrors: FieldErrors = {};
  const pick = <T,>(field: string, schema: z.ZodType<T>, value: unknown): T | null => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    fieldErrors[field] = fieldErrorsFromZod(result.error)._form ?? "Check this answer";
    return null;
  };
  const name = pick("name", Name, text(input.name));
  const email = invitedEmail ?? pick("email", Email, text(input.email));
  const accountType: AccountType | null = invitedEmail ? "party" : pick("accountType", AccountTypeChoice, text(input.accountType));
  const organisationName = invitedEmail
    ? null
    : accountType === "party"
      ? pick("organisationName", OrganisationName, text(input.organisationName))
      : pick("organisationName", OptionalOrganisationName, text(input.organisationName)) || null;
  const password = text(input.password);
  const confirmPassword = text(input.confirmPassword);
  const problem = passwordProblem(password, email);
  if (problem) fieldErrors.password = problem;
  if (confirmPassword === "") fieldErrors.confirmPassword = "Enter your password again";
  else if (!problem && confirmPassword !== password) fieldErrors.confirmPassword = "The passwords you entered do not match";
  if (Object.keys(fieldErrors).length > 0 || name === null || email === null || accountType === null) {
    throw new DomainError("invalid", "There is a problem with what you entered.", fieldErrors);
  }
  return { name, email, accountType, organisationName, password };
}

export type RegistrationOutcome =
  /** Also the answer when the address already has an account, so the form cannot be used to find out who has one. */
  | { kind: "check_email" }
  | { kind: "joined_case"; userId: string; caseId: string };

/**
 * Self-service registration for a party's representative or an amicus applicant. Without an
 * invitation it creates the user (unverified), with a party's law firm (or the amicus applicant's
 * organisation, if they name one) as an organisation they belong to, and mails a verify-email link. With
 * an invitation it joins the firm acting for the respondent on that case instead, already verified
 * because the invitation reached that address.
 */
export async function registerParty(ctx: Ctx, input: RegisterPartyInput): Promise<RegistrationOutcome> {
  if (ctx.actor) throw new DomainError("forbidden", "You are already signed in. Sign out before you create another account.");
  const invitationToken = text(input.invitation);
  const invitation = invitationToken ? findEmailToken(ctx.db, invitationToken, "case_invitation") : undefined;
  if (invitationToken) {
    const state = emailTokenState(invitation, ctx.now);
    if (state !== "usable") throw new DomainError("invalid", INVITATION_PROBLEMS[state]);
  }
  const details = validateRegistration(input, invitation?.email ?? null);
  // Hashing is slow and asynchronous, so it happens before the (synchronous) transaction. It happens
  // for duplicates too, so the time taken does not reveal whether the address has an account.
  const passwordHash = await hashPassword(details.password);
  return writeTransaction(ctx.db, (tx) => (invitation ? registerInvited(tx, ctx, details, passwordHash, invitation) : registerSelf(tx, ctx, details, passwordHash)));
}

export const DUPLICATE_NOTICE_SUBJECT = "Someone tried to create an IP Casework account with your email address";
export const MAX_DUPLICATE_NOTICES_PER_HOUR = 3;

function duplicateNoticesInLastHour(tx: DbOrTx, ctx: Pick<Ctx, "now">, email: string): number {
  const hourAgo = new Date(ctx.now.getTime() - 60 * 60 * 1000).toISOString();
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.subject, DUPLICATE_NOTICE_SUBJECT), gt(mailOutbox.createdAt, hourAgo)))
    .get()!.n;
}

function existingAccount(tx: DbOrTx, email: string) {
  return tx.select().from(users).where(sql`lower(${users.email}) = ${email}`).get();
}

function insertUser(tx: DbOrTx, ctx: Pick<Ctx, "now">, details: Registration, passwordHash: string, verified: boolean): string {
  const id = newId();
  const at = ctx.now.toISOString();
  tx.insert(users).values({ id, email: details.email, name: details.name, passwordHash, role: details.accountType, team: null, emailVerifiedAt: verified ? at : null, createdAt: at, updatedAt: at }).run();
  return id;
}

/** The new user is the actor of their own registration's audit events: nobody was signed in. */
const asUser = (ctx: Pick<Ctx, "now">, userId: string) => ({ actor: { id: userId } as Actor, now: ctx.now });

function registerSelf(tx: DbOrTx, ctx: Ctx, details: Registration, passwordHash: string): RegistrationOutcome {
  const existing = existingAccount(tx, details.email);
  if (existing) {
    // Anyone can submit this form with someone else's address; past a few an hour, stay silent so
    // the form cannot be used to flood their mailbox. The page says the same either way.
    const mailed = duplicateNoticesInLastHour(tx, ctx, existing.email) < MAX_DUPLICATE_NOTICES_PER_HOUR;
    if (mailed) queueMail(tx, ctx, {
      to: existing.email,
      subject: DUPLICATE_NOTICE_SUBJECT,
      body: [
        `Dear ${existing.name},`,
        ``,
        `Someone tried to create an IP Casework account with this email address. You already have an account, so no new account was created and yours has not changed.`,
        ``,
        `If it was you, sign in instead: ${absoluteUrl(ctx.config, "/sign-in")}`,
        `If you have not verified your email address yet, sign in and select “Send a new verification link”.`,
        ``,
        `If it was not you, you do not need to do anything.`,
        ``,
        `Intellectual Property Regulator`,
      ].join("\n"),
    });
    recordAudit(tx, { actor: null, now: ctx.now }, { action: "user.registration_duplicate", subject: `user:${existing.id}`, data: { email: details.email, mailed } });
    return { kind: "check_email" };
  }
  const userId = insertUser(tx, ctx, details, passwordHash, false);
  let organisationId: string | null = null;
  if (details.organisationName !== null) {
    organisationId = newId();
    // A party acts through a law firm; an amicus applicant's body could be anything from a university to a trade association.
    const kind = details.accountType === "party" ? "law_firm" : "other";
    tx.insert(organisations).values({ id: organisationId, name: details.organisationName, kind, country: "GB", createdAt: ctx.now.toISOString() }).run();
    tx.insert(organisationMembers).values({ organisationId, userId, joinedAt: ctx.now.toISOString() }).run();
  }
  sendVerificationLink(tx, ctx, { id: userId, email: details.email, name: details.name }, null);
  recordAudit(tx, asUser(ctx, userId), {
    action: "user.registered",
    subject: `user:${userId}`,
    data: { email: details.email, role: details.accountType, organisationId, organisationName: details.organisationName, viaInvitation: false },
  });
  return { kind: "check_email" };
}

function registerInvited(tx: DbOrTx, ctx: Ctx, details: Registration, passwordHash: string, invitation: EmailTokenRow): RegistrationOutcome {
  // The invitee already knows this address was invited, so saying it has an account reveals nothing new.
  if (existingAccount(tx, details.email)) {
    throw new DomainError("conflict", "There is already an account for this email address. Sign in with it, and ask the caseworker who invited you to add you to the case.");
  }
  const userId = insertUser(tx, ctx, details, passwordHash, true);
  if (!consumeEmailToken(tx, invitation, ctx.now, userId)) throw new DomainError("conflict", INVITATION_PROBLEMS.used);
  joinInvitedCase(tx, ctx, invitation, userId);
  recordAudit(tx, asUser(ctx, userId), {
    action: "user.registered",
    subject: `user:${userId}`,
    data: { email: details.email, role: "party", organisationId: invitation.organisationId, caseId: invitation.caseId, viaInvitation: true },
  });
  return { kind: "joined_case", userId, caseId: invitation.caseId! };
}
