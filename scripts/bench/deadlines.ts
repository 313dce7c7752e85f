import { computeDeadline, type DeadlineRequest } from "../../domain/deadlines/index";
import { bundledHolidays } from "../../domain/deadlines/holidays";
import { toDayNumber, isWeekendDayNumber } from "../../domain/deadlines/calendar-date";
import { opsPerSecond, type Figure } from "./measure";

// A mix like the case load: the 45-day case-to-answer rule, 10- and 20-working-day party periods,
// some with clock stops, starting on every day of 2026–2027.
function requests(): DeadlineRequest[] {
  const out: DeadlineRequest[] = [];
  for (let i = 0; i < 730; i++) {
    const start = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    out.push({ start, length: 45, unit: "calendar", count: "after", calendar: "england-and-wales", roll: "next-working-day" });
    out.push({ start, length: 20, unit: "working", count: "after", calendar: "england-and-wales" });
    out.push({ start, length: 10, unit: "working", count: "beginning-with", calendar: "scotland", stops: [{ from: start, to: start }] });
  }
  return out;
}

/**
 * Deadline computations per second, against a baseline measured in the same run: the least work any
 * engine must do for the same requests (walk the days, check weekend and holiday set), with no
 * validation, stops or result building.
 */
export function benchDeadlines(): Figure[] {
  const all = requests();
  bundledHolidays();
  const holidays = bundledHolidays().calendars["england-and-wales"].dayNumbers;
  const engine = opsPerSecond(() => {
    for (const request of all) computeDeadline(request);
  }, all.length);
  const baseline = opsPerSecond(() => {
    for (const request of all) {
      let day = toDayNumber(request.start);
      let counted = 0;
      while (counted < request.length) {
        day++;
        if (request.unit === "calendar" || (!isWeekendDayNumber(day) && !holidays.has(day))) counted++;
      }
    }
  }, all.length);
  return [
    {
      name: "Deadline computations per second",
      value: Math.round(engine),
      unit: "deadlines/s",
      baseline: Math.round(baseline),
      baselineName: "bare day-walking loop over the same requests",
      ratio: engine / baseline,
      goal: "report only (no target set)",
      met: null,
    },
  ];
}
