import { ResendVerificationForm } from "@/components/app/ResendVerificationForm";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { getActor } from "@/server/session";
import { resendVerificationAction } from "../(public)/verify-email/actions";

/** Every portal page reminds a party with an unverified address that they cannot submit until they verify it. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  return (
    <>
      {actor?.role === "party" && !actor.emailVerified ? (
        <NotificationBanner titleId="verify-email-banner-title">
          <p className="govuk-notification-banner__heading">Verify your email address</p>
          <p className="govuk-body">
            We sent a link to {actor.email}. You need to verify your email address before you can submit a complaint. Links expire after 24 hours.
          </p>
          <ResendVerificationForm action={resendVerificationAction} />
        </NotificationBanner>
      ) : null}
      {children}
    </>
  );
}
