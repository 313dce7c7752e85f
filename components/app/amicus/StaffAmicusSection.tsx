import { ActionForm } from "@/components/app/ActionForm";
import { SummaryList, type SummaryRow } from "@/components/govuk/SummaryList";
import { Tag } from "@/components/govuk/Tag";
import { decideAmicusApplicationAction } from "@/app/(staff)/cases/[caseId]/amicus-actions";
import { MAX_WORD_LIMIT, MIN_WORD_LIMIT } from "@/domain/amicus/decide-application";
import type { listCaseApplicationsForStaff } from "@/domain/amicus/list-applications";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { formatDateTime } from "../format";
import { AmicusStatusTag } from "./AmicusStatusTag";

type StaffApplication = ReturnType<typeof listCaseApplicationsForStaff>[number];

const words = (n: number) => `${n.toLocaleString("en-GB")} words`;
const multiline = (text: string) => <span className="app-preserve-lines">{text}</span>;

function applicationRows(application: StaffApplication): SummaryRow[] {
  return [
    { key: "Applied", value: formatDateTime(application.createdAt) },
    { key: "Account", value: <span className="app-break-anywhere">{application.applicantEmail}</span> },
    { key: "Represents", value: application.represents },
    { key: "Interest in the case", value: multiline(application.interest) },
    ...(application.declinedToDisclose
      ? [
          {
            key: "Disclosures",
            value: (
              <>
                <Tag colour="orange">Declined to disclose</Tag>
                <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">The applicant declined to say whether they have any relationship with either party or who funded or contributed to the brief.</p>
              </>
            ),
          },
        ]
      : [
          { key: "Relationship with the parties", value: multiline(application.disclosure ?? "None") },
          { key: "Who funded or contributed", value: multiline(application.fundingDisclosure ?? "None") },
        ]),
    { key: "Points they will make", value: multiline(application.pointsSummary) },
    { key: "Why the parties will not make them", value: multiline(application.whyNotParties) },
    { key: "Length requested", value: words(application.requestedWords) },
  ];
}

function briefStatus(application: StaffApplication): string {
  if (application.status === "brief_filed" || application.status === "brief_accepted") {
    const count = application.briefWordCount === null ? "" : ` (${words(application.briefWordCount)})`;
    return `Filed ${formatDateTime(application.briefFiledAt)}${count}`;
  }
  if (application.status === "withdrawn") return "Withdrawn before a brief was filed";
  return "Not filed yet";
}

function decisionRows(application: StaffApplication): SummaryRow[] {
  if (application.status === "applied") return [];
  const granted = application.wordLimit !== null;
  return [
    { key: "Decided", value: `${formatDateTime(application.decidedAt)}${application.decidedByName ? ` by ${application.decidedByName}` : ""}` },
    { key: "Reasons", value: multiline(application.decisionReasons ?? "") },
    ...(granted
      ? [
          { key: "Word limit", value: words(application.wordLimit!) },
          { key: "Brief due", value: application.briefDueOn ? formatLongDate(application.briefDueOn) : "Not set" },
          { key: "Brief", value: briefStatus(application) },
        ]
      : []),
  ];
}

/**
 * The amicus applications on a case, for staff: every application with its disclosures (a refusal
 * to disclose is flagged), and for those waiting, a form to grant or refuse leave. `canDecide` is
 * the actor's "amicus.decide" permission (an admin can read the section but not decide).
 */
export function StaffAmicusSection({ caseId, applications, canDecide = true }: { caseId: string; applications: ReturnType<typeof listCaseApplicationsForStaff>; canDecide?: boolean }) {
  const waiting = applications.filter((application) => application.status === "applied").length;
  return (
    <section aria-labelledby="amicus">
      <h2 className="govuk-heading-m" id="amicus">
        Amicus applications
      </h2>
      {applications.length === 0 ? (
        <p className="govuk-body">Nobody has applied for leave to file an amicus brief on this case.</p>
      ) : (
        <p className="govuk-body">
          {applications.length} {applications.length === 1 ? "application" : "applications"}, {waiting} waiting for a decision.
        </p>
      )}
      {applications.map((application) => (
        <div key={application.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {application.applicantName} <AmicusStatusTag status={application.status} />
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList rows={[...applicationRows(application), ...decisionRows(application)]} />
            {application.status === "applied" && canDecide ? (
              <ActionForm
                id={`amicus-${application.id}`}
                heading="Grant or refuse leave"
                button="Record decision"
                hidden={{ caseId, applicationId: application.id }}
                warning="The applicant reads your reasons. If you grant leave, the parties are told who will file a brief, and the filing deadline is set by the ‘Amicus brief’ deadline rule."
                fields={[
                  {
                    kind: "radios",
                    name: "outcome",
                    label: "Decision",
                    options: [
                      ["grant", "Grant leave to file an amicus brief"],
                      ["refuse", "Refuse leave"],
                    ],
                  },
                  { kind: "textarea", name: "reasons", label: "Reasons", hint: "The applicant will read these.", rows: 5 },
                  {
                    kind: "text",
                    name: "wordLimit",
                    label: "Word limit, if you grant leave",
                    hint: `Between ${MIN_WORD_LIMIT} and ${words(MAX_WORD_LIMIT)}. They asked for ${words(application.requestedWords)}.`,
                    width: "govuk-input--width-5",
                    defaultValue: String(Math.min(Math.max(application.requestedWords, MIN_WORD_LIMIT), MAX_WORD_LIMIT)),
                  },
                ]}
                action={decideAmicusApplicationAction}
              />
            ) : null}
          </div>
        </div>
      ))}
    </section>
  );
}
