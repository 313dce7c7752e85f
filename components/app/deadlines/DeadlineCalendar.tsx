import type { CalendarEntry, DeadlineCalendar as CalendarData } from "@/domain/deadlines/list-deadlines";
import { daysInMonth, formatLongDate, isoWeekday, MONTH_NAMES, WEEKDAY_NAMES } from "@/domain/deadlines/calendar-date";
import { Tag } from "@/components/govuk/Tag";

export const monthName = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;

/** The month before or after, or null past the ends of what a calendar date can hold. */
export function shiftMonth(month: string, by: -1 | 1): string | null {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  const year = Math.floor(index / 12);
  if (year < 1 || year > 9999) return null;
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Weeks of the month as rows Monday to Sunday; null pads the days outside the month. */
function weeksOf(month: string): (string | null)[][] {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const cells: (string | null)[] = Array.from({ length: isoWeekday(`${month}-01`) - 1 }, () => null);
  for (let day = 1; day <= days; day += 1) cells.push(`${month}-${String(day).padStart(2, "0")}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

function entryNote(entry: CalendarEntry): string {
  if (entry.status === "stopped") return " (clock stopped)";
  if (entry.expired) return " (overdue)";
  return "";
}

/** A month grid of the deadlines in the current tab; each day lists what falls due that day. */
export function DeadlineCalendar({ calendar, today, monthHref }: { calendar: CalendarData; today: string; monthHref: (month: string) => string }) {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of calendar.entries) byDay.set(entry.dueOn, [...(byDay.get(entry.dueOn) ?? []), entry]);
  const previous = shiftMonth(calendar.month, -1);
  const next = shiftMonth(calendar.month, 1);
  const thisMonth = today.slice(0, 7);
  return (
    <>
      <nav aria-label="Calendar months">
        <ul className="govuk-list" style={{ display: "flex", gap: "30px", flexWrap: "wrap" }}>
          {previous ? (
            <li>
              <a className="govuk-link" href={monthHref(previous)}>
                Previous month<span className="govuk-visually-hidden">: {monthName(previous)}</span>
              </a>
            </li>
          ) : null}
          {calendar.month !== thisMonth ? (
            <li>
              <a className="govuk-link" href={monthHref(thisMonth)}>
                This month<span className="govuk-visually-hidden">: {monthName(thisMonth)}</span>
              </a>
            </li>
          ) : null}
          {next ? (
            <li>
              <a className="govuk-link" href={monthHref(next)}>
                Next month<span className="govuk-visually-hidden">: {monthName(next)}</span>
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      {calendar.truncated ? (
        <p className="govuk-body">This month has more deadlines than the calendar can show. Only the first {calendar.entries.length} are listed: use the filters to narrow it down.</p>
      ) : null}
      <table className="govuk-table" style={{ tableLayout: "fixed" }}>
        <caption className="govuk-table__caption govuk-table__caption--m">Deadlines due in {monthName(calendar.month)}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {WEEKDAY_NAMES.map((name) => (
              <th scope="col" className="govuk-table__header govuk-!-font-size-16" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {weeksOf(calendar.month).map((week, index) => (
            <tr className="govuk-table__row" key={index}>
              {week.map((date, column) => {
                if (date === null) return <td className="govuk-table__cell" key={`pad-${column}`} />;
                const entries = byDay.get(date) ?? [];
                const isToday = date === today;
                return (
                  <td className="govuk-table__cell govuk-!-font-size-16" key={date} style={{ verticalAlign: "top", overflowWrap: "anywhere" }} aria-current={isToday ? "date" : undefined}>
                    <span className="govuk-!-font-weight-bold" aria-hidden="true">
                      {Number(date.slice(8, 10))}
                    </span>
                    <span className="govuk-visually-hidden">{formatLongDate(date)}</span>
                    {isToday ? (
                      <>
                        {" "}
                        <Tag colour="blue">Today</Tag>
                      </>
                    ) : null}
                    {entries.length > 0 ? (
                      <ul className="govuk-list govuk-!-font-size-16 govuk-!-margin-top-1 govuk-!-margin-bottom-0" aria-label={`Due on ${formatLongDate(date)}`}>
                        {entries.map((entry) => (
                          <li key={entry.deadlineId}>
                            <a className="govuk-link" href={`/cases/${entry.caseId}`}>
                              {entry.caseReference ?? "No reference"}
                              <span className="govuk-visually-hidden"> ({entry.label})</span>
                            </a>
                            {entryNote(entry)}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
