import type { Metadata } from "next";
import { CaseTable } from "@/components/app/CaseTable";
import { listCasesForActor } from "@/domain/cases/list-cases";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const ctx = await requirePagePermission("case.view_all", "/cases");
  const { after } = await searchParams;
  const { items, nextCursor } = listCasesForActor(ctx, { after: typeof after === "string" ? after : undefined });
  return (
    <>
      <h1 className="govuk-heading-l">Cases</h1>
      {items.length === 0 ? (
        <p className="govuk-body">There are no cases yet. Complaints appear here once a party submits them.</p>
      ) : (
        <CaseTable items={items} caseHref={(id) => `/cases/${id}`} caption="All cases, most recently received first" />
      )}
      <nav className="govuk-pagination" aria-label="Pagination">
        {after ? (
          <div className="govuk-pagination__prev">
            <a className="govuk-link govuk-pagination__link" href="/cases" rel="prev">
              <span className="govuk-pagination__link-title">First page</span>
            </a>
          </div>
        ) : null}
        {nextCursor ? (
          <div className="govuk-pagination__next">
            <a className="govuk-link govuk-pagination__link" href={`/cases?after=${nextCursor}`} rel="next">
              <span className="govuk-pagination__link-title">Next page</span>
            </a>
          </div>
        ) : null}
      </nav>
    </>
  );
}
