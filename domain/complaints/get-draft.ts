import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cases, organisations } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError } from "../errors";
import { londonDateOf } from "../deadlines/london-date";
import { draftProgress, draftSection, type DraftAnswers, type SectionFormValues, type SectionProgress } from "./sections";

export type DraftRow = typeof cases.$inferSelect;

export interface DraftComplaint {
  id: string;
  createdAt: string;
  updatedAt: string;
  answers: DraftAnswers;
  sections: SectionProgress[];
  /** True when every section is complete, so the complaint can be checked and submitted. */
  readyToSubmit: boolean;
}

const draftNotFound = () => new DomainError("not_found", "The draft complaint could not be found.");

/**
 * Fetch-or-throw for a draft, scoped to the person who started it: anyone else's draft (even a
 * colleague's at the same firm) and any complaint already submitted is `not_found`.
 */
export function getDraftRowForFiler(ctx: Pick<Ctx, "db" | "actor">, draftId: string, db: DbOrTx = ctx.db): DraftRow {
  requirePermission(ctx.actor, "complaint.file");
  const row = db.select().from(cases).where(eq(cases.id, draftId)).get();
  if (!row || row.status !== "draft" || row.createdBy !== ctx.actor.id) throw draftNotFound();
  return row;
}

export function getDraftForFiler(ctx: Ctx, draftId: string): DraftComplaint {
  const row = getDraftRowForFiler(ctx, draftId);
  const answers = (row.complaint ?? {}) as DraftAnswers;
  const sections = draftProgress(answers, londonDateOf(ctx.now));
  return { id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt, answers, sections, readyToSubmit: sections.every((s) => s.status === "completed") };
}

/** What the complainant page shows before its first save: the signed-in representative and their firm. */
export function complainantDefaults(ctx: Pick<Ctx, "db" | "actor">): SectionFormValues {
  requirePermission(ctx.actor, "complaint.file");
  const actor = ctx.actor;
  const firm = actor.organisationIds.length
    ? ctx.db.select({ name: organisations.name }).from(organisations).where(inArray(organisations.id, actor.organisationIds)).orderBy(organisations.name).limit(1).get()
    : undefined;
  return { representativeName: actor.name, representativeFirm: firm?.name ?? "", contactEmail: actor.email };
}

export interface DraftListItem {
  id: string;
  /** "Complainant v Respondent" as far as the draft names them. */
  label: string;
  completedSections: number;
  totalSections: number;
  createdAt: string;
  updatedAt: string;
}

const MAX_LISTED_DRAFTS = 50;

/** The signed-in party's own drafts, most recently saved first. */
export function listDraftComplaints(ctx: Ctx): DraftListItem[] {
  requirePermission(ctx.actor, "complaint.file");
  const today = londonDateOf(ctx.now);
  const rows = ctx.db
    .select({ id: cases.id, complaint: cases.complaint, createdAt: cases.createdAt, updatedAt: cases.updatedAt })
    .from(cases)
    .where(and(eq(cases.status, "draft"), eq(cases.createdBy, ctx.actor.id)))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(MAX_LISTED_DRAFTS)
    .all();
  return rows.map((row) => {
    const answers = (row.complaint ?? {}) as DraftAnswers;
    const progress = draftProgress(answers, today);
    return {
      id: row.id,
      label: draftLabel(answers),
      completedSections: progress.filter((s) => s.status === "completed").length,
      totalSections: progress.length,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}

export function draftLabel(answers: DraftAnswers): string {
  const complainant = draftSection(answers, "complainant")?.complainantName;
  const respondent = draftSection(answers, "respondent")?.respondentName;
  const name = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  if (!name(complainant) && !name(respondent)) return "Complaint not yet named";
  return `${name(complainant) ?? "Complainant not given"} v ${name(respondent) ?? "respondent not given"}`;
}

/** For the confirmation page: a complaint the signed-in party filed and has submitted. */
export function getSubmittedComplaintForFiler(ctx: Ctx, caseId: string): { id: string; reference: string; title: string } {
  requirePermission(ctx.actor, "complaint.file");
  const { case: row } = getCaseForActor(ctx, caseId);
  if (row.status === "draft" || row.createdBy !== ctx.actor.id || row.reference === null) throw new DomainError("not_found", "The complaint could not be found.");
  return { id: row.id, reference: row.reference, title: row.title };
}
