import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { cases } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { londonDateOf } from "../deadlines/london-date";
import { getDraftRowForFiler } from "./get-draft";
import { SECTION_KEYS, SECTION_SLUGS } from "./questions";
import { checkSection, tidySectionAnswers, type DraftAnswers } from "./sections";

export const SaveComplaintSectionInput = z.object({
  draftId: z.string().min(1, "The draft complaint could not be found."),
  section: z.enum(SECTION_SLUGS, { error: "That part of the complaint does not exist." }),
  answers: z.record(z.string(), z.unknown()),
  /**
   * `continue` saves only a complete, valid page ("Save and continue"); `later` keeps whatever was
   * typed so the filer can finish another day ("Save and come back later"), refusing only answers
   * too long to keep.
   */
  intent: z.enum(["continue", "later"]).default("continue"),
});

/**
 * Saves one page of a draft complaint into the draft's `complaint` JSON, leaving the other
 * sections as they were. The read and the write share one IMMEDIATE transaction, so two tabs
 * saving different pages cannot overwrite each other's answers.
 */
export function saveComplaintSection(ctx: Ctx, input: z.input<typeof SaveComplaintSectionInput>): { complete: boolean } {
  requirePermission(ctx.actor, "complaint.file");
  const actor = ctx.actor;
  const { draftId, section, answers, intent } = parseInput(SaveComplaintSectionInput, input);
  const today = londonDateOf(ctx.now);
  const { values, fieldErrors } = tidySectionAnswers(section, answers);
  const check = checkSection(section, values, today);
  if (intent === "continue" && !check.complete) throw new DomainError("invalid", "There is a problem with what you entered.", check.fieldErrors);
  if (Object.keys(fieldErrors).length > 0) throw new DomainError("invalid", "There is a problem with what you entered.", fieldErrors);

  return writeTransaction(ctx.db, (tx) => {
    const draft = getDraftRowForFiler(ctx, draftId, tx);
    const merged: DraftAnswers = { ...(draft.complaint as DraftAnswers), [SECTION_KEYS[section]]: values };
    const changed = tx
      .update(cases)
      .set({ complaint: merged, updatedAt: ctx.now.toISOString() })
      .where(and(eq(cases.id, draftId), eq(cases.status, "draft"), eq(cases.createdBy, actor.id)))
      .run().changes;
    if (changed === 0) throw new DomainError("not_found", "The draft complaint could not be found.");
    // The answers themselves stay out of the audit chain: it is append-only, and a draft may be deleted.
    recordAudit(tx, ctx, { action: "complaint.draft_saved", caseId: draftId, subject: `case:${draftId}`, data: { section, complete: check.complete } });
    return { complete: check.complete };
  });
}
