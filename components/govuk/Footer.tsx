export function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/public-register">
                  Public register
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/deadline-calculator">
                  Deadline calculator
                </a>
              </li>
            </ul>
            <span className="govuk-footer__licence-description">
              Bank holiday data from GOV.UK, available under the{" "}
              <a className="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
                Open Government Licence v3.0
              </a>
              .
            </span>
          </div>
        </div>
      </div>
    </footer>
  );
}
