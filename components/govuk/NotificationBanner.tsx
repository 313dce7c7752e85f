/** `titleId` must differ when a page can show more than one banner. */
export function NotificationBanner({ title = "Important", success, children, titleId = "govuk-notification-banner-title" }: { title?: string; success?: boolean; children: React.ReactNode; titleId?: string }) {
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {success ? "Success" : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
