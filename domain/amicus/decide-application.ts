import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { amicusApplications } from "@/db/schema";
import type { Ctx } from "../context";
import { absoluteUrl } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { recordAudit } from "../audit/record";
import { requireConflictClearance } from "../cases/conflict-clearance";
import { tellParties } from "../cases/tell-parties";
import { formatLongDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { dueDateForRule } from "../deadlines/rule-due-date";
import { DomainError, fieldErrorsFromZod, type FieldErrors } from "../errors";
import { notifyUser } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import { parseWordCount } from "./apply-for-leave";
import { getApplicationForActor } from "./applications";

export const AMICUS_BRIEF_RULE_ID = "amicus-brief";
export const MIN_WORD_LIMIT = 100;
export const MAX_WORD_LIMIT = 20_000;

export interface DecideApplicationInput {
  applicationId: unknown;
  outcome: unknown;
  reasons: unknown;
  /** Required to grant: the most words the brief may have. Ignored on refusal. */
  wordLimit?: unknown;
}

const Outcome = z.enum(["grant", "refuse"], { error: "Select whether to grant or refuse leave" });
const Reasons = z.string().trim().min(1, "Enter the reasons for your decision").max(5000, "Reasons must be 5000 characters or fewer");

const text = (value: unknown) => (typeof value === "string" ? value : "");

function validateDecision(input: DecideApplicationInput): { outcome: "grant" | "refuse"; reasons: string; wordLimit: number | null } {
  const fieldErrors: FieldErrors = {};
  const outcome = Outcome.safeParse(text(input.outcome));
  if (!outcome.success) fieldErrors.outcome = fieldErrorsFromZod(outcome.error)._form!;
  const reasons = Reasons.safeParse(text(input.reasons));
  if (!reasons.success) fieldErrors.reasons = fieldErrorsFromZod(reasons.error)._form!;
  let wordLimit: number | null = null;
  if (outcome.success && outcome.data === "grant") {
    const words = parseWordCount(
      input.wordLimit,
      {
        missing: "Enter the word limit for the brief",
        notWhole: "Word limit must be a whole number of words, like 3000",
        range: `Word limit must be between ${MIN_WORD_LIMIT} and ${MAX_WORD_LIMIT.toLocaleString("en-GB")} words`,
      },
      MIN_WORD_LIMIT,
      MAX_WORD_LIMIT,
    );
    if (words.ok) wordLimit = words.words;
    else fieldErrors.wordLimit = words.message;
  }
  if (Object.keys(fieldErrors).length > 0 || !outcome.success || !reasons.success) throw new DomainError("invalid", "There is a problem with what you entered.", fieldErrors);
  return { outcome: outcome.data, reasons: reasons.data, wordLimit };
}

const words = (n: number) => `${n.toLocaleString("en-GB")} words`;

/**
 * A caseworker grants or refuses leave to file an amicus brief, with reasons the applicant reads.
 * Granting sets a word limit and the filing deadline from the rule catalogue (recorded as a date:
 * nobody is obliged to file, so it raises no reminders), and tells both parties who will be filing.
 */
export function decideApplication(ctx: Ctx, input: DecideApplicationInput): { applicationId: string; caseId: string; status: "granted" | "refused"; briefDueOn: string | null } {
  requirePermission(ctx.actor, "amicus.decide");
  const actor = ctx.actor;
  const { outcome, reasons, wordLimit } = validateDecision(input);
  return writeTransaction(ctx.db, (tx) => {
    const application = getApplicationForActor(ctx, text(input.applicationId), tx);
    const { case: caseRow } = getCaseForActor(ctx, application.caseId, tx);
    requireConflictClearance(tx, actor, caseRow);
    const today = londonDateOf(ctx.now);
    const briefDueOn = outcome === "grant" ? dueDateForRule(tx, AMICUS_BRIEF_RULE_ID, today, today).dueOn : null;
    const status = outcome === "grant" ? "granted" : "refused";
    const changed = tx
      .update(amicusApplications)
      .set({ status, decisionReasons: reasons, decidedBy: actor.id, decidedAt: ctx.now.toISOString(), wordLimit, briefDueOn })
      .where(and(eq(amicusApplications.id, application.id), eq(amicusApplications.status, "applied")))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", "This application has already been decided.");
    recordAudit(tx, ctx, {
      action: outcome === "grant" ? "amicus.granted" : "amicus.refused",
      caseId: caseRow.id,
      subject: `amicus_application:${application.id}`,
      data: { applicantName: application.applicantName, reasons, wordLimit, briefDueOn },
    });

    const reference = caseRow.reference ?? "The case";
    const applicantLink = `/portal/applications/${application.id}`;
    const decision =
      outcome === "grant"
        ? `The regulator has granted you leave to file an amicus brief on ${reference} (${caseRow.title}). Your brief may be up to ${words(wordLimit!)} and must be filed by 11:59pm UK time on ${formatLongDate(briefDueOn!)}.`
        : `The regulator has refused your application for leave to file an amicus brief on ${reference} (${caseRow.title}).`;
    const applicantBody = `${decision} Reasons: ${reasons}`;
    const applicantTitle = `${reference}: leave to file an amicus brief ${status}`;
    notifyUser(tx, ctx, {
      userId: application.applicantId,
      caseId: caseRow.id,
      kind: "amicus.decided",
      title: applicantTitle,
      body: applicantBody,
      link: applicantLink,
      email: {
        subject: applicantTitle,
        body: [
          `Dear ${application.applicantName},`,
          ``,
          decision,
          ``,
          `Reasons: ${reasons}`,
          ``,
          `See your application: ${absoluteUrl(ctx.config, applicantLink)}`,
          ``,
          `Intellectual Property Regulator`,
        ].join("\n"),
      },
    });

    if (outcome === "grant") {
      tellParties(tx, ctx, {
        caseId: caseRow.id,
        reference: caseRow.reference,
        sides: ["complainant", "respondent"],
        kind: "amicus.decided",
        title: "Leave granted to file an amicus brief",
        body: [
          `The regulator has granted ${application.applicantName}, representing ${application.represents}, leave to file an amicus brief on ${reference}.`,
          `The points they will make: ${application.pointsSummary}`,
          `The brief may be up to ${words(wordLimit!)} and must be filed by ${formatLongDate(briefDueOn!)}.`,
          `You may respond to the brief once it has been filed.`,
        ].join("\n\n"),
      });
    }
    return { applicationId: application.id, caseId: caseRow.id, status, briefDueOn };
  });
}
