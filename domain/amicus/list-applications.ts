import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { amicusApplications, cases, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError } from "../errors";
import { getApplicationForActor, type AmicusApplicationRow } from "./applications";

/** Enough for any real case or applicant; a list is never unbounded (the server is single-threaded). */
const MAX_LISTED = 200;

export const AMICUS_STATUS_LABELS: Record<AmicusApplicationRow["status"], string> = {
  applied: "Waiting for a decision",
  granted: "Leave granted",
  refused: "Refused",
  brief_filed: "Brief filed",
  brief_accepted: "Brief filed",
  withdrawn: "Withdrawn",
};

/** What the parties and the applicant read about the disclosures, in one sentence each way. */
export function disclosureStatement(row: Pick<AmicusApplicationRow, "declinedToDisclose" | "disclosure" | "fundingDisclosure">): string {
  if (row.declinedToDisclose) return "Declined to disclose any relationship with the parties or who funded or contributed to the brief.";
  return `Relationship with the parties: ${row.disclosure ?? "None"}. Funding and contributions: ${row.fundingDisclosure ?? "None"}.`;
}

export interface OwnApplicationListItem {
  id: string;
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  status: AmicusApplicationRow["status"];
  requestedWords: number;
  wordLimit: number | null;
  briefDueOn: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** The signed-in amicus applicant's own applications, newest first. Nobody else's ever appear. */
export function listOwnApplications(ctx: Ctx): OwnApplicationListItem[] {
  requirePermission(ctx.actor, "amicus.apply");
  return ctx.db
    .select({
      id: amicusApplications.id,
      caseId: amicusApplications.caseId,
      caseReference: cases.reference,
      caseTitle: cases.title,
      status: amicusApplications.status,
      requestedWords: amicusApplications.requestedWords,
      wordLimit: amicusApplications.wordLimit,
      briefDueOn: amicusApplications.briefDueOn,
      createdAt: amicusApplications.createdAt,
      decidedAt: amicusApplications.decidedAt,
    })
    .from(amicusApplications)
    .innerJoin(cases, eq(cases.id, amicusApplications.caseId))
    .where(eq(amicusApplications.applicantId, ctx.actor.id))
    .orderBy(desc(amicusApplications.createdAt), desc(amicusApplications.id))
    .limit(MAX_LISTED)
    .all();
}

export interface StaffApplicationView extends AmicusApplicationRow {
  /** The account the application was made from, which may differ from the name given on it. */
  applicantEmail: string;
  decidedByName: string | null;
}

const decider = alias(users, "decider");

/** Every application on a case, oldest first (the order they are decided in), with the disclosures and the declined flag. */
export function listCaseApplicationsForStaff(ctx: Ctx, caseId: string): StaffApplicationView[] {
  requirePermission(ctx.actor, "case.view_all");
  const { case: caseRow } = getCaseForActor(ctx, caseId);
  return ctx.db
    .select({ application: amicusApplications, applicantEmail: users.email, decidedByName: decider.name })
    .from(amicusApplications)
    .innerJoin(users, eq(users.id, amicusApplications.applicantId))
    .leftJoin(decider, eq(decider.id, amicusApplications.decidedBy))
    .where(eq(amicusApplications.caseId, caseRow.id))
    .orderBy(asc(amicusApplications.createdAt), asc(amicusApplications.id))
    .limit(MAX_LISTED)
    .all()
    .map((row) => ({ ...row.application, applicantEmail: row.applicantEmail, decidedByName: row.decidedByName }));
}

export interface GrantedApplicationForParty {
  id: string;
  applicantName: string;
  represents: string;
  interest: string;
  pointsSummary: string;
  declinedToDisclose: boolean;
  disclosureStatement: string;
  status: "granted" | "brief_filed";
  wordLimit: number | null;
  briefDueOn: string | null;
  decidedAt: string | null;
}

/**
 * What a party to the case learns about amicus applicants: only those granted leave (the parties
 * may respond to their briefs). Pending and refused applications stay between the applicant and
 * the regulator.
 */
export function listGrantedApplicationsForParty(ctx: Ctx, caseId: string): GrantedApplicationForParty[] {
  const { case: caseRow, sides } = getCaseForActor(ctx, caseId);
  if (ctx.actor?.role !== "party" || sides.length === 0) throw new DomainError("not_found", "The case could not be found.");
  return ctx.db
    .select()
    .from(amicusApplications)
    .where(and(eq(amicusApplications.caseId, caseRow.id), inArray(amicusApplications.status, ["granted", "brief_filed"])))
    .orderBy(asc(amicusApplications.decidedAt), asc(amicusApplications.id))
    .limit(MAX_LISTED)
    .all()
    .map((row) => ({
      id: row.id,
      applicantName: row.applicantName,
      represents: row.represents,
      interest: row.interest,
      pointsSummary: row.pointsSummary,
      declinedToDisclose: row.declinedToDisclose,
      disclosureStatement: disclosureStatement(row),
      status: row.status as "granted" | "brief_filed",
      wordLimit: row.wordLimit,
      briefDueOn: row.briefDueOn,
      decidedAt: row.decidedAt,
    }));
}

export interface ApplicationPage {
  application: AmicusApplicationRow;
  case: { id: string; reference: string | null; title: string };
}

/** The applicant's own application with the case it is on. Anyone else's is `not_found`. */
export function getApplicationPage(ctx: Ctx, applicationId: string): ApplicationPage {
  requirePermission(ctx.actor, "amicus.apply");
  const application = getApplicationForActor(ctx, applicationId);
  // The application is what entitles the applicant to see the case's reference and title, which were public when they applied.
  const caseRow = ctx.db.select({ id: cases.id, reference: cases.reference, title: cases.title }).from(cases).where(eq(cases.id, application.caseId)).get();
  if (!caseRow) throw new DomainError("not_found", "The application could not be found.");
  return { application, case: caseRow };
}
