export function PhaseBanner() {
  return (
    <div className="govuk-phase-banner govuk-width-container">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
        <span className="govuk-phase-banner__text">This is a new service. Demo data only: every organisation and person in it is fictional.</span>
      </p>
    </div>
  );
}
