import { MONTH_NAMES, parseCalendarDate } from "@/domain/deadlines/calendar-date";

/** "30 March 2026": a UK calendar date in words, built from tables so it never depends on the time zone. */
export function formatDay(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "30 Mar": for chart axes, where space is short; the table alongside gives the full date. */
export function formatShortDay(date: string): string {
  const { month, day } = parseCalendarDate(date);
  return `${day} ${MONTH_NAMES[month - 1]!.slice(0, 3)}`;
}

export const formatNumber = (n: number) => n.toLocaleString("en-GB");

/** "1 day", "4.5 days". */
export const formatDays = (n: number) => `${formatNumber(n)} ${n === 1 ? "day" : "days"}`;
