import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseTable } from "@/components/app/CaseTable";
import { formatDateTime } from "@/components/app/format";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { listCasesForActor } from "@/domain/cases/list-cases";
import { listDraftComplaints } from "@/domain/complaints/get-draft";
import { requireSignedIn } from "@/server/page";

export const metadata: Metadata = { title: "My cases" };

export default async function MyCasesPage({ searchParams }: { searchParams: Promise<{ after?: string; draft?: string }> }) {
  const ctx = await requireSignedIn("/portal");
  if (ctx.actor.role !== "party") notFound();
  const { after, draft } = await searchParams;
  const { items, nextCursor } = listCasesForActor(ctx, { after: typeof after === "string" ? after : undefined, excludeDrafts: true });
  const drafts = after ? [] : listDraftComplaints(ctx);
  return (
    <>
      {draft === "deleted" ? <NotificationBanner success>Draft complaint deleted.</NotificationBanner> : null}
      <h1 className="govuk-heading-l">My cases</h1>
      {drafts.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Your draft complaints</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Draft
              </th>
              <th scope="col" className="govuk-table__header">
                Sections completed
              </th>
              <th scope="col" className="govuk-table__header">
                Last saved
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {drafts.map((d) => (
              <tr className="govuk-table__row" key={d.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`/portal/complaints/${d.id}`}>
                    {d.label}
                  </a>
                </td>
                <td className="govuk-table__cell">
                  {d.completedSections} of {d.totalSections}
                </td>
                <td className="govuk-table__cell">{formatDateTime(d.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
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
