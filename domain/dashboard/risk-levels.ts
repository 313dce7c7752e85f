// Plain constants, kept apart from the queries so the dashboard's browser code can show them.

export const RISK_LEVELS = ["red", "amber"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The same thresholds as the clock panel and the deadline lists. */
export { AMBER_MAX_REMAINING, RED_MAX_REMAINING } from "../deadlines/rag-thresholds";
/**
 * Only running deadlines due within this many calendar days are counted out. Ten counted working
 * days (the amber threshold) never span more than 19 calendar days, even over Christmas and New Year
 * with a roll to the next working day, so nothing amber or red is missed, and the engine runs on a
 * bounded set.
 */
export const RISK_WINDOW_DAYS = 21;
/** At most this many near deadlines are counted out per request; the dashboard says if it stopped short. */
export const RISK_SCAN_CAP = 2000;
