import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WorkloadTable } from "./WorkloadTable";

const render = (workload: Parameters<typeof WorkloadTable>[0]["workload"]) => renderToStaticMarkup(createElement(WorkloadTable, { workload }));

describe("WorkloadTable", () => {
  it("lists every caseworker with their team and open cases, linking to their cases", () => {
    const workload = Array.from({ length: 12 }, (_, i) => ({ userId: `cw ${i + 1}`, name: `Caseworker ${i + 1}`, team: i === 0 ? null : "Patents", openCases: 1200 - i }));
    const html = render(workload);
    expect(html.match(/<tr class="govuk-table__row">/g)).toHaveLength(13);
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Open cases assigned to each caseworker</caption>');
    expect(html).toContain('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Open cases</th>');
    expect(html).toContain(
      '<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/triage?tab=all&amp;caseworker=cw%201">Caseworker 1</a></th><td class="govuk-table__cell">No team</td><td class="govuk-table__cell govuk-table__cell--numeric">1,200</td>',
    );
    expect(html).toContain('href="/triage?tab=all&amp;caseworker=cw%2012">Caseworker 12</a></th><td class="govuk-table__cell">Patents</td><td class="govuk-table__cell govuk-table__cell--numeric">1,189</td>');
  });

  it("says so when no caseworker matches the filters", () => {
    const html = render([]);
    expect(html).toBe('<p class="govuk-body">No caseworkers match the filters.</p>');
  });
});
