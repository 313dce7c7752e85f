import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildIcs, escapeText, foldLine, type IcsAllDayEvent } from "./build-ics";

const NOW = new Date("2026-11-22T10:00:00.000Z");

const event = (overrides: Partial<IcsAllDayEvent> = {}): IcsAllDayEvent => ({
  uid: "deadline-0b0f3a52-1c1e-4c3e-9d7a-000000000001@ipcasework",
  date: "2027-02-01",
  summary: "IPC-2026-000001: Case-to-answer determination",
  description: "Due by 11:59pm UK time on Monday 1 February 2027.",
  url: "http://localhost:3000/cases/0b0f3a52",
  lastModified: "2026-12-18T10:00:00.000Z",
  alarm: "IPC-2026-000001: Case-to-answer determination is due tomorrow",
  ...overrides,
});

function parse(ics: string) {
  return new ICAL.Component(ICAL.parse(ics));
}

describe("buildIcs", () => {
  it("produces a calendar Outlook and Google accept: the required properties, one all-day event per deadline, and an alarm the day before", () => {
    const ics = buildIcs({ name: "My deadlines – IP Casework", description: "Deadlines", events: [event(), event({ uid: "deadline-2@ipcasework", date: "2027-12-31", alarm: null })], now: NOW });
    const calendar = parse(ics);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Intellectual Property Regulator//IP Casework//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("My deadlines – IP Casework");

    const [first, second] = calendar.getAllSubcomponents("vevent");
    const firstEvent = new ICAL.Event(first);
    expect(firstEvent.uid).toBe("deadline-0b0f3a52-1c1e-4c3e-9d7a-000000000001@ipcasework");
    expect(firstEvent.startDate.isDate).toBe(true);
    expect(firstEvent.startDate.toString()).toBe("2027-02-01");
    expect(firstEvent.endDate.toString()).toBe("2027-02-02");
    expect(firstEvent.summary).toBe("IPC-2026-000001: Case-to-answer determination");
    expect(first!.getFirstPropertyValue("url")).toBe("http://localhost:3000/cases/0b0f3a52");
    expect(String(first!.getFirstPropertyValue("dtstamp"))).toBe("2026-11-22T10:00:00Z");
    const [alarm, ...moreAlarms] = first!.getAllSubcomponents("valarm");
    expect(moreAlarms).toEqual([]);
    expect(alarm!.getFirstPropertyValue("action")).toBe("DISPLAY");
    expect(String(alarm!.getFirstPropertyValue("trigger"))).toBe("-P1D");
    expect(alarm!.getFirstPropertyValue("description")).toBe("IPC-2026-000001: Case-to-answer determination is due tomorrow");

    // The last day of a year ends on the first of the next.
    expect(new ICAL.Event(second).endDate.toString()).toBe("2028-01-01");
    expect(second!.getAllSubcomponents("valarm")).toEqual([]);
  });

  it("uses CRLF line endings only, and folds every line to 75 octets without splitting a character", () => {
    const summary = `IPC-2026-000001: ${"Représentations de l’intimé — ".repeat(6)}🙂 end`;
    const description = `Line one; with, punctuation\\and a backslash\nLine two ${"é".repeat(120)}`;
    const ics = buildIcs({ name: "Case calendar", description: "x", events: [event({ summary, description })], now: NOW });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n").slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    const parsed = new ICAL.Event(parse(ics).getFirstSubcomponent("vevent") ?? undefined);
    expect(parsed.summary).toBe(summary);
    expect(parsed.description).toBe(description);
  });

  it("escapes the TEXT specials", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
    const ics = buildIcs({ name: "Smith, Jones; and \\ Co", description: "d", events: [], now: NOW });
    expect(ics).toContain("X-WR-CALNAME:Smith\\, Jones\\; and \\\\ Co\r\n");
    const withSpecials = buildIcs({ name: "n", description: "d", events: [event({ summary: "Smith, Jones; and \\ Co" })], now: NOW });
    expect(withSpecials).toContain("SUMMARY:Smith\\, Jones\\; and \\\\ Co\r\n");
    expect(new ICAL.Event(parse(withSpecials).getFirstSubcomponent("vevent") ?? undefined).summary).toBe("Smith, Jones; and \\ Co");
  });

  it("folds at exactly 75 octets", () => {
    const line = `SUMMARY:${"x".repeat(200)}`;
    const folded = foldLine(line).split("\r\n");
    // 208 characters: 75 on the first line, then a space and 74, then a space and the last 59.
    expect(folded.map((l) => l.length)).toEqual([75, 75, 60]);
    expect(folded.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(line);
    // A two-byte character that would straddle the 75th octet moves whole to the next line.
    const straddling = foldLine(`${"x".repeat(74)}é`).split("\r\n");
    expect(straddling).toEqual(["x".repeat(74), " é"]);
  });
});
