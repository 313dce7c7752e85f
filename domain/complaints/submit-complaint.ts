import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { caseParties, organisations } from "@/db/schema";
import { absoluteUrl, type Actor, type Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { requireVerifiedEmail } from "../access/verified";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";
import { londonDateOf } from "../deadlines/london-date";
import { allocateCaseReference, londonYear } from "../cases/allocate-reference";
import { activeStaff } from "../cases/case-recipients";
import { reindexCaseForSearch } from "../cases/search-index";
import { transitionCase } from "../cases/state-machine";
import { notifyUser } from "../notifications/notify";
import { getDraftRowForFiler } from "./get-draft";
import { SECTION_TITLES } from "./questions";
import { checkWholeComplaint, type ComplaintAnswers, type DraftAnswers } from "./sections";

export const SubmitComplaintInput = z.object({
  draftId: z.string().min(1, "The draft complaint could not be found."),
  statementOfTruth: z.preprocess((value) => value === true || value === "yes", z.literal(true, { error: "Confirm that you believe the facts stated in this complaint are true" })),
  signatoryName: z.string().trim().min(1, "Enter your full name").max(200, "Your full name must be 200 characters or fewer"),
});

/** A submitted complaint's `complaint` JSON: the checked answers plus the signed statement of truth. */
export type SubmittedComplaint = ComplaintAnswers & { statementOfTruth: { signedBy: string; signedByUserId: string; signedAt: string } };

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase("en-GB") === b.trim().toLocaleLowerCase("en-GB");

/**
 * Submits a finished draft: it gets its case reference, its complainant and respondent become
 * parties, it moves to `submitted` (where the triage queue picks it up) and becomes searchable.
 * The filer is acknowledged in the app and by email; the triage team hears of it in the app.
 */
export function submitComplaint(ctx: Ctx, input: z.input<typeof SubmitComplaintInput>): { caseId: string; reference: string } {
  requirePermission(ctx.actor, "complaint.file");
  requireVerifiedEmail(ctx.actor);
  const actor = ctx.actor;
  const { draftId, signatoryName } = parseInput(SubmitComplaintInput, input);
  const today = londonDateOf(ctx.now);

  return writeTransaction(ctx.db, (tx) => {
    const draft = getDraftRowForFiler(ctx, draftId, tx);
    const checked = checkWholeComplaint(draft.complaint as DraftAnswers, today);
    if (!checked.complete) {
      const names = checked.unfinished.map((slug) => SECTION_TITLES[slug]);
      throw new DomainError("invalid", `Complete ${names.length === 1 ? "this section" : "these sections"} before you submit your complaint: ${names.join(", ")}.`);
    }
    const answers = checked.answers;
    if (actor.organisationIds.length === 0) {
      // Parties follow a case through their organisation; without one the filer could never open it again.
      throw new DomainError("invalid", "Your account is not linked to a firm or organisation, so you could not follow this complaint after submitting it. Contact the regulator to have your account linked, then submit again.");
    }

    const { complainantId, representativeId } = complainantOrganisations(tx, ctx, actor, answers);
    // Always a new organisation: matching an existing one by name would show the complaint to its
    // members before the regulator has served it. Staff link the respondent's representatives later.
    const respondentId = createOrganisation(tx, ctx, answers.respondent.respondentName, answers.respondent.respondentCountry);
    const at = ctx.now.toISOString();
    tx.insert(caseParties).values({ id: newId(), caseId: draftId, organisationId: complainantId, role: "complainant", representativeOrganisationId: representativeId, addedAt: at }).run();
    tx.insert(caseParties).values({ id: newId(), caseId: draftId, organisationId: respondentId, role: "respondent", representativeOrganisationId: null, addedAt: at }).run();

    const reference = allocateCaseReference(tx, londonYear(ctx.now));
    const title = `${answers.complainant.complainantName} v ${answers.respondent.respondentName}`;
    const complaint: SubmittedComplaint = { ...answers, statementOfTruth: { signedBy: signatoryName, signedByUserId: actor.id, signedAt: at } };
    transitionCase(tx, ctx, {
      caseId: draftId,
      from: draft.status,
      event: "submit",
      set: { reference, title, complaint, ipRights: answers.ipRights.ipRights, technologyTags: answers.technology.technologyTags, submittedAt: at },
      audit: { reference, complainantOrganisationId: complainantId, respondentOrganisationId: respondentId, signedBy: signatoryName },
    });
    reindexCaseForSearch(tx, draftId);

    const link = `/portal/cases/${draftId}`;
    notifyUser(tx, ctx, {
      userId: actor.id,
      caseId: draftId,
      kind: "case.submitted",
      title: `${reference}: complaint received`,
      body: `We have received your complaint ${title}. Its case reference is ${reference}. A caseworker will check that it is complete and tell you what happens next.`,
      link,
      email: {
        subject: `${reference}: we have received your complaint`,
        body: [
          `Dear ${actor.name},`,
          "",
          `We have received your complaint ${title}.`,
          "",
          `Case reference: ${reference}`,
          `Submitted: ${today}`,
          "",
          "A caseworker will check that the complaint is complete and valid. We will tell you when it is accepted, or if we need more information from you.",
          "",
          `See the case: ${absoluteUrl(ctx.config, link)}`,
          "",
          "Intellectual Property Regulator",
        ].join("\n"),
      },
    });
    for (const member of activeStaff(tx)) {
      notifyUser(tx, ctx, { userId: member.id, caseId: draftId, kind: "case.new_complaint", title: `${reference}: new complaint to triage`, body: title, link: `/cases/${draftId}` });
    }
    return { caseId: draftId, reference };
  });
}

/**
 * The complainant organisation and the firm acting for it. A filer who names their own
 * organisation as complainant acts in-house (no separate representative); otherwise the
 * complainant is a new organisation and the filer's firm represents it. Never matched to an
 * existing organisation by name: anyone can register an organisation under any name, and a match
 * would make them a party to someone else's complaint. Staff merge duplicates if they need to.
 */
function complainantOrganisations(tx: DbOrTx, ctx: Pick<Ctx, "now">, actor: Actor, answers: ComplaintAnswers): { complainantId: string; representativeId: string | null } {
  const { complainantName, representativeFirm } = answers.complainant;
  const own = tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, actor.organisationIds)).orderBy(asc(organisations.name)).all();
  const firm = own.find((o) => sameName(o.name, representativeFirm)) ?? own[0];
  if (!firm) throw new DomainError("invalid", "Your account is not linked to a firm or organisation.");
  const inHouse = own.find((o) => sameName(o.name, complainantName));
  if (inHouse) return { complainantId: inHouse.id, representativeId: firm.id === inHouse.id ? null : firm.id };
  // The form does not ask where the complainant is based; most filers here act for UK businesses.
  return { complainantId: createOrganisation(tx, ctx, complainantName, "GB"), representativeId: firm.id };
}

function createOrganisation(tx: DbOrTx, ctx: Pick<Ctx, "now">, name: string, country: string): string {
  const id = newId();
  tx.insert(organisations).values({ id, name, kind: "company", country, createdAt: ctx.now.toISOString() }).run();
  return id;
}
