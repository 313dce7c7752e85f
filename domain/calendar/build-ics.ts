import { addDays } from "../deadlines/calendar-date";

/**
 * iCalendar (RFC 5545) output for deadline feeds: all-day events, each with a display alarm, in a
 * calendar Outlook and Google Calendar subscribe to by URL.
 */

export interface IcsAllDayEvent {
  /** Stable across feeds and requests, so a calendar updates an event rather than adding another. */
  uid: string;
  /** YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
  url: string;
  /** ISO instant the underlying record last changed. */
  lastModified: string;
  /** Text of an alarm one day before, or null for no alarm (e.g. a deadline already met). */
  alarm: string | null;
}

export interface IcsCalendar {
  name: string;
  description: string;
  events: readonly IcsAllDayEvent[];
  /** When this copy of the calendar was produced (DTSTAMP). */
  now: Date;
}

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1): each continuation
 * starts with a space. Counted in UTF-8 bytes and never splitting a character, since a line cut
 * inside a multi-byte sequence is not valid UTF-8.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** "2027-02-01" → "20270201" (a DATE value). */
const dateValue = (date: string) => date.replace(/-/g, "");

/** An instant as a UTC DATE-TIME value, e.g. "20261122T100000Z". */
export function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** URIs are not TEXT: they are never escaped, but a line break must not reach the output. */
const uriValue = (uri: string) => uri.replace(/[\r\n]/g, "");

export function buildIcs(calendar: IcsCalendar): string {
  const stamp = utcDateTime(calendar.now);
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Intellectual Property Regulator//IP Casework//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-CALDESC:${escapeText(calendar.description)}`,
    // How often subscribers should check for changes (RFC 7986, and the older Outlook/Apple name).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const event of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${utcDateTime(new Date(event.lastModified))}`,
      `DTSTART;VALUE=DATE:${dateValue(event.date)}`,
      // DTEND is exclusive: an all-day event on one date ends at the start of the next.
      `DTEND;VALUE=DATE:${dateValue(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `URL:${uriValue(event.url)}`,
      // A deadline is a date to meet, not time spent: it should not show the day as busy.
      "TRANSP:TRANSPARENT",
    );
    if (event.alarm !== null) {
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", `DESCRIPTION:${escapeText(event.alarm)}`, "END:VALARM");
    }
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
