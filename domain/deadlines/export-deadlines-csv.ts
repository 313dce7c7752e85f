import type { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { pagedCsv, type CsvExport } from "../dashboard/export-csv";
import { ListDeadlinesInput, listDeadlines, type DeadlineListRow } from "./list-deadlines";
import { londonDateOf } from "./london-date";

const STATUS_TEXT = { running: "Running", stopped: "Stopped" } as const;

/** The deadlines list as the reader filtered and sorted it, every page of it, as CSV. */
export function exportDeadlinesCsv(ctx: Ctx, input: Omit<z.input<typeof ListDeadlinesInput>, "after" | "limit">): CsvExport {
  requirePermission(ctx.actor, "deadlines.view_staff");
  const query = parseInput(ListDeadlinesInput, { ...input, after: undefined, limit: 200 });
  const first = listDeadlines(ctx, query);
  return {
    filename: `deadlines-${query.tab}-${londonDateOf(ctx.now)}.csv`,
    chunks: pagedCsv<DeadlineListRow>({
      headers: ["Case", "Title", "Deadline", "Status", "Due", "Day", "Of", "Counted days left", "Overdue", "Stopped since", "Caseworker"],
      first,
      cells: (row) => [
        row.caseReference,
        row.caseTitle,
        row.label,
        STATUS_TEXT[row.status],
        row.dueOn,
        row.day,
        row.totalDays,
        row.remaining,
        row.expired ? "Yes" : "No",
        row.stoppedSince,
        row.caseworkerName,
      ],
      next: (cursor) => listDeadlines(ctx, { ...query, after: cursor }),
    }),
  };
}
