import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { csvCell, csvLine, exportFigureCsv } from "./export-csv";
import { parseCsv } from "./csv-testing";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let me: Actor;
let party: Actor;

const TITLES = ['=HYPERLINK("http://example.test","Click")', "+SUM(A1:A9)", "-2+3", "@cmd", "Plain, with a comma", 'Said "hello"', "Line one\nLine two", "Ordinary title"];

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  me = makeUser(db, "caseworker");
  party = makeUser(db, "party");
  TITLES.forEach((title, i) => {
    const at = new Date(FIXED_NOW.getTime() - (i + 1) * 3_600_000).toISOString();
    db.insert(cases)
      .values({ id: newId(), reference: `IPC-2026-00000${i}`, status: "submitted", title, complaint: {}, ipRights: [], technologyTags: [], createdBy: me.id, assignedTo: null, submittedAt: at, createdAt: at, updatedAt: at })
      .run();
  });
});
afterAll(() => testDb.close());

const text = (chunks: Iterable<string>) => [...chunks].join("");

/** A small RFC 4180 reader, to check the file round-trips. */

describe("csvCell", () => {
  it("quotes fields with commas, quotes or line breaks, doubling the quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("one\ntwo")).toBe('"one\ntwo"');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("stops a spreadsheet reading text as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes the service's own numbers as numbers", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0)).toBe("0");
    expect(csvLine(["a", 2, null])).toBe("a,2,\r\n");
  });
});

describe("exportFigureCsv", () => {
  it("writes a header and every row, quoted and protected, under a byte-order mark", () => {
    const { filename, chunks } = exportFigureCsv(testCtx(db, me), { figure: "open-cases" });
    expect(filename).toBe("open-cases-2026-11-22.csv");
    const file = text(chunks);
    expect(file.startsWith("\uFEFFCase,Title,Status,Caseworker,Received\r\n")).toBe(true);
    const rows = parseCsv(file.slice(1));
    expect(rows).toHaveLength(TITLES.length + 1);
    const titles = rows.slice(1).map((r) => r[1]);
    expect(titles).toEqual(expect.arrayContaining(["'" + TITLES[0], "'+SUM(A1:A9)", "'-2+3", "'@cmd", "Plain, with a comma", 'Said "hello"', "Line one\nLine two", "Ordinary title"]));
    expect(rows[1]).toEqual(["IPC-2026-000007", "Ordinary title", "Submitted", "", "2026-11-22"]);
  });

  it("stops at the row limit and says so in the file", () => {
    const file = text(exportFigureCsv(testCtx(db, me), { figure: "open-cases" }, { rowLimit: 3 }).chunks);
    const rows = parseCsv(file.slice(1));
    expect(rows).toHaveLength(1 + 3 + 1);
    expect(rows[4]).toEqual(["The list has more than 3 rows; only the first 3 are included."]);
    const exact = parseCsv(text(exportFigureCsv(testCtx(db, me), { figure: "open-cases" }, { rowLimit: TITLES.length }).chunks).slice(1));
    expect(exact).toHaveLength(1 + TITLES.length);
  });

  it("reads a page at a time, lazily, to the end or to the row limit", () => {
    const { chunks } = exportFigureCsv(testCtx(db, me), { figure: "received" }, { pageSize: 3 });
    const pieces = [...chunks];
    expect(pieces).toHaveLength(1 + 3); // the header, then pages of 3, 3 and 2 rows
    const rows = parseCsv(pieces.join("").slice(1));
    expect(rows).toHaveLength(TITLES.length + 1);
    expect(new Set(rows.map((r) => r[0])).size).toBe(TITLES.length + 1);
    const cut = parseCsv(text(exportFigureCsv(testCtx(db, me), { figure: "received" }, { pageSize: 3, rowLimit: 5 }).chunks).slice(1));
    expect(cut).toHaveLength(1 + 5 + 1);
    expect(cut[6]![0]).toMatch(/^The list has more than 5 rows/);
  });

  it("is for staff only, checked before any of the file is made", () => {
    for (const actor of [party, null]) {
      try {
        exportFigureCsv(testCtx(db, actor), { figure: "open-cases" });
        throw new Error("expected a refusal");
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(actor ? "not_found" : "unauthenticated");
      }
    }
  });
});
