"use client";

import { MaybeLink } from "@/components/govuk/MaybeLink";
import { SortableHeader, type SortHeader } from "@/components/govuk/SortableHeader";
import { Tag } from "@/components/govuk/Tag";
import type { EvidenceTableRow } from "./evidence-rows";

/**
 * The evidence table itself. A client component on purpose: its rows cross to the browser as
 * compact data rather than as server-rendered markup, which the page would otherwise send twice
 * (in the HTML and again in the React payload). See docs/adr/0013.
 */
export function EvidenceTable({ caption, headers, rows }: { caption: string; headers: SortHeader[] | string[]; rows: EvidenceTableRow[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {headers.map((header) =>
            typeof header === "string" ? (
              <th scope="col" className="govuk-table__header" key={header}>
                {header}
              </th>
            ) : (
              <SortableHeader key={header.label} header={header} />
            ),
          )}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.id}>
            <td className="govuk-table__cell">
              <MaybeLink href={row.href}>{row.exhibit}</MaybeLink>
            </td>
            <td className="govuk-table__cell">
              {row.title}
              {row.challengeHref ? (
                <>
                  <br />
                  <a className="govuk-link" href={row.challengeHref}>
                    Challenge confidentiality<span className="govuk-visually-hidden"> of {row.exhibit}</span>
                  </a>
                </>
              ) : row.challengeOpen ? (
                <>
                  <br />
                  <Tag colour="yellow">Confidentiality challenged</Tag>
                </>
              ) : null}
            </td>
            <td className="govuk-table__cell">{row.party}</td>
            <td className="govuk-table__cell">
              <Tag colour={row.confidentiality.colour}>{row.confidentiality.text}</Tag>
            </td>
            <td className="govuk-table__cell">
              <Tag colour={row.status.colour}>{row.status.text}</Tag>
              {row.supersededBy ? (
                <>
                  <br />
                  by{" "}
                  <MaybeLink href={row.supersededBy.href}>{row.supersededBy.exhibit}</MaybeLink>
                </>
              ) : null}
            </td>
            <td className="govuk-table__cell">
              <time dateTime={row.receivedAt}>{row.received}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
