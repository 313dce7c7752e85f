// Instants are stored in UTC and always shown in Europe/London, whatever the server's zone.
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h12" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "Not yet";
  return dateTimeFormat.format(new Date(iso)).replace(" at ", ", ").replace(/\s?(am|pm)$/i, (m) => m.trim().toLowerCase());
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "Not yet";
  return dateFormat.format(new Date(iso));
}
