// Plain constants, shared by the clock panel, the deadline lists and the dashboard's cases at risk
// (and readable by browser code), so a deadline is never red in one view and amber in another.
// They match the reminders sent at 10, 5, 2 and 0 counted days: amber from the first, red from the second.

/** Red at this many counted days left or fewer (or overdue). */
export const RED_MAX_REMAINING = 5;
/** Amber above RED_MAX_REMAINING up to this many counted days left. */
export const AMBER_MAX_REMAINING = 10;
