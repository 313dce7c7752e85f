import type { Metadata } from "next";
import { SummaryList } from "@/components/govuk/SummaryList";
import { getDraftForFiler } from "@/domain/complaints/get-draft";
import { checkDraft } from "@/domain/complaints/sections";
import { complaintSummary } from "@/domain/complaints/summary";
import { londonDateOf } from "@/domain/deadlines/london-date";
import { loadPage } from "@/server/page";
import { SubmitComplaintForm } from "./SubmitComplaintForm";

export const metadata: Metadata = { title: "Check your answers" };

export default async function CheckAnswersPage({ params }: { params: Promise<{ draftId: string }> }) {
  const { draftId } = await params;
  const base = `/portal/complaints/${encodeURIComponent(draftId)}`;
  const { summary, unfinished, emailToVerify } = await loadPage(`${base}/check-answers`, (ctx) => {
    const draft = getDraftForFiler(ctx, draftId);
    const { checked, unfinished } = checkDraft(draft.answers, londonDateOf(ctx.now));
    return { summary: complaintSummary(checked), unfinished, emailToVerify: ctx.actor && !ctx.actor.emailVerified ? ctx.actor.email : null };
  });
  return (
    <>
      <a href={base} className="govuk-back-link">
        Back
      </a>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Draft complaint</span>
          <h1 className="govuk-heading-l">Check your answers before submitting your complaint</h1>
          {unfinished.length > 0 ? (
            <div className="govuk-inset-text">
              <p className="govuk-body">You need to finish {unfinished.length === 1 ? "this section" : "these sections"} before you can submit:</p>
              <ul className="govuk-list govuk-list--bullet">
                {summary
                  .filter((s) => s.rows === null)
                  .map((s) => (
                    <li key={s.slug}>
                      <a className="govuk-link" href={`${base}/${s.slug}?return=check`}>
                        {s.title}
                      </a>
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
          {summary.map((section) => (
            <section key={section.slug}>
              <h2 className="govuk-heading-m">{section.title}</h2>
              {section.rows ? (
                <SummaryList
                  rows={section.rows.map((row) => ({
                    key: row.key,
                    value: <span className="app-preserve-lines">{row.value}</span>,
                    action: { href: `${base}/${section.slug}?return=check`, text: "Change", visuallyHiddenText: row.key.toLowerCase() },
                  }))}
                />
              ) : (
                <p className="govuk-body">
                  Not finished.{" "}
                  <a className="govuk-link" href={`${base}/${section.slug}?return=check`}>
                    Complete this section<span className="govuk-visually-hidden">: {section.title.toLowerCase()}</span>
                  </a>
                </p>
              )}
            </section>
          ))}
          {unfinished.length === 0 ? <SubmitComplaintForm draftId={draftId} emailToVerify={emailToVerify} /> : null}
        </div>
      </div>
    </>
  );
}
