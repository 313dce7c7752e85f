import { ResendVerificationForm } from "@/components/app/ResendVerificationForm";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { resendVerificationAction } from "../../../(public)/verify-email/actions";

/** An amicus applicant must verify their address before they apply: the regulator writes to them about the decision. */
export function VerifyEmailToApply({ email }: { email: string }) {
  return (
    <NotificationBanner titleId="verify-email-banner-title">
      <p className="govuk-notification-banner__heading">Verify your email address</p>
      <p className="govuk-body">We sent a link to {email}. You need to verify your email address before you can apply to file an amicus brief. Links expire after 24 hours.</p>
      <ResendVerificationForm action={resendVerificationAction} />
    </NotificationBanner>
  );
}
