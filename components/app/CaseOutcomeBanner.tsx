import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { caseOutcomeMessage } from "./case-outcomes";

/** The success banner at the top of a case page after an action redirected back to it. */
export function CaseOutcomeBanner({ done }: { done: string | string[] | undefined }) {
  const message = caseOutcomeMessage(done);
  return message ? (
    <NotificationBanner success titleId="case-outcome-title">
      <p className="govuk-notification-banner__heading">{message}</p>
    </NotificationBanner>
  ) : null;
}
