import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deadlines, holidayDatasets } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { appendClockEvent, recomputeDeadline } from "./case-clock";
import { holidaysInForce } from "./holiday-store";
import { parseHolidayJson } from "./holidays";
import { canonicalJson } from "../audit/canonical-json";

export interface DeadlineMove {
  deadlineId: string;
  caseId: string;
  label: string;
  from: string;
  to: string;
}

export interface HolidayImportResult {
  previousVersion: string;
  version: string;
  label: string;
  recomputed: number;
  moved: DeadlineMove[];
}

/**
 * Puts new bank-holiday data in force and recomputes every open deadline with it, recording each
 * one that moves on its clock ledger and in the audit chain. All or nothing: if any open deadline
 * cannot be computed with the new data (for example it no longer covers a year in use), nothing
 * changes and the error says which deadline.
 */
export function importHolidayData(ctx: Ctx, raw: unknown, options: { asSystem?: boolean } = {}): HolidayImportResult {
  if (!options.asSystem) requirePermission(ctx.actor, "admin.holidays");
  let data;
  try {
    data = parseHolidayJson(raw);
  } catch (error) {
    throw new DomainError("invalid", error instanceof Error ? error.message : String(error));
  }
  return applyHolidayData(ctx.db, { actor: ctx.actor, now: ctx.now }, raw, data);
}

function applyHolidayData(db: Db, ctx: { actor: Actor | null; now: Date }, raw: unknown, data: ReturnType<typeof parseHolidayJson>): HolidayImportResult {
  return writeTransaction(db, (tx) => {
    const previous = holidaysInForce(tx);
    if (previous.version === data.version) {
      return { previousVersion: previous.version, version: data.version, label: data.label, recomputed: 0, moved: [] };
    }
    tx.insert(holidayDatasets)
      .values({ version: data.version, label: data.label, sourceJson: canonicalJson(raw), importedAt: ctx.now.toISOString(), importedBy: ctx.actor?.id ?? null })
      .onConflictDoUpdate({ target: holidayDatasets.version, set: { importedAt: ctx.now.toISOString(), importedBy: ctx.actor?.id ?? null } })
      .run();
    recordAudit(tx, ctx, { action: "holidays.imported", subject: `holidays:${data.version}`, data: { previousVersion: previous.version, version: data.version, label: data.label } });

    const open = tx.select().from(deadlines).where(inArray(deadlines.status, ["running", "stopped"])).all();
    const moved: DeadlineMove[] = [];
    for (const deadline of open) {
      let updated;
      try {
        updated = recomputeDeadline(tx, ctx, deadline, deadline.status, data);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new DomainError("invalid", `The new holiday data cannot be used: the deadline "${deadline.label}" (${deadline.id}) on case ${deadline.caseId} cannot be recomputed. ${why}`);
      }
      if (updated.dueOn !== deadline.dueOn) {
        moved.push({ deadlineId: deadline.id, caseId: deadline.caseId, label: deadline.label, from: deadline.dueOn, to: updated.dueOn });
        appendClockEvent(tx, ctx, updated, {
          kind: "recomputed",
          effectiveOn: updated.dueOn,
          reason: `Bank holiday data updated (${previous.version} → ${data.version}): due date moved from ${deadline.dueOn} to ${updated.dueOn}`,
        });
      }
    }
    return { previousVersion: previous.version, version: data.version, label: data.label, recomputed: open.length, moved };
  });
}
