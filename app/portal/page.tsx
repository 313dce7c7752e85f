import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseTable } from "@/components/app/CaseTable";
import { listCasesForActor } from "@/domain/cases/list-cases";
import { requireSignedIn } from "@/server/page";

export const metadata: Metadata = { title: "My cases" };

export default async function MyCasesPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const ctx = await requireSignedIn("/portal");
  if (ctx.actor.role !== "party") notFound();
  const { after } = await searchParams;
  const { items, nextCursor } = listCasesForActor(ctx, { after: typeof after === "string" ? after : undefined });
  return (
    <>
      <h1 className="govuk-heading-l">My cases</h1>
      {items.length === 0 ? (
        <p className="govuk-body">You have no cases yet. Cases appear here when your organisation files a complaint or is named in one.</p>
      ) : (
        <CaseTable items={items} caseHref={(id) => `/portal/cases/${id}`} caption="Cases your organisation is a party to" />
      )}
      {nextCursor ? (
        <nav className="govuk-pagination" aria-label="Pagination">
          <div className="govuk-pagination__next">
            <a className="govuk-link govuk-pagination__link" href={`/portal?after=${nextCursor}`} rel="next">
              <span className="govuk-pagination__link-title">Next page</span>
            </a>
          </div>
        </nav>
      ) : null}
    </>
  );
}
