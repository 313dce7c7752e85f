import type { Db } from "@/db/client";
import { caseParties, cases, deadlines, type CaseStatus, type DeadlineStatus, type IpRight } from "@/db/schema";
import { FIXED_NOW, makeOrganisation, makeUser } from "@/db/testing";
import { newId } from "../ids";

export interface RegisterCaseOptions {
  reference?: string;
  title?: string;
  status?: CaseStatus;
  ipRights?: IpRight[];
  submittedAt?: string | null;
  acceptedOn?: string | null;
  publishedAt?: string | null;
  publicSummary?: string | null;
  amicusWindowClosesOn?: string | null;
  decision?: "case_to_answer" | "no_case_to_answer" | null;
  decisionReasons?: string | null;
  decidedAt?: string | null;
  closedAt?: string | null;
  complainant?: string;
  respondent?: string;
  /** The case-to-answer clock; none when null. */
  deadline?: { dueOn: string; status: DeadlineStatus; completedAt?: string | null } | null;
  complaint?: Record<string, unknown>;
}

/**
 * For tests only: cases written straight into the tables in any state the register must handle,
 * each with its own complainant and respondent (acting through law firms) and an interested party.
 */
export function makeRegisterWorld(db: Db) {
  const people = {
    caseworker: makeUser(db, "caseworker"),
    supervisor: makeUser(db, "supervisor"),
    admin: makeUser(db, "admin"),
    party: makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Harrow & Vell LLP")] }),
    amicus: makeUser(db, "amicus"),
  };
  let count = 0;

  function makeCase(options: RegisterCaseOptions = {}): { id: string; reference: string } {
    count += 1;
    const id = newId();
    const reference = options.reference ?? `IPC-2026-${String(count).padStart(6, "0")}`;
    const stamp = FIXED_NOW.toISOString();
    db.insert(cases)
      .values({
        id,
        reference,
        status: options.status ?? "assessment",
        title: options.title ?? `Fictional dispute number ${count}`,
        complaint: options.complaint ?? {},
        ipRights: options.ipRights ?? ["trade_secret"],
        technologyTags: [],
        createdBy: people.party.id,
        submittedAt: options.submittedAt === undefined ? "2026-10-01T09:00:00.000Z" : options.submittedAt,
        acceptedOn: options.acceptedOn === undefined ? "2026-10-05" : options.acceptedOn,
        publishedAt: options.publishedAt === undefined ? null : options.publishedAt,
        publicSummary: options.publicSummary ?? null,
        amicusWindowClosesOn: options.amicusWindowClosesOn ?? null,
        decision: options.decision ?? null,
        decisionReasons: options.decisionReasons ?? null,
        decidedAt: options.decidedAt ?? null,
        closedAt: options.closedAt ?? null,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .run();
    const complainantOrg = makeOrganisation(db, options.complainant ?? `Complainant Labs ${count} Ltd`);
    const respondentOrg = makeOrganisation(db, options.respondent ?? `Respondent Cloud ${count} plc`);
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrg, role: "complainant", representativeOrganisationId: makeOrganisation(db, `Complainant Firm ${count} LLP`), addedAt: stamp }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: respondentOrg, role: "respondent", representativeOrganisationId: makeOrganisation(db, `Respondent Firm ${count} LLP`), addedAt: stamp }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: makeOrganisation(db, `Interested Party ${count} plc`), role: "interested_party", addedAt: stamp }).run();
    const deadline = options.deadline === undefined ? { dueOn: "2026-11-19", status: "running" as const } : options.deadline;
    if (deadline) {
      db.insert(deadlines)
        .values({
          id: newId(),
          caseId: id,
          ruleId: "case-to-answer",
          label: "Case-to-answer determination",
          startOn: options.acceptedOn ?? "2026-10-05",
          length: 45,
          unit: "calendar",
          count: "after",
          calendar: "england-and-wales",
          roll: "next-working-day",
          dueOn: deadline.dueOn,
          expiresAt: `${deadline.dueOn}T23:59:59.000Z`,
          holidayDataVersion: null,
          status: deadline.status,
          completedAt: deadline.completedAt ?? null,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .run();
    }
    return { id, reference };
  }

  /** A case on the register, published on the given instant with a 21-day window from that day. */
  function makePublishedCase(options: RegisterCaseOptions = {}) {
    return makeCase({ publishedAt: "2026-11-20T10:00:00.000Z", publicSummary: "A fictional public summary of the case.", amicusWindowClosesOn: "2026-12-11", ...options });
  }

  return { people, makeCase, makePublishedCase };
}
