import type { WeekCount } from "@/domain/dashboard/get-dashboard";
import styles from "./dashboard.module.css";
import { formatDay, formatNumber, formatShortDay } from "./format";

const BAR_WIDTH = 24;
const GAP = 10;
const LEFT = 10;
const TOP = 24;
const PLOT_HEIGHT = 150;
const AXIS_LABELS_AT = 4;

/** Coordinates to a tenth of a unit: finer is invisible at the chart's size and only adds bytes to the page. */
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Complaints received per week as an inline SVG column chart. Each column carries its value in text
 * above it and every fourth week is labelled, so nothing depends on colour; screen readers get a
 * summary, and the table alongside has every week.
 */
export function WeeklyChart({ weeks, idPrefix }: { weeks: WeekCount[]; idPrefix: string }) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const width = LEFT * 2 + weeks.length * (BAR_WIDTH + GAP) - GAP;
  const height = TOP + PLOT_HEIGHT + 30;
  const baseline = TOP + PLOT_HEIGHT;
  const busiest = weeks.reduce<WeekCount | null>((best, w) => (best === null || w.count > best.count ? w : best), null);
  const total = weeks.reduce((sum, w) => sum + w.count, 0);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const summary =
    first && last
      ? `${formatNumber(total)} complaints received in the ${weeks.length} weeks from the week beginning ${formatDay(first.weekStart)} to the week beginning ${formatDay(last.weekStart)}.` +
        (busiest && busiest.count > 0 ? ` The most in one week was ${formatNumber(busiest.count)}, in the week beginning ${formatDay(busiest.weekStart)}.` : "")
      : "No weeks to show.";
  return (
    <svg className={styles.weekChart} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}>
      <title id={`${idPrefix}-title`}>Complaints received per week</title>
      <desc id={`${idPrefix}-desc`}>{summary}</desc>
      <line x1={LEFT - 4} x2={width - LEFT + 4} y1={baseline} y2={baseline} stroke="#0b0c0c" strokeWidth={1} />
      {weeks.map((week, i) => {
        const x = round1(LEFT + i * (BAR_WIDTH + GAP));
        const middle = round1(x + BAR_WIDTH / 2);
        const barHeight = round1((PLOT_HEIGHT * week.count) / max);
        const labelled = (weeks.length - 1 - i) % AXIS_LABELS_AT === 0;
        return (
          <g key={week.weekStart}>
            {week.count > 0 ? <rect x={x} y={round1(baseline - barHeight)} width={BAR_WIDTH} height={barHeight} fill="#1d70b8" stroke="#0b0c0c" strokeWidth={1} /> : null}
            <text x={middle} y={round1(baseline - barHeight - 6)} textAnchor="middle" fontSize={13} fill="#0b0c0c">
              {week.count}
            </text>
            {labelled ? (
              <>
                <line x1={middle} x2={middle} y1={baseline} y2={baseline + 5} stroke="#0b0c0c" strokeWidth={1} />
                <text x={middle} y={baseline + 20} textAnchor="middle" fontSize={13} fill="#0b0c0c">
                  {formatShortDay(week.weekStart)}
                </text>
              </>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
