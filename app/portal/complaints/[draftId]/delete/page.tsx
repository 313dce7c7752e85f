import type { Metadata } from "next";
import { draftLabel, getDraftForFiler } from "@/domain/complaints/get-draft";
import { loadPage } from "@/server/page";
import { DeleteDraftForm } from "./DeleteDraftForm";

export const metadata: Metadata = { title: "Delete draft complaint" };

export default async function DeleteDraftPage({ params }: { params: Promise<{ draftId: string }> }) {
  const { draftId } = await params;
  const base = `/portal/complaints/${encodeURIComponent(draftId)}`;
  const draft = await loadPage(`${base}/delete`, (ctx) => getDraftForFiler(ctx, draftId));
  return (
    <>
      <a href={base} className="govuk-back-link">
        Back
      </a>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Draft complaint</span>
          <h1 className="govuk-heading-l">Are you sure you want to delete this draft complaint?</h1>
          <p className="govuk-body">{draftLabel(draft.answers)}</p>
          <p className="govuk-body">All the answers in this draft will be deleted. You cannot undo this.</p>
          <DeleteDraftForm draftId={draftId} cancelHref={base} />
        </div>
      </div>
    </>
  );
}
