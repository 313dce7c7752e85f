import type { Metadata } from "next";
import { getSubmittedComplaintForFiler } from "@/domain/complaints/get-draft";
import { loadPage } from "@/server/page";

export const metadata: Metadata = { title: "Complaint submitted" };

export default async function ComplaintSubmittedPage({ params }: { params: Promise<{ draftId: string }> }) {
  const { draftId } = await params;
  const complaint = await loadPage(`/portal/complaints/${encodeURIComponent(draftId)}/confirmation`, (ctx) => getSubmittedComplaintForFiler(ctx, draftId));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Complaint submitted</h1>
          <div className="govuk-panel__body">
            Your case reference
            <br />
            <strong>{complaint.reference}</strong>
          </div>
        </div>
        <p className="govuk-body">We have sent you an email confirming that we have received {complaint.title}.</p>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">A caseworker will check that the complaint is complete and valid. They may ask you for more information. If the complaint is accepted, the regulator has 45 days to decide whether there is a case to answer.</p>
        <p className="govuk-body">Quote your case reference if you contact us about this complaint.</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/portal/cases/${encodeURIComponent(complaint.id)}`}>
            View your case
          </a>
        </p>
      </div>
    </div>
  );
}
