// Plain constants, kept apart from the queries so the dashboard's browser code can show them.

export const RISK_LEVELS = ["red", "amber"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Red at this many counted days left or fewer (or overdue); amber up to AMBER_MAX_REMAINING. */
export const RED_MAX_REMAINING = 2;
export const AMBER_MAX_REMAINING = 5;
/**
 * Only running deadlines due within this many calendar days are counted out. Five counted working
 * days never span more than a fortnight, even over Christmas with a roll to the next working day,
 * so nothing amber or red is missed, and the engine runs on a bounded set.
 */
export const RISK_WINDOW_DAYS = 15;
/** At most this many near deadlines are counted out per request; the dashboard says if it stopped short. */
export const RISK_SCAN_CAP = 2000;
