import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cases } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { formatLongDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { DomainError } from "../errors";
import { CONTENT_TYPES, extensionOf } from "../evidence/sniff";
import { getApplicationForActor, type AmicusApplicationRow } from "./applications";

/** A brief is a written argument, not a data room: 50 MB holds any document within a word limit. */
export const MAX_BRIEF_BYTES = 50 * 1024 * 1024;
export const BRIEF_EXTENSIONS = ["pdf", "docx"] as const;
/** Only formats whose words can be counted; a brief over its limit must be measurable to be refused. */
export const BRIEF_CONTENT_TYPES: ReadonlySet<string> = new Set([CONTENT_TYPES.pdf.contentType, CONTENT_TYPES.docx.contentType]);

const CLOSED_TO_BRIEFS = new Set(["draft", "closed", "withdrawn"]);

const wordsFormat = new Intl.NumberFormat("en-GB");
/** "5,210 words", "1 word". */
export const formatWords = (count: number): string => `${wordsFormat.format(count)} ${count === 1 ? "word" : "words"}`;

export const lateBriefMessage = (dueOn: string): string => `The deadline for filing this brief was ${formatLongDate(dueOn)}. A late brief cannot be filed.`;

export const wrongBriefExtensionMessage = "A brief must be a PDF or Word (DOCX) document. Upload a file whose name ends in .pdf or .docx.";

export const briefTooLargeMessage = "A brief can be up to 50 MB. Make the file smaller, for example by compressing its images, and upload it again.";

export const overWordLimitMessage = (words: number, limit: number): string =>
  `The brief has ${formatWords(words)}, which is over the limit of ${formatWords(limit)}. Shorten it to ${formatWords(limit)} or fewer and upload it again.`;

export const isBriefFilename = (filename: string): boolean => (BRIEF_EXTENSIONS as readonly string[]).includes(extensionOf(filename));

export interface BriefTerms {
  application: AmicusApplicationRow;
  wordLimit: number;
  briefDueOn: string;
}

const NOT_GRANTED: Partial<Record<AmicusApplicationRow["status"], string>> = {
  applied: "You can file a brief once the regulator has granted your application.",
  brief_filed: "You have already filed your brief. Only one brief can be filed under each grant of leave.",
  brief_accepted: "You have already filed your brief. Only one brief can be filed under each grant of leave.",
  refused: "Your application was refused, so you cannot file a brief.",
  withdrawn: "Your application was withdrawn, so you cannot file a brief.",
};

/**
 * The applicant's own granted application, on an open case, before its deadline: the terms on which
 * a brief may still be uploaded or filed. Checked when an upload starts, on every chunk, and again in
 * the filing transaction. Anyone but the applicant (staff included: they do not file briefs) gets
 * `not_found`, as does an application on another case than `caseId` when one is given.
 */
export function requireBriefMayBeFiled(ctx: Pick<Ctx, "db" | "actor" | "now">, applicationId: string, options: { caseId?: string; db?: DbOrTx } = {}): BriefTerms {
  requireActor(ctx.actor);
  const db = options.db ?? ctx.db;
  const application = getApplicationForActor(ctx, applicationId, db);
  if (application.applicantId !== ctx.actor.id) throw new DomainError("not_found", "The application could not be found.");
  if (options.caseId !== undefined && application.caseId !== options.caseId) throw new DomainError("not_found", "The application could not be found.");
  if (application.status !== "granted") throw new DomainError("conflict", NOT_GRANTED[application.status] ?? "You cannot file a brief under this application.");
  if (application.wordLimit === null || application.briefDueOn === null) {
    // A grant always sets both; without them there is nothing to measure a brief against.
    throw new DomainError("conflict", "The terms of your leave to file a brief are incomplete. Contact the regulator.");
  }
  const caseRow = db.select({ status: cases.status }).from(cases).where(eq(cases.id, application.caseId)).get();
  if (!caseRow) throw new DomainError("not_found", "The application could not be found.");
  if (CLOSED_TO_BRIEFS.has(caseRow.status)) throw new DomainError("conflict", "A brief can only be filed while the case is open.");
  // The deadline runs to the end of its day in London, so the date alone decides.
  if (londonDateOf(ctx.now) > application.briefDueOn) throw new DomainError("conflict", lateBriefMessage(application.briefDueOn));
  return { application, wordLimit: application.wordLimit, briefDueOn: application.briefDueOn };
}
