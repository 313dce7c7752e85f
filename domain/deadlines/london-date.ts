const londonDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The UK calendar date (YYYY-MM-DD) at an instant, whatever the server's time zone. */
export function londonDateOf(instant: Date): string {
  return londonDateFormat.format(instant);
}
