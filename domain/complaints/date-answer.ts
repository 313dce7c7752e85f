import { daysInMonth } from "../deadlines/calendar-date";

export type DatePart = "day" | "month" | "year";
export const DATE_PARTS: DatePart[] = ["day", "month", "year"];

export interface DateProblem {
  message: string;
  /** The boxes to highlight; the first is where the error summary links. */
  parts: DatePart[];
}

/**
 * What is wrong with a date typed into the three GOV.UK date boxes, in the design system's
 * words, or null when it is a real date (and, given `today`, not in the future). Pure, so the
 * question page can highlight the same boxes the validation complained about.
 */
export function dateProblem(value: Record<DatePart, string>, options: { label: string; missing: string; today: string | null }): DateProblem | null {
  const parts = { day: value.day.trim(), month: value.month.trim(), year: value.year.trim() };
  const empty = DATE_PARTS.filter((p) => parts[p] === "");
  if (empty.length === 3) return { message: options.missing, parts: DATE_PARTS };
  if (empty.length > 0) return { message: `${options.label} must include a ${empty.join(" and ")}`, parts: empty };
  const notNumbers = DATE_PARTS.filter((p) => !/^\d+$/.test(parts[p]));
  if (notNumbers.length > 0) return { message: `${options.label} must be a real date`, parts: notNumbers };
  if (parts.year.length !== 4) return { message: "Year must include 4 numbers", parts: ["year"] };
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (month < 1 || month > 12) return { message: `${options.label} must be a real date`, parts: ["month"] };
  if (year < 1 || day < 1 || day > daysInMonth(year, month)) return { message: `${options.label} must be a real date`, parts: DATE_PARTS };
  if (options.today !== null && toIsoDate(value) > options.today) return { message: `${options.label} must be today or in the past`, parts: DATE_PARTS };
  return null;
}

/** `YYYY-MM-DD` from boxes that `dateProblem` has accepted. */
export function toIsoDate(value: Record<DatePart, string>): string {
  return `${value.year.trim()}-${value.month.trim().padStart(2, "0")}-${value.day.trim().padStart(2, "0")}`;
}
