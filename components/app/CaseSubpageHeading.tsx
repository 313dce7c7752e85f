/** The top of a page that shows one part of a case in full: a way back to the case, its reference and what the page holds. */
export function CaseSubpageHeading({ backHref, reference, heading }: { backHref: string; reference: string | null; heading: string }) {
  return (
    <>
      <a className="govuk-back-link" href={backHref}>
        Back to the case
      </a>
      <span className="govuk-caption-l">{reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
    </>
  );
}
