import type { deadlineRules } from "@/db/schema";

const CALENDAR_NAMES = { "england-and-wales": "England and Wales", scotland: "Scotland", "northern-ireland": "Northern Ireland", "united-kingdom": "the whole UK" } as const;

/** "45 calendar days after the start date (England and Wales), moved to the next working day" */
export function describeRule(rule: Pick<typeof deadlineRules.$inferSelect, "length" | "unit" | "count" | "calendar" | "roll">): string {
  const unit = rule.unit === "working" ? "working days" : "calendar days";
  const count = rule.count === "after" ? "after the start date" : "beginning with the start date";
  const roll = rule.unit === "calendar" && rule.roll === "next-working-day" ? ", moved to the next working day if it falls on a weekend or bank holiday" : "";
  return `${rule.length} ${unit} ${count} (${CALENDAR_NAMES[rule.calendar]} bank holidays)${roll}`;
}
