import type { Metadata } from "next";
import { listDraftComplaints } from "@/domain/complaints/get-draft";
import { requirePagePermission } from "@/server/page";
import { StartComplaintForm } from "../StartComplaintForm";

export const metadata: Metadata = { title: "Submit a complaint" };

export default async function StartComplaintPage() {
  const ctx = await requirePagePermission("complaint.file", "/portal/complaints/new");
  const drafts = listDraftComplaints(ctx);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Submit a complaint</h1>
        <p className="govuk-body">Use this service to complain to the regulator that someone has copied or misused intellectual property belonging to you or your client, such as a model’s architecture, weights or training data.</p>
        <h2 className="govuk-heading-m">Before you start</h2>
        <p className="govuk-body">You will be asked for:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>the complainant organisation and how to contact its representative</li>
          <li>the respondent’s name and country, and their contact details if you know them</li>
          <li>the intellectual property rights concerned</li>
          <li>a description of the technology you say was copied</li>
          <li>how and when the misappropriation happened</li>
          <li>the harm caused, how urgent the complaint is and whether you want interim measures</li>
          <li>any related proceedings elsewhere</li>
          <li>the remedy you are seeking</li>
        </ul>
        <p className="govuk-body">Your answers are saved as a draft each time you save a page, so you can stop and come back later. Nobody else can see a draft, including the regulator, until you submit it.</p>
        <p className="govuk-body">Before you submit, you will confirm a statement of truth. You must have verified your email address to submit.</p>
        {drafts.length > 0 ? (
          <p className="govuk-body">
            You have {drafts.length === 1 ? "1 draft complaint" : `${drafts.length} draft complaints`}. <a className="govuk-link" href="/portal">Continue a draft complaint</a>
          </p>
        ) : null}
        <StartComplaintForm />
      </div>
    </div>
  );
}
