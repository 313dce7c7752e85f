import type { DashboardPayload } from "@/domain/dashboard/get-dashboard";
import { CASE_STATUS_LABELS } from "@/domain/cases/status-labels";
import { addDays, formatLongDate } from "@/domain/deadlines/calendar-date";
import { AMBER_MAX_REMAINING, RED_MAX_REMAINING, RISK_SCAN_CAP, RISK_WINDOW_DAYS } from "@/domain/dashboard/risk-levels";
import { BarList, ChartTable } from "./BarList";
import { Tile } from "./Tile";
import { WeeklyChart } from "./WeeklyChart";
import { caseworkerCasesHref, figureExportHref, figureListHref, figureTarget, workloadHref, type DashboardParams } from "./dashboard-params";
import { formatDay, formatDays, formatNumber } from "./format";
import styles from "./dashboard.module.css";

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/**
 * The workload chart stays glanceable (and the page light) however many caseworkers there are: it
 * shows only the busiest, and links to a page with everyone.
 */
export const WORKLOAD_BARS_SHOWN = 10;

/** The tiles and charts for one answer from the dashboard query; rendered on the server first, then by the live view. */
export function DashboardView({ data, params }: { data: DashboardPayload; params: DashboardParams }) {
  const period = data.filters.period;
  const since = formatLongDate(data.periodStart);
  const decisions = data.caseToAnswer.met + data.caseToAnswer.missed;
  const triage = data.triageTime;
  const weeks = data.receivedPerWeek;
  // The domain already orders the workload busiest first (ties by name), so the first rows are the busiest.
  const workloadBars = data.workload.slice(0, WORKLOAD_BARS_SHOWN);
  const workloadCut = data.workload.length > workloadBars.length;
  return (
    <>
      <h2 className="govuk-heading-m">Deadlines</h2>
      <div className={styles.tiles}>
        <Tile
          id="due-7"
          heading="Due in the next 7 days"
          href={figureTarget("due-7", params)}
          csvHref={figureExportHref("due-7", params)}
          value={formatNumber(data.deadlines["due-7"])}
          description={`Running deadlines due by ${formatLongDate(addDays(data.today, 7))}.`}
        />
        <Tile
          id="due-14"
          heading="Due in the next 14 days"
          href={figureTarget("due-14", params)}
          csvHref={figureExportHref("due-14", params)}
          value={formatNumber(data.deadlines["due-14"])}
          description={`Running deadlines due by ${formatLongDate(addDays(data.today, 14))}.`}
        />
        <Tile id="overdue" heading="Overdue" href={figureTarget("overdue", params)} csvHref={figureExportHref("overdue", params)} value={formatNumber(data.deadlines.overdue)} description="Running deadlines past 23:59 UK time on their due date." tone="red" />
        <Tile id="stopped" heading="Clocks stopped" href={figureTarget("stopped", params)} csvHref={figureExportHref("stopped", params)} value={formatNumber(data.deadlines.stopped)} description="Deadlines whose clock is stopped, for example while information is awaited." />
        <Tile
          id="at-risk-red"
          heading="At risk: red"
          href={figureTarget("at-risk", params, { level: "red" })}
          csvHref={figureExportHref("at-risk", params, { level: "red" })}
          value={formatNumber(data.atRisk.red)}
          description={`Cases with a deadline overdue or with ${RED_MAX_REMAINING} or fewer counted days left.`}
          tone="red"
        />
        <Tile
          id="at-risk-amber"
          heading="At risk: amber"
          href={figureTarget("at-risk", params, { level: "amber" })}
          csvHref={figureExportHref("at-risk", params, { level: "amber" })}
          value={formatNumber(data.atRisk.amber)}
          description={`Other cases with a deadline ${RED_MAX_REMAINING + 1} to ${AMBER_MAX_REMAINING} counted days from its end.`}
          tone="amber"
        />
      </div>
      {data.atRisk.truncated ? (
        <div className="govuk-inset-text">
          More than {formatNumber(RISK_SCAN_CAP)} deadlines fall due in the next {RISK_WINDOW_DAYS} days, so only the {formatNumber(RISK_SCAN_CAP)} due soonest were counted for the cases at risk.
        </div>
      ) : null}

      <h2 className="govuk-heading-m">Cases and decisions</h2>
      <div className={styles.tiles}>
        <Tile id="open-cases" heading="Open cases" href={figureTarget("open-cases", params)} csvHref={figureExportHref("open-cases", params)} value={formatNumber(data.openTotal)} description="Complaints submitted and not yet closed or withdrawn." />
        <Tile
          id="case-to-answer"
          heading="Case-to-answer decisions on time"
          href={figureTarget("case-to-answer", params)}
          csvHref={figureExportHref("case-to-answer", params)}
          value={data.caseToAnswer.percentMet === null ? "None" : `${data.caseToAnswer.percentMet}%`}
          description={
            decisions === 0
              ? `No case-to-answer decisions were made in the last ${period} days (since ${since}).`
              : `${formatNumber(data.caseToAnswer.met)} of ${plural(decisions, "decision", "decisions")} in the last ${period} days (since ${since}) made within the statutory period.`
          }
        />
        <Tile
          id="triage-time"
          heading="Median time to triage outcome"
          href={figureTarget("triage-time", params)}
          csvHref={figureExportHref("triage-time", params)}
          value={triage.medianDays === null ? "None" : formatDays(triage.medianDays)}
          description={
            `Calendar days from submission to the first triage outcome (accepted, rejected or information requested), for complaints submitted in the last ${period} days: ` +
            `${plural(triage.withOutcome, "has had one", "have had one")}, ${formatNumber(triage.awaiting)} still waiting.`
          }
        />
      </div>

      <section aria-labelledby="open-by-status-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="open-by-status-heading">
          Open cases by status
        </h2>
        <BarList
          unit="open cases"
          bars={data.openByStatus.map((s) => ({ key: s.status, label: CASE_STATUS_LABELS[s.status], href: figureTarget("open-cases", params, { status: s.status }), value: s.count }))}
        />
        <ChartTable caption="Open cases by status" headers={["Status", "Open cases"]} rows={data.openByStatus.map((s) => ({ key: s.status, cells: [CASE_STATUS_LABELS[s.status], formatNumber(s.count)] }))} />
      </section>

      <section aria-labelledby="received-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="received-heading">
          Complaints received per week
        </h2>
        <p className="govuk-body">
          {plural(data.receivedTotal, "complaint", "complaints")} received in the last 26 weeks (weeks begin on Monday, UK time).{" "}
          <a className="govuk-link" href={figureListHref("received", params)}>
            List the complaints received in the last 26 weeks
          </a>
        </p>
        <WeeklyChart weeks={weeks} idPrefix="received-chart" />
        <ChartTable
          caption="Complaints received per week"
          headers={["Week beginning", "Complaints received"]}
          rows={weeks.map((w) => ({
            key: w.weekStart,
            cells: [
              <a className="govuk-link" href={figureListHref("received", params, { week: w.weekStart })} key="week">
                {formatDay(w.weekStart)}
              </a>,
              formatNumber(w.count),
            ],
          }))}
        />
      </section>

      <section aria-labelledby="workload-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="workload-heading">
          Workload by caseworker
        </h2>
        <p className="govuk-body">
          Open cases assigned to each caseworker.{" "}
          <a className="govuk-link" href={figureListHref("workload", params)}>
            List all open assigned cases
          </a>
        </p>
        {data.workload.length === 0 ? (
          <p className="govuk-body">No caseworkers match the filters.</p>
        ) : (
          <>
            {workloadCut ? (
              <p className="govuk-body">
                {`The ${formatNumber(workloadBars.length)} caseworkers with the most open cases, of ${formatNumber(data.workload.length)}.`}
              </p>
            ) : null}
            <BarList unit="open cases" bars={workloadBars.map((w) => ({ key: w.userId, label: w.name, href: caseworkerCasesHref(w.userId), value: w.openCases }))} />
            {workloadCut ? (
              <p className="govuk-body">
                <a className="govuk-link" href={workloadHref(params)}>
                  {`See the workload of all ${formatNumber(data.workload.length)} caseworkers`}
                </a>
              </p>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
