import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { pagedCsv, type CsvExport } from "../dashboard/export-csv";
import { londonDateOf } from "../deadlines/london-date";
import { ListTriageQueueInput, listTriageQueue, type TriageQueueItem, type TriageQueueQuery } from "./list-triage-queue";
import { CASE_STATUS_LABELS, IP_RIGHT_LABELS } from "./status-labels";

/** The triage queue as the reader filtered, searched and sorted it, every page of it, as CSV. */
export function exportTriageCsv(ctx: Ctx, input: Omit<TriageQueueQuery, "after" | "before" | "limit">): CsvExport {
  requirePermission(ctx.actor, "case.view_all");
  const query = parseInput(ListTriageQueueInput, { ...input, after: undefined, before: undefined, limit: 100 });
  const page = (after?: string) => {
    const { items, nextCursor } = listTriageQueue(ctx, { ...query, after });
    return { rows: items, nextCursor };
  };
  const first = page();
  return {
    filename: `triage-${query.tab}-${londonDateOf(ctx.now)}.csv`,
    chunks: pagedCsv<TriageQueueItem>({
      headers: ["Case", "Title", "Status", "Received", "Complainant", "Respondent", "IP rights", "Caseworker", "Case-to-answer clock", "Due"],
      first,
      cells: (item) => [
        item.reference,
        item.title,
        CASE_STATUS_LABELS[item.status],
        item.receivedAt,
        item.complainant,
        item.respondent,
        item.ipRights.map((right) => IP_RIGHT_LABELS[right]).join("; "),
        item.assignee?.name ?? null,
        item.clock.state,
        item.clock.dueOn,
      ],
      next: page,
    }),
  };
}
