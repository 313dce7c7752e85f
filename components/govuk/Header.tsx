export function Header() {
  return (
    <header className="govuk-generic-header">
      <div className="govuk-generic-header__container govuk-width-container">
        <div className="govuk-generic-header__logo">
          <a href="/" className="govuk-generic-header__homepage-link">
            Intellectual Property Regulator
          </a>
        </div>
      </div>
    </header>
  );
}
