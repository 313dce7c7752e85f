import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CaseTimeline } from "./CaseTimeline";

describe("CaseTimeline", () => {
  it("shows each event with who did it, its UK time and its detail as text", () => {
    const html = renderToStaticMarkup(
      createElement(CaseTimeline, {
        entries: [
          { seq: 2, at: "2026-07-01T13:05:00.000Z", label: "Internal note added", by: "Priya Raman", detail: "Call the <b>respondent</b>" },
          { seq: 1, at: "2026-01-10T09:00:00.000Z", label: "Case created", by: "The system", detail: null },
        ],
      }),
    );
    expect(html).toContain('<h3 class="moj-timeline__title">Internal note added</h3>');
    expect(html).toContain('<p class="moj-timeline__byline">by Priya Raman</p>');
    // British Summer Time in July, Greenwich Mean Time in January.
    expect(html).toContain('<time dateTime="2026-07-01T13:05:00.000Z">1 July 2026, 2:05pm</time>');
    expect(html).toContain('<time dateTime="2026-01-10T09:00:00.000Z">10 January 2026, 9:00am</time>');
    expect(html).toContain("Call the &lt;b&gt;respondent&lt;/b&gt;");
    expect(html.match(/moj-timeline__description/g)).toHaveLength(1);
    expect(html.indexOf("Internal note added")).toBeLessThan(html.indexOf("Case created"));
  });

  it("says so when nothing has happened", () => {
    expect(renderToStaticMarkup(createElement(CaseTimeline, { entries: [] }))).toBe('<p class="govuk-body">Nothing has happened on this case yet.</p>');
  });
});
