import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { FigureListInput, listFigure, type CellValue, type FigureList, type FigureListQuery } from "./figure-lists";

/** An export stops at this many rows and says so in its last line, so one download cannot hold the server. */
export const CSV_ROW_LIMIT = 50_000;
// Read a page at a time so each database read is short and the response streams.
const CSV_PAGE_SIZE = 1000;

// Spreadsheets run a cell that starts with one of these as a formula (CWE-1236), so text that does
// is written with a leading apostrophe. Tab and carriage return can start a formula in some too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): text is protected against formula injection, then quoted if it needs to be. */
export function csvCell(value: CellValue): string {
  if (value === null) return "";
  // Numbers are the service's own counts, never typed by anyone: written as they are.
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CellValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export interface CsvExport {
  filename: string;
  /** The file's text in pieces, produced as they are read: a header line, then a page of rows at a time. */
  chunks: Iterable<string>;
}

/**
 * The list behind a dashboard figure as CSV, with the same filters. Access and input are checked
 * here, before any of the file is produced; the rows are then read lazily a page at a time.
 */
export function exportFigureCsv(ctx: Ctx, input: FigureListQuery, { rowLimit = CSV_ROW_LIMIT, pageSize = CSV_PAGE_SIZE }: { rowLimit?: number; pageSize?: number } = {}): CsvExport {
  requirePermission(ctx.actor, "case.view_all");
  const query = parseInput(FigureListInput, { ...input, after: undefined, limit: pageSize });
  const first = listFigure(ctx, query);
  return { filename: `${query.figure}-${first.today}.csv`, chunks: csvChunks(ctx, query, first, rowLimit) };
}

function csvChunks(ctx: Ctx, query: FigureListQuery, first: FigureList, rowLimit: number): Generator<string> {
  const { columns } = first;
  return pagedCsv({
    headers: columns.map((c) => c.header),
    first,
    cells: (row) => columns.map((c) => row.cells[c.key] ?? null),
    next: (cursor) => listFigure(ctx, { ...query, after: cursor }),
    rowLimit,
  });
}

/**
 * A keyset-paged list as CSV, read one page at a time as the file is written, so each database
 * read is short and a long export never sits whole in memory; it stops at `rowLimit` and says so.
 */
export function* pagedCsv<Row>(source: {
  headers: string[];
  first: { rows: Row[]; nextCursor: string | null };
  cells: (row: Row) => CellValue[];
  next: (cursor: string) => { rows: Row[]; nextCursor: string | null };
  rowLimit?: number;
}): Generator<string> {
  const rowLimit = source.rowLimit ?? CSV_ROW_LIMIT;
  // A byte-order mark tells spreadsheet software the file is UTF-8, so names with accents survive.
  yield `\uFEFF${csvLine(source.headers)}`;
  let page = source.first;
  let written = 0;
  for (;;) {
    const rows = page.rows.slice(0, rowLimit - written);
    yield rows.map((row) => csvLine(source.cells(row))).join("");
    written += rows.length;
    const more = rows.length < page.rows.length || page.nextCursor !== null;
    if (!more) return;
    if (written >= rowLimit || page.nextCursor === null) {
      yield csvLine([`The list has more than ${rowLimit.toLocaleString("en-GB")} rows; only the first ${rowLimit.toLocaleString("en-GB")} are included.`]);
      return;
    }
    page = source.next(page.nextCursor);
  }
}
