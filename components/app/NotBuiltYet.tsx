/** An honest placeholder: says the page does not work yet and what it will do. */
export function NotBuiltYet({ title, comingIn, willLetYou }: { title: string; comingIn: string; willLetYou: string[] }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This page has not been built yet. Nothing here works.
          </strong>
        </div>
        <p className="govuk-body">It is planned as part of “{comingIn}”. It will let you:</p>
        <ul className="govuk-list govuk-list--bullet">
          {willLetYou.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
