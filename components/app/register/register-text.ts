import type { RegisterDeadline } from "@/domain/register/register-facts";
import { formatDate } from "../format";

/** The case-to-answer deadline as the register states it. */
export function deadlineText(deadline: RegisterDeadline | null): string {
  if (!deadline) return "Not set";
  const due = formatDate(deadline.dueOn);
  switch (deadline.status) {
    case "met":
      return deadline.metOn ? `Met on ${formatDate(deadline.metOn)} (due ${due})` : `Met (due ${due})`;
    case "missed":
      return `${due} (missed)`;
    case "stopped":
      return `${due} (clock stopped, so this date will move)`;
    case "cancelled":
      return `${due} (no longer running)`;
    default:
      return due;
  }
}

/** Whether third parties may apply to file an amicus brief, and until when. */
export function amicusWindowText(amicusWindow: { open: boolean; closesOn: string | null }): string {
  if (!amicusWindow.closesOn) return "Not open";
  return amicusWindow.open ? `Open until ${formatDate(amicusWindow.closesOn)}` : `Closed on ${formatDate(amicusWindow.closesOn)}`;
}

export const partiesText = (names: string[]) => (names.length ? names.join(", ") : "Not named");
