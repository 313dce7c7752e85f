import { eq } from "drizzle-orm";
import { cases, type Confidentiality, type FilingSide } from "@/db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { requireFilingSide } from "./filing-side";
import { requireReplaceable, type Replacement } from "./replaceable";

export interface FilingContext {
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  /** Null when the actor may not file just now (see `blocked`). */
  side: FilingSide | null;
  /** Why the actor cannot file now (the case is closed, the item was replaced already), if they cannot. */
  blocked: string | null;
  replacing: (Replacement & { exhibitNumber: string; title: string; confidentiality: Confidentiality }) | null;
  maxUploadBytes: number;
}

/**
 * What the upload page needs: the case, the side the actor files for, and the item a correction or
 * non-confidential version replaces. `not_found` for anyone who may not file on the case, or for an
 * item that is not theirs to replace; a reason in `blocked` when they may not file just now.
 */
export function getFilingContext(ctx: Ctx, caseId: string, query: { supersedes?: string; nonConfidentialFor?: string } = {}): FilingContext {
  const caseRow = () => ctx.db.select({ reference: cases.reference, title: cases.title }).from(cases).where(eq(cases.id, caseId)).get();
  let side: FilingSide;
  try {
    side = requireFilingSide(ctx, caseId);
  } catch (error) {
    // Only an actor with a side on a visible case is told why; everyone else has already had not_found.
    if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
    const row = caseRow()!;
    return { caseId, caseReference: row.reference, caseTitle: row.title, side: null, blocked: error.message, replacing: null, maxUploadBytes: ctx.config.maxUploadBytes };
  }
  const row = caseRow()!;
  const replacement: Replacement | null = query.supersedes
    ? { kind: "supersedes", evidenceId: query.supersedes }
    : query.nonConfidentialFor
      ? { kind: "nonConfidentialVersionOf", evidenceId: query.nonConfidentialFor }
      : null;
  let replacing: FilingContext["replacing"] = null;
  let blocked: string | null = null;
  if (replacement) {
    try {
      const item = requireReplaceable(ctx.db, caseId, side, replacement);
      replacing = { ...replacement, exhibitNumber: item.exhibitNumber, title: item.title, confidentiality: item.confidentiality };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
      blocked = error.message;
    }
  }
  return { caseId, caseReference: row.reference, caseTitle: row.title, side, blocked, replacing, maxUploadBytes: ctx.config.maxUploadBytes };
}
