import type { Metadata } from "next";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { EMAIL_MODES } from "@/db/schema";
import { EMAIL_MODE_LABELS, getEmailPreferences } from "@/domain/notifications/preferences";
import { loadPage } from "@/server/page";
import { saveEmailSettingsAction } from "../actions";
import { EmailSettingsForm } from "./EmailSettingsForm";

export const metadata: Metadata = { title: "Email settings" };

export default async function EmailSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const preferences = await loadPage("/notifications/settings", (ctx) => getEmailPreferences(ctx));
  const { saved } = await searchParams;
  return (
    <>
      {saved === "1" ? (
        <NotificationBanner success titleId="email-settings-saved-title">
          <p className="govuk-notification-banner__heading">Your email settings have been saved.</p>
        </NotificationBanner>
      ) : null}
      <a href="/notifications" className="govuk-back-link">
        Back to notifications
      </a>
      <h1 className="govuk-heading-l">Email settings</h1>
      <p className="govuk-body">
        Everything we tell you appears in your notifications in the service. Choose which of them we also email you. A daily summary is sent at 7am UK time and
        lists what arrived since the last one.
      </p>
      {preferences.length === 0 ? (
        <p className="govuk-body">There are no notifications to choose for your account.</p>
      ) : (
        <EmailSettingsForm preferences={preferences} modeOptions={EMAIL_MODES.map((mode) => [mode, EMAIL_MODE_LABELS[mode]])} action={saveEmailSettingsAction} />
      )}
    </>
  );
}
