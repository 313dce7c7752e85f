import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { caseParties, cases, deadlines, organisations, type CaseStatus, type DeadlineStatus, type IpRight } from "@/db/schema";
import { amicusWindowState } from "../amicus/applications";
import { CASE_STATUS_LABELS, IP_RIGHT_LABELS } from "../cases/status-labels";
import { londonDateOf } from "../deadlines/london-date";

/** A case may first go on the register only once the regulator has accepted it and while it is live or decided. */
export const PUBLISHABLE_STATUSES = ["assessment", "investigation", "decided", "closed"] as const satisfies readonly CaseStatus[];

/** Statuses a published case can be in; a case withdrawn after publication stays on the register. */
export const REGISTER_STATUSES = ["assessment", "investigation", "decided", "closed", "withdrawn"] as const satisfies readonly CaseStatus[];
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const REGISTER_PAGE_SIZE = 20;
export const REGISTER_FEED_SIZE = 50;

/**
 * The only columns of `cases` the register reads. Selecting these (and never `complaint`, notes,
 * rejection or withdrawal reasons) keeps non-public text out of memory on public paths altogether.
 */
export const PUBLIC_CASE_COLUMNS = {
  id: cases.id,
  reference: cases.reference,
  title: cases.title,
  status: cases.status,
  ipRights: cases.ipRights,
  submittedAt: cases.submittedAt,
  acceptedOn: cases.acceptedOn,
  publishedAt: cases.publishedAt,
  publicSummary: cases.publicSummary,
  amicusWindowClosesOn: cases.amicusWindowClosesOn,
  decision: cases.decision,
  decisionReasons: cases.decisionReasons,
  decidedAt: cases.decidedAt,
  closedAt: cases.closedAt,
};

export interface PublicCaseRow {
  id: string;
  reference: string | null;
  title: string;
  status: CaseStatus;
  ipRights: IpRight[];
  submittedAt: string | null;
  acceptedOn: string | null;
  publishedAt: string | null;
  publicSummary: string | null;
  amicusWindowClosesOn: string | null;
  decision: "case_to_answer" | "no_case_to_answer" | null;
  decisionReasons: string | null;
  decidedAt: string | null;
  closedAt: string | null;
}

export const DECISION_LABELS = { case_to_answer: "Case to answer", no_case_to_answer: "No case to answer" } as const;

export interface PublishedDecision {
  decision: "case_to_answer" | "no_case_to_answer";
  label: string;
  reasons: string | null;
  decidedAt: string | null;
}

/** A decision is published once the case has reached decided or closed; until then it is not on the register. */
export function publishedDecision(row: Pick<PublicCaseRow, "status" | "decision" | "decisionReasons" | "decidedAt">): PublishedDecision | null {
  if (row.decision === null || (row.status !== "decided" && row.status !== "closed")) return null;
  return { decision: row.decision, label: DECISION_LABELS[row.decision], reasons: row.decisionReasons, decidedAt: row.decidedAt };
}

export interface RegisterDeadline {
  dueOn: string;
  status: DeadlineStatus;
  /** UK date the deadline was met, when it was. */
  metOn: string | null;
}

export interface RegisterItem {
  id: string;
  reference: string;
  title: string;
  complainants: string[];
  respondents: string[];
  ipRights: IpRight[];
  ipRightLabels: string[];
  status: CaseStatus;
  statusLabel: string;
  submittedAt: string | null;
  acceptedOn: string | null;
  publishedAt: string;
  decidedAt: string | null;
  decision: PublishedDecision["decision"] | null;
  decisionLabel: string | null;
  /** The statutory case-to-answer deadline. */
  deadline: RegisterDeadline | null;
  amicusWindow: { open: boolean; closesOn: string | null };
}

const CASE_TO_ANSWER_RULE = "case-to-answer";

/**
 * Turns a page of published case rows into register items, loading the parties and deadlines for
 * the whole page in two queries. Only complainants and respondents are named: they are the parties
 * the register reports, and their own organisations, never the firms acting for them.
 */
export function toRegisterItems(db: DbOrTx, now: Date, rows: PublicCaseRow[]): RegisterItem[] {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const parties = db
    .select({ caseId: caseParties.caseId, role: caseParties.role, name: organisations.name })
    .from(caseParties)
    .innerJoin(organisations, eq(organisations.id, caseParties.organisationId))
    .where(and(inArray(caseParties.caseId, ids), inArray(caseParties.role, ["complainant", "respondent"])))
    .orderBy(asc(caseParties.addedAt), asc(caseParties.id))
    .all();
  const clocks = db
    .select({ caseId: deadlines.caseId, dueOn: deadlines.dueOn, status: deadlines.status, completedAt: deadlines.completedAt })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, ids), eq(deadlines.ruleId, CASE_TO_ANSWER_RULE)))
    .orderBy(asc(deadlines.createdAt), asc(deadlines.id))
    .all();
  // Ordered oldest first, so the last one seen for a case is the current clock.
  const clockByCase = new Map(clocks.map((clock) => [clock.caseId, clock]));

  return rows.map((row) => {
    const decision = publishedDecision(row);
    const clock = clockByCase.get(row.id);
    const named = (role: "complainant" | "respondent") => parties.filter((p) => p.caseId === row.id && p.role === role).map((p) => p.name);
    return {
      id: row.id,
      reference: row.reference ?? "",
      title: row.title,
      complainants: named("complainant"),
      respondents: named("respondent"),
      ipRights: row.ipRights,
      ipRightLabels: row.ipRights.map((right) => IP_RIGHT_LABELS[right] ?? right),
      status: row.status,
      statusLabel: CASE_STATUS_LABELS[row.status],
      submittedAt: row.submittedAt,
      acceptedOn: row.acceptedOn,
      publishedAt: row.publishedAt ?? "",
      decidedAt: decision ? row.decidedAt : null,
      decision: decision?.decision ?? null,
      decisionLabel: decision?.label ?? null,
      deadline: clock ? { dueOn: clock.dueOn, status: clock.status, metOn: clock.status === "met" && clock.completedAt ? londonDateOf(new Date(clock.completedAt)) : null } : null,
      amicusWindow: amicusWindowState(row, now),
    };
  });
}

/** The case's page on the register, as a path (reference escaped for the URL). */
export const publicCasePath = (reference: string) => `/public-register/${encodeURIComponent(reference)}`;
