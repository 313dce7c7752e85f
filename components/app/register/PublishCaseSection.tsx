import { ActionForm } from "@/components/app/ActionForm";
import { SummaryList } from "@/components/govuk/SummaryList";
import type { CaseRow } from "@/domain/access/case-access";
import { isPublishable, PUBLIC_SUMMARY_MAX, PUBLIC_SUMMARY_MIN } from "@/domain/register/publish-case";
import { publicCasePath } from "@/domain/register/register-facts";
import { publishCaseAction } from "@/app/(staff)/cases/[caseId]/publish-actions";
import { formatDateTime } from "../format";
import { amicusWindowText } from "./register-text";

export type PublishCaseSectionCase = Pick<CaseRow, "id" | "reference" | "status" | "acceptedOn" | "publishedAt" | "publicSummary" | "amicusWindowClosesOn">;

const SUMMARY_HINT = `Anyone can read this on the public register. Do not include confidential material: nothing from evidence marked parties or restricted, no internal notes, no personal data. Between ${PUBLIC_SUMMARY_MIN} and ${PUBLIC_SUMMARY_MAX.toLocaleString("en-GB")} characters.`;

/**
 * The staff view of a case's place on the public register: publish it with a public summary, or,
 * once published, see the amicus window and correct the summary. `canPublish` is the actor's
 * "case.publish" permission; without it the section only reports. `today` is londonDateOf(ctx.now).
 */
export function PublishCaseSection({ caseRow, canPublish, today }: { caseRow: PublishCaseSectionCase; canPublish: boolean; today: string }) {
  const hidden = { caseId: caseRow.id };
  // The same rule as amicusWindowState, from the UK date the page already worked out.
  const amicusWindow = { open: caseRow.amicusWindowClosesOn !== null && today <= caseRow.amicusWindowClosesOn, closesOn: caseRow.amicusWindowClosesOn };
  return (
    <section aria-labelledby="public-register-heading">
      <h2 className="govuk-heading-m" id="public-register-heading">
        Public register
      </h2>
      {caseRow.publishedAt !== null ? (
        <>
          <SummaryList
            rows={[
              { key: "Published", value: formatDateTime(caseRow.publishedAt) },
              { key: "Amicus window", value: amicusWindowText(amicusWindow) },
              { key: "Public summary", value: <span className="app-preserve-lines">{caseRow.publicSummary ?? ""}</span> },
              {
                key: "Public page",
                value: caseRow.reference ? (
                  <a className="govuk-link" href={publicCasePath(caseRow.reference)}>
                    See {caseRow.reference} on the public register
                  </a>
                ) : (
                  "No reference yet"
                ),
              },
            ]}
          />
          {canPublish ? (
            <ActionForm
              id="update-public-summary"
              heading="Update the public summary"
              button="Update public summary"
              hidden={hidden}
              warning="The new summary replaces the old one on the register and in its feeds straight away. The amicus window does not change."
              fields={[{ kind: "textarea", name: "publicSummary", label: "Public summary", hint: SUMMARY_HINT, rows: 8, defaultValue: caseRow.publicSummary ?? "" }]}
              action={publishCaseAction}
            />
          ) : null}
        </>
      ) : isPublishable(caseRow) ? (
        <>
          <p className="govuk-body">This case is not on the public register.</p>
          {canPublish ? (
            <ActionForm
              id="publish-case"
              heading="Publish on the public register"
              button="Publish on the public register"
              hidden={hidden}
              warning="Publishing puts the reference, the parties’ names, the IP rights, the status and key dates on the public register with your summary, and opens a 21-day amicus window in which third parties can apply for leave to file a brief. A case cannot be taken off the register once published."
              fields={[{ kind: "textarea", name: "publicSummary", label: "Public summary", hint: SUMMARY_HINT, rows: 8 }]}
              action={publishCaseAction}
            />
          ) : null}
        </>
      ) : (
        <p className="govuk-body">{caseRow.status === "withdrawn" ? "This case was withdrawn before it was published, so it cannot go on the public register." : "This case can go on the public register once the complaint has been accepted."}</p>
      )}
    </section>
  );
}
