import type { CaseClockView } from "@/domain/deadlines/get-case-clocks";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { TableHead } from "@/components/govuk/TableHead";
import { Tag, type TagColour } from "@/components/govuk/Tag";
import { formatDateTime } from "./format";

const RAG_TAG: Record<CaseClockView["rag"], { colour: TagColour; text: string }> = {
  green: { colour: "green", text: "On track" },
  amber: { colour: "yellow", text: "Due soon" },
  red: { colour: "red", text: "At risk" },
};

const EVENT_LABELS: Record<string, string> = {
  start: "Clock started",
  stop: "Clock stopped",
  restart: "Clock restarted",
  extension: "Deadline extended",
  met: "Deadline met",
  missed: "Deadline missed",
  cancelled: "Deadline cancelled",
  recomputed: "Recomputed",
};

const dayWord = (n: number) => (n === 1 ? "day" : "days");

function positionText(clock: CaseClockView): string {
  if (clock.deadline.status === "met") return `Met — the deadline was ${clock.dueLong}`;
  if (clock.deadline.status === "missed") return `Missed — the deadline was ${clock.dueLong}`;
  if (clock.deadline.status === "cancelled") return "Cancelled";
  if (clock.stoppedSince) return `Clock stopped since ${formatLongDate(clock.stoppedSince)}${clock.stoppedReason ? ` (${clock.stoppedReason})` : ""} — ${clock.remaining} ${dayWord(clock.remaining)} remain`;
  if (clock.expired) return `Overdue — the deadline was ${clock.dueLong} (23:59 UK time)`;
  return `Day ${clock.day} of ${clock.totalDays} — due ${clock.dueLong} (23:59 UK time)`;
}

const OUTCOME_TEXT: Record<string, string> = { met: "Met", missed: "Missed", cancelled: "Cancelled" };

const isOpen = (clock: CaseClockView) => clock.deadline.status === "running" || clock.deadline.status === "stopped";

/**
 * The statutory clocks on a case: position, red/amber/green, and the ledger of every change. With
 * `closedClocksHref`, clocks that have closed (met, missed or cancelled) are listed in one short
 * table linking to their full history, so a long-running case's page leads with the clocks still
 * running.
 */
export function ClockPanel({ clocks, renderActions, closedClocksHref }: { clocks: CaseClockView[]; renderActions?: (clock: CaseClockView) => React.ReactNode; closedClocksHref?: string }) {
  if (clocks.length === 0) {
    return <p className="govuk-body">No statutory clock is running on this case yet. The case-to-answer clock starts when the complaint is accepted.</p>;
  }
  if (closedClocksHref === undefined) return <ClockSections clocks={clocks} renderActions={renderActions} />;
  const open = clocks.filter(isOpen);
  const closed = clocks.filter((clock) => !isOpen(clock));
  return (
    <>
      {open.length === 0 ? <p className="govuk-body">No clock is running on this case now.</p> : <ClockSections clocks={open} renderActions={renderActions} />}
      {closed.length > 0 ? (
        <>
          <table className="govuk-table">
            <TableHead caption="Closed clocks" captionSize="s" columns={["Deadline", "Outcome", "Due"]} />
            <tbody className="govuk-table__body">
              {closed.map((clock) => (
                <tr className="govuk-table__row" key={clock.deadline.id}>
                  <td className="govuk-table__cell">{clock.deadline.label}</td>
                  <td className="govuk-table__cell">{OUTCOME_TEXT[clock.deadline.status] ?? clock.deadline.status}</td>
                  <td className="govuk-table__cell">{clock.dueLong}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="govuk-body">
            <a className="govuk-link" href={closedClocksHref}>
              See every clock with its ledger
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}

function ClockSections({ clocks, renderActions }: { clocks: CaseClockView[]; renderActions?: (clock: CaseClockView) => React.ReactNode }) {
  return (
    <>
      {clocks.map((clock) => {
        const rag = RAG_TAG[clock.rag];
        const open = isOpen(clock);
        return (
          <section key={clock.deadline.id} className="govuk-!-margin-bottom-6" aria-labelledby={`clock-${clock.deadline.id}`}>
            <h3 className="govuk-heading-s" id={`clock-${clock.deadline.id}`}>
              {clock.deadline.label}
            </h3>
            <p className="govuk-body-l" data-testid="clock-position">
              {positionText(clock)}
            </p>
            {open ? (
              <p className="govuk-body">
                <Tag colour={rag.colour}>{clock.expired ? "Overdue" : rag.text}</Tag>{" "}
                {clock.expired ? null : (
                  <span>
                    {clock.remaining} counted {dayWord(clock.remaining)} left ({clock.deadline.unit === "working" ? "working days" : "calendar days"})
                  </span>
                )}
              </p>
            ) : null}
            <table className="govuk-table">
              <TableHead caption={`Clock ledger: ${clock.deadline.label}`} captionSize="s" columns={["What happened", "Effective", "Why", "Who and when"]} />
              <tbody className="govuk-table__body">
                {clock.ledger.map((entry, index) => (
                  <tr className="govuk-table__row" key={index}>
                    <td className="govuk-table__cell">
                      {EVENT_LABELS[entry.kind] ?? entry.kind}
                      {entry.days ? ` by ${entry.days} ${dayWord(entry.days)}` : ""}
                    </td>
                    <td className="govuk-table__cell">{formatLongDate(entry.effectiveOn)}</td>
                    <td className="govuk-table__cell">{entry.reason}</td>
                    <td className="govuk-table__cell">
                      {entry.by}, {formatDateTime(entry.at)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {open && renderActions ? renderActions(clock) : null}
          </section>
        );
      })}
    </>
  );
}
