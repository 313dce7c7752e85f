import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { amicusApplications, evidence } from "@/db/schema";
import type { Ctx } from "../context";
import { getCaseForActor } from "../access/case-access";
import { requireActor } from "../access/permissions";
import { londonDateOf } from "../deadlines/london-date";
import { DomainError } from "../errors";
import { getApplicationForActor } from "./applications";
import { MAX_BRIEF_BYTES, requireBriefMayBeFiled } from "./brief-rules";
import { disclosureStatement } from "./list-applications";
import { respondingSideOf, responsesFor, responsesOpen, type BriefResponseView, type RespondingSide } from "./respond-to-brief";

/** Grants of leave on one case are few (the regulator decides each); the bound only guards the page. */
export const MAX_BRIEFS_LISTED = 100;

export interface FiledBriefView {
  evidenceId: string;
  exhibitNumber: string;
  originalFilename: string;
  sizeBytes: number;
  words: number | null;
  filedAt: string;
  /** The last day (YYYY-MM-DD) the parties may respond. */
  responseDueOn: string | null;
}

export interface PartyBriefView {
  applicationId: string;
  status: "granted" | "brief_filed";
  applicantName: string;
  represents: string;
  interest: string;
  pointsSummary: string;
  /** The applicant's disclosures in one sentence, as the public register shows them. */
  disclosureStatement: string;
  disclosure: string | null;
  fundingDisclosure: string | null;
  declinedToDisclose: boolean;
  wordLimit: number | null;
  briefDueOn: string | null;
  brief: FiledBriefView | null;
  /** Responses from both sides; empty for a party who is on neither side. */
  responses: BriefResponseView[];
  /** Whether this reader may respond now: they act for a side, the brief is filed and the deadline has not passed. */
  mayRespond: boolean;
}

export interface PartyBriefs {
  /** The side the reader responds for, or null (an interested party reads the briefs but does not answer them). */
  side: RespondingSide | null;
  today: string;
  briefs: PartyBriefView[];
}

/**
 * For a party's case page: every application granted on their case, with its brief once filed and the
 * responses to it. Parties only; a case they are not on is `not_found`.
 */
export function listBriefsForParty(ctx: Pick<Ctx, "db" | "actor" | "now">, caseId: string): PartyBriefs {
  requireActor(ctx.actor);
  const { case: caseRow, sides } = getCaseForActor(ctx, caseId);
  if (ctx.actor.role !== "party" || sides.length === 0) throw new DomainError("not_found", "The case could not be found.");
  const side = respondingSideOf(sides);
  const today = londonDateOf(ctx.now);
  const caseOpen = caseRow.status !== "closed" && caseRow.status !== "withdrawn";

  const rows = ctx.db
    .select({
      application: amicusApplications,
      exhibitNumber: evidence.exhibitNumber,
      originalFilename: evidence.originalFilename,
      sizeBytes: evidence.sizeBytes,
    })
    .from(amicusApplications)
    .leftJoin(evidence, eq(evidence.id, amicusApplications.briefEvidenceId))
    .where(and(eq(amicusApplications.caseId, caseId), inArray(amicusApplications.status, ["granted", "brief_filed"])))
    .orderBy(asc(amicusApplications.decidedAt), asc(amicusApplications.createdAt), sql`${amicusApplications}.rowid`)
    .limit(MAX_BRIEFS_LISTED)
    .all();
  const filedIds = rows.filter((row) => row.application.status === "brief_filed").map((row) => row.application.id);
  const responses = side ? responsesFor(ctx.db, filedIds) : new Map<string, BriefResponseView[]>();

  const briefs = rows.map(({ application, exhibitNumber, originalFilename, sizeBytes }): PartyBriefView => {
    const filed = application.status === "brief_filed" && application.briefEvidenceId !== null && exhibitNumber !== null;
    return {
      applicationId: application.id,
      status: application.status as PartyBriefView["status"],
      applicantName: application.applicantName,
      represents: application.represents,
      interest: application.interest,
      pointsSummary: application.pointsSummary,
      disclosureStatement: disclosureStatement(application),
      disclosure: application.disclosure,
      fundingDisclosure: application.fundingDisclosure,
      declinedToDisclose: application.declinedToDisclose,
      wordLimit: application.wordLimit,
      briefDueOn: application.briefDueOn,
      brief: filed
        ? {
            evidenceId: application.briefEvidenceId!,
            exhibitNumber: exhibitNumber!,
            originalFilename: originalFilename ?? "",
            sizeBytes: sizeBytes ?? 0,
            words: application.briefWordCount,
            filedAt: application.briefFiledAt ?? "",
            responseDueOn: application.responseDueOn,
          }
        : null,
      responses: responses.get(application.id) ?? [],
      mayRespond: side !== null && filed && caseOpen && responsesOpen(application, today),
    };
  });
  return { side, today, briefs };
}

export type BriefFilingState =
  | { kind: "open"; wordLimit: number; briefDueOn: string; maxBytes: number }
  /** Leave was granted but no brief can be filed now: the deadline passed or the case closed (the message says which). */
  | { kind: "blocked"; message: string }
  | { kind: "filed"; wordLimit: number | null; brief: FiledBriefView }
  | { kind: "not_granted" };

/** For the applicant's own application page: whether they may file a brief now, or the brief they filed. */
export function getBriefFilingState(ctx: Pick<Ctx, "db" | "actor" | "now" | "config">, applicationId: string): BriefFilingState {
  const application = getApplicationForActor(ctx, applicationId);
  if (application.status === "brief_filed" && application.briefEvidenceId !== null) {
    const item = ctx.db
      .select({ exhibitNumber: evidence.exhibitNumber, originalFilename: evidence.originalFilename, sizeBytes: evidence.sizeBytes })
      .from(evidence)
      .where(eq(evidence.id, application.briefEvidenceId))
      .get();
    if (!item) return { kind: "not_granted" };
    return {
      kind: "filed",
      wordLimit: application.wordLimit,
      brief: { evidenceId: application.briefEvidenceId, ...item, words: application.briefWordCount, filedAt: application.briefFiledAt ?? "", responseDueOn: application.responseDueOn },
    };
  }
  if (application.status !== "granted") return { kind: "not_granted" };
  try {
    const terms = requireBriefMayBeFiled(ctx, applicationId);
    return { kind: "open", wordLimit: terms.wordLimit, briefDueOn: terms.briefDueOn, maxBytes: Math.min(MAX_BRIEF_BYTES, ctx.config.maxUploadBytes) };
  } catch (error) {
    if (error instanceof DomainError && (error.code === "conflict" || error.code === "not_found")) {
      return { kind: "blocked", message: error.code === "conflict" ? error.message : "Only the applicant can file this brief." };
    }
    throw error;
  }
}
