import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { amicusApplications, amicusResponses, users, type PartyRole } from "@/db/schema";
import { isStaff, type Ctx } from "../context";
import { getCaseForActor, type CaseRow } from "../access/case-access";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { formatLongDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { DomainError, parseInput } from "../errors";
import { caseStaff, tellAboutEvidence } from "../evidence/evidence-recipients";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";
import type { AmicusApplicationRow } from "./applications";

export const MAX_RESPONSE_CHARACTERS = 20_000;
/** A bound on one brief's responses as listed; each side may respond more than once, but not without end. */
export const MAX_RESPONSES_LISTED = 200;

export type RespondingSide = Extract<PartyRole, "complainant" | "respondent">;

export const RespondToBriefInput = z.object({
  applicationId: z.string({ error: "The brief could not be found." }).trim().min(1, "The brief could not be found.").max(100, "The brief could not be found."),
  body: z
    .string({ error: "Enter your response" })
    .trim()
    .min(1, "Enter your response")
    .max(MAX_RESPONSE_CHARACTERS, `Your response must be ${MAX_RESPONSE_CHARACTERS.toLocaleString("en-GB")} characters or fewer`),
});

const briefNotFound = () => new DomainError("not_found", "The brief could not be found.");

/** The side a party acts for in answering a brief: the complainant's or the respondent's, never anyone else's. */
export function respondingSideOf(sides: readonly PartyRole[]): RespondingSide | null {
  return sides.includes("complainant") ? "complainant" : sides.includes("respondent") ? "respondent" : null;
}

export const lateResponseMessage = (dueOn: string): string => `The deadline for responding to this brief was ${formatLongDate(dueOn)}. A late response cannot be sent.`;

/** Whether the parties may still respond to a filed brief on this London date. */
export const responsesOpen = (application: Pick<AmicusApplicationRow, "status" | "responseDueOn">, today: string): boolean =>
  application.status === "brief_filed" && application.responseDueOn !== null && today <= application.responseDueOn;

/**
 * An application the actor may read responses on: staff always; a party acting for the complainant
 * or the respondent when the application is on their case. Its applicant (and everyone else) gets
 * `not_found`: the responses are between the parties and the regulator.
 */
function applicationForResponses(ctx: Pick<Ctx, "db" | "actor">, applicationId: string, db: DbOrTx): { application: AmicusApplicationRow; case: CaseRow; side: RespondingSide | null } {
  requireActor(ctx.actor);
  const application = db.select().from(amicusApplications).where(eq(amicusApplications.id, applicationId)).get();
  if (!application) throw briefNotFound();
  let access;
  try {
    access = getCaseForActor(ctx, application.caseId, db);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw briefNotFound();
    throw error;
  }
  const side = ctx.actor.role === "party" ? respondingSideOf(access.sides) : null;
  if (!isStaff(ctx.actor) && side === null) throw briefNotFound();
  // Parties see granted and filed applications; one refused or still undecided is not theirs to answer.
  if (!isStaff(ctx.actor) && application.status !== "granted" && application.status !== "brief_filed") throw briefNotFound();
  return { application, case: access.case, side };
}

/**
 * A party's written response to a filed amicus brief, until the response deadline (the end of its
 * day in London). Each side may respond more than once; every response is kept. The regulator is told.
 */
export function respondToBrief(ctx: Ctx, input: z.input<typeof RespondToBriefInput>): { responseId: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { applicationId, body } = parseInput(RespondToBriefInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { application, case: caseRow, side } = applicationForResponses(ctx, applicationId, tx);
    if (side === null) throw briefNotFound();
    if (application.status !== "brief_filed" || application.responseDueOn === null) throw new DomainError("conflict", "You can respond once the brief has been filed.");
    if (caseRow.status === "closed" || caseRow.status === "withdrawn") throw new DomainError("conflict", "Responses can only be sent while the case is open.");
    if (londonDateOf(ctx.now) > application.responseDueOn) throw new DomainError("conflict", lateResponseMessage(application.responseDueOn));

    const responseId = newId();
    tx.insert(amicusResponses).values({ id: responseId, applicationId, caseId: application.caseId, side, filedBy: actor.id, body, createdAt: ctx.now.toISOString() }).run();
    recordAudit(tx, ctx, {
      action: "amicus.response_filed",
      caseId: application.caseId,
      subject: `amicus_application:${applicationId}`,
      data: { applicationId, responseId, side, characters: body.length, briefEvidenceId: application.briefEvidenceId },
    });
    tellAboutEvidence(
      tx,
      ctx,
      { staff: caseStaff(tx, caseRow.assignedTo) },
      {
        caseId: application.caseId,
        reference: caseRow.reference,
        kind: "amicus.response_filed",
        title: "Response to an amicus brief",
        body: `${actor.name}, for the ${side}, responded to the amicus brief filed by ${application.applicantName}.`,
        staffLink: `/cases/${application.caseId}`,
        portalLink: `/portal/cases/${application.caseId}`,
      },
    );
    return { responseId };
  });
}

export interface BriefResponseView {
  id: string;
  side: RespondingSide;
  filedByName: string;
  body: string;
  createdAt: string;
}

/** Responses to one brief, oldest first: for staff and the parties on either side (both see both sides'). */
export function listBriefResponses(ctx: Pick<Ctx, "db" | "actor">, applicationId: string): BriefResponseView[] {
  applicationForResponses(ctx, applicationId, ctx.db);
  return responsesFor(ctx.db, [applicationId]).get(applicationId) ?? [];
}

/** Responses to several briefs at once, keyed by application, each list bounded. */
export function responsesFor(db: DbOrTx, applicationIds: string[]): Map<string, BriefResponseView[]> {
  const byApplication = new Map<string, BriefResponseView[]>();
  for (const applicationId of applicationIds) {
    const rows = db
      .select({ id: amicusResponses.id, side: amicusResponses.side, body: amicusResponses.body, createdAt: amicusResponses.createdAt, filedByName: users.name })
      .from(amicusResponses)
      .innerJoin(users, eq(users.id, amicusResponses.filedBy))
      .where(eq(amicusResponses.applicationId, applicationId))
      .orderBy(sql`${amicusResponses}.rowid`)
      .limit(MAX_RESPONSES_LISTED)
      .all();
    byApplication.set(applicationId, rows);
  }
  return byApplication;
}
