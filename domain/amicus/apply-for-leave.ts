import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { amicusApplications, cases } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { absoluteUrl } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor, type CaseRow } from "../access/case-access";
import { recordAudit } from "../audit/record";
import { formatLongDate } from "../deadlines/calendar-date";
import { DomainError, fieldErrorsFromZod, type FieldErrors } from "../errors";
import { caseStaff } from "../evidence/evidence-recipients";
import { newId } from "../ids";
import { notifyUser } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import { amicusWindowState, LIVE_AMICUS_STATUSES, type AmicusApplicationRow } from "./applications";

/** The form's fields in page order, for the error summary. */
export const APPLICATION_FIELDS = [
  "applicantName",
  "represents",
  "interest",
  "declineToDisclose",
  "relationshipDisclosure",
  "fundingDisclosure",
  "pointsSummary",
  "whyNotParties",
  "requestedWords",
] as const;

export const MAX_REQUESTED_WORDS = 20_000;

export interface ApplyForLeaveInput {
  caseReference: unknown;
  applicantName: unknown;
  represents: unknown;
  interest: unknown;
  /** "no": they give both disclosures below ("None" is an answer). "yes": they decline, and the texts are ignored. */
  declineToDisclose: unknown;
  relationshipDisclosure?: unknown;
  fundingDisclosure?: unknown;
  pointsSummary: unknown;
  whyNotParties: unknown;
  /** A whole number of words, 1 to 20,000; digits with thousands separators ("3,000") are accepted. */
  requestedWords: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

const shortText = (missing: string, what: string) => z.string().trim().min(1, missing).max(200, `${what} must be 200 characters or fewer`);
const longText = (missing: string, what: string) => z.string().trim().min(1, missing).max(5000, `${what} must be 5000 characters or fewer`);

const FIELD_SCHEMAS = {
  applicantName: shortText("Enter your name, or the name of the organisation applying", "Your name"),
  represents: shortText("Enter whom you represent, or enter ‘Myself’", "Whom you represent"),
  interest: longText("Describe your interest in the case", "Your interest in the case"),
  relationshipDisclosure: longText("Describe any relationship you have with either party, or enter ‘None’", "Your relationship with the parties"),
  fundingDisclosure: longText("Say who funded or contributed to the brief, or enter ‘None’", "Who funded or contributed to the brief"),
  pointsSummary: longText("Enter a summary of the points you will make", "The summary of your points"),
  whyNotParties: longText("Explain why the parties will not make these points", "Why the parties will not make these points"),
} as const;

const DeclineChoice = z.enum(["yes", "no"], { error: "Select whether you will tell us about relationships with the parties and who funded the brief" });

/** A whole number of words from 1 to the limit, accepting "3,000" as well as "3000". */
export function parseWordCount(value: unknown, labels: { missing: string; notWhole: string; range: string }, min: number, max: number): { ok: true; words: number } | { ok: false; message: string } {
  const raw = typeof value === "number" ? String(value) : text(value).trim().replace(/[,\s]/g, "");
  if (raw === "") return { ok: false, message: labels.missing };
  if (!/^\d+$/.test(raw)) return { ok: false, message: labels.notWhole };
  const words = Number(raw);
  if (words < min || words > max) return { ok: false, message: labels.range };
  return { ok: true, words };
}

interface Application {
  applicantName: string;
  represents: string;
  interest: string;
  declinedToDisclose: boolean;
  disclosure: string | null;
  fundingDisclosure: string | null;
  pointsSummary: string;
  whyNotParties: string;
  requestedWords: number;
}

/** Checks every field at once, so the error summary lists all the problems rather than one per attempt. */
function validateApplication(input: ApplyForLeaveInput): Application {
  const fieldErrors: FieldErrors = {};
  const pick = <T,>(field: string, schema: z.ZodType<T>, value: unknown): T | null => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    fieldErrors[field] = fieldErrorsFromZod(result.error)._form ?? "Check this answer";
    return null;
  };
  const applicantName = pick("applicantName", FIELD_SCHEMAS.applicantName, text(input.applicantName));
  const represents = pick("represents", FIELD_SCHEMAS.represents, text(input.represents));
  const interest = pick("interest", FIELD_SCHEMAS.interest, text(input.interest));
  const decline = pick("declineToDisclose", DeclineChoice, text(input.declineToDisclose));
  // Declining is allowed (the caseworker sees that they declined); then the disclosure texts are not asked for and not kept.
  const disclosure = decline === "no" ? pick("relationshipDisclosure", FIELD_SCHEMAS.relationshipDisclosure, text(input.relationshipDisclosure)) : null;
  const fundingDisclosure = decline === "no" ? pick("fundingDisclosure", FIELD_SCHEMAS.fundingDisclosure, text(input.fundingDisclosure)) : null;
  const pointsSummary = pick("pointsSummary", FIELD_SCHEMAS.pointsSummary, text(input.pointsSummary));
  const whyNotParties = pick("whyNotParties", FIELD_SCHEMAS.whyNotParties, text(input.whyNotParties));
  const words = parseWordCount(
    input.requestedWords,
    {
      missing: "Enter how many words your brief will need",
      notWhole: "Requested length must be a whole number of words, like 3000",
      range: `Requested length must be between 1 and ${MAX_REQUESTED_WORDS.toLocaleString("en-GB")} words`,
    },
    1,
    MAX_REQUESTED_WORDS,
  );
  if (!words.ok) fieldErrors.requestedWords = words.message;
  if (Object.keys(fieldErrors).length > 0 || !words.ok) throw new DomainError("invalid", "There is a problem with what you entered.", fieldErrors);
  return {
    applicantName: applicantName!,
    represents: represents!,
    interest: interest!,
    declinedToDisclose: decline === "yes",
    disclosure,
    fundingDisclosure,
    pointsSummary: pointsSummary!,
    whyNotParties: whyNotParties!,
    requestedWords: words.words,
  };
}

const caseNotFound = () => new DomainError("not_found", "The case could not be found.");

/**
 * A case an amicus applicant may apply on, found by its public reference: a case that is not on
 * the register is `not_found`, exactly as one that does not exist.
 */
function publishedCaseByReference(ctx: Pick<Ctx, "db" | "actor">, reference: string, db: DbOrTx): CaseRow {
  const trimmed = reference.trim().toUpperCase();
  if (!trimmed) throw caseNotFound();
  const row = db.select({ id: cases.id }).from(cases).where(eq(cases.reference, trimmed)).get();
  if (!row) throw caseNotFound();
  const { case: caseRow } = getCaseForActor(ctx, row.id, db);
  if (caseRow.publishedAt === null) throw caseNotFound();
  return caseRow;
}

/** Why an application cannot be made on this case now, or null while the window is open. */
export function windowClosedMessage(caseRow: Pick<CaseRow, "reference" | "status" | "publishedAt" | "amicusWindowClosesOn">, now: Date): string | null {
  const reference = caseRow.reference ?? "this case";
  // A brief could no longer inform anything the regulator decides.
  if (caseRow.status === "closed" || caseRow.status === "withdrawn") return `${reference} is ${caseRow.status === "closed" ? "closed" : "withdrawn"}, so applications to file an amicus brief can no longer be made.`;
  const window = amicusWindowState(caseRow, now);
  if (window.open) return null;
  if (window.closesOn === null) return `Applications to file an amicus brief on ${reference} are not open.`;
  return `The amicus window for ${reference} closed on ${formatLongDate(window.closesOn)}. Applications can no longer be made.`;
}

function requireOpenWindow(caseRow: CaseRow, now: Date): void {
  const closed = windowClosedMessage(caseRow, now);
  if (closed) throw new DomainError("conflict", closed);
}

function liveApplication(db: DbOrTx, caseId: string, applicantId: string): Pick<AmicusApplicationRow, "id" | "status"> | undefined {
  return db
    .select({ id: amicusApplications.id, status: amicusApplications.status })
    .from(amicusApplications)
    .where(and(eq(amicusApplications.caseId, caseId), eq(amicusApplications.applicantId, applicantId), inArray(amicusApplications.status, [...LIVE_AMICUS_STATUSES])))
    .get();
}

function secondApplicationMessage(reference: string, status: AmicusApplicationRow["status"]): string {
  return status === "applied"
    ? `You have already applied to file an amicus brief on ${reference}. Wait for the regulator to decide that application before you make another.`
    : `You already have leave to file an amicus brief on ${reference}. You cannot make another application on this case.`;
}

/** The same rule as requireVerifiedEmail, in words for an applicant rather than a complainant. */
function requireVerifiedApplicant(actor: Actor): void {
  if (!actor.emailVerified) {
    throw new DomainError("forbidden", `Verify your email address before you apply to file an amicus brief. We sent a link to ${actor.email}.`);
  }
}

export interface ApplicationFormContext {
  case: { id: string; reference: string; title: string; amicusWindowClosesOn: string | null };
  /** Why the form is not offered: the window has closed, or the applicant already has a live application. */
  closedMessage: string | null;
  existingApplication: { id: string; message: string } | null;
  /** Set when the applicant must verify their email address before they can apply. */
  verifyEmailMessage: string | null;
}

/** What the application page needs: the published case, and whether this applicant may apply on it now. */
export function getApplicationFormContext(ctx: Ctx, caseReference: string): ApplicationFormContext {
  requirePermission(ctx.actor, "amicus.apply");
  const actor = ctx.actor;
  const caseRow = publishedCaseByReference(ctx, caseReference, ctx.db);
  const reference = caseRow.reference!;
  const live = liveApplication(ctx.db, caseRow.id, actor.id);
  return {
    case: { id: caseRow.id, reference, title: caseRow.title, amicusWindowClosesOn: caseRow.amicusWindowClosesOn },
    closedMessage: windowClosedMessage(caseRow, ctx.now),
    existingApplication: live ? { id: live.id, message: secondApplicationMessage(reference, live.status) } : null,
    verifyEmailMessage: actor.emailVerified ? null : `Verify your email address before you apply to file an amicus brief. We sent a link to ${actor.email}.`,
  };
}

/**
 * A third party applies for leave to file an amicus brief on a case on the public register, while
 * its amicus window is open. The caseworker on the case (or, if none, every caseworker and
 * supervisor) is told; the application waits for their decision.
 */
export function applyForLeave(ctx: Ctx, input: ApplyForLeaveInput): { applicationId: string; caseId: string } {
  requirePermission(ctx.actor, "amicus.apply");
  const actor = ctx.actor;
  requireVerifiedApplicant(actor);
  // A closed window is the answer whatever was typed, so it comes before the field checks.
  requireOpenWindow(publishedCaseByReference(ctx, text(input.caseReference), ctx.db), ctx.now);
  const details = validateApplication(input);
  return writeTransaction(ctx.db, (tx) => {
    const caseRow = publishedCaseByReference(ctx, text(input.caseReference), tx);
    const reference = caseRow.reference!;
    requireOpenWindow(caseRow, ctx.now);
    // The partial unique index enforces this too; checking first (inside the write lock) gives a message that says why.
    const live = liveApplication(tx, caseRow.id, actor.id);
    if (live) throw new DomainError("conflict", secondApplicationMessage(reference, live.status));

    const id = newId();
    tx.insert(amicusApplications)
      .values({ id, caseId: caseRow.id, applicantId: actor.id, ...details, status: "applied", createdAt: ctx.now.toISOString() })
      .run();
    recordAudit(tx, ctx, {
      action: "amicus.applied",
      caseId: caseRow.id,
      subject: `amicus_application:${id}`,
      data: { applicantName: details.applicantName, represents: details.represents, requestedWords: details.requestedWords, declinedToDisclose: details.declinedToDisclose },
    });

    const link = `/cases/${caseRow.id}#amicus`;
    const title = `${reference}: application to file an amicus brief`;
    const body = [
      `${details.applicantName}, representing ${details.represents}, has applied for leave to file an amicus brief of up to ${details.requestedWords.toLocaleString("en-GB")} words on ${reference} (${caseRow.title}).`,
      details.declinedToDisclose ? "They declined to disclose any relationship with the parties or who funded or contributed to the brief." : null,
      "Decide whether to grant leave.",
    ]
      .filter(Boolean)
      .join(" ");
    for (const staff of caseStaff(tx, caseRow.assignedTo)) {
      notifyUser(tx, ctx, {
        userId: staff.id,
        caseId: caseRow.id,
        kind: "amicus.applied",
        title,
        body,
        link,
        email: { subject: title, body: `Dear ${staff.name},\n\n${body}\n\nSee the application: ${absoluteUrl(ctx.config, link)}\n\nIP Casework` },
      });
    }
    return { applicationId: id, caseId: caseRow.id };
  });
}
