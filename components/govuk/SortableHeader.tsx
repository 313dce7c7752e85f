export interface SortHeader {
  label: string;
  href: string;
  /** Said after the label to screen readers: what following the link does. */
  hiddenText: string;
  ariaSort: "ascending" | "descending" | "none";
}

/** A header that sorts by linking to the sorted page, so sorting works without JavaScript. */
export function SortableHeader({ header }: { header: SortHeader }) {
  return (
    <th scope="col" className="govuk-table__header" aria-sort={header.ariaSort}>
      <a className="govuk-link" href={header.href}>
        {header.label}
        <span className="govuk-visually-hidden"> ({header.hiddenText})</span>
      </a>
      {header.ariaSort !== "none" ? <span aria-hidden="true">{header.ariaSort === "ascending" ? " ▲" : " ▼"}</span> : null}
    </th>
  );
}
