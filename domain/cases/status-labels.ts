import type { CaseStatus, IpRight, PartyRole } from "@/db/schema";

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_triage: "In triage",
  awaiting_information: "Awaiting information",
  assessment: "Assessment",
  investigation: "Investigation",
  decided: "Decided",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

export const IP_RIGHT_LABELS: Record<IpRight, string> = {
  trade_secret: "Trade secret or confidential information",
  copyright: "Copyright",
  database_right: "Database right",
  patent: "Patent",
  design: "Design",
  other: "Other",
};

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  complainant: "Complainant",
  respondent: "Respondent",
  interested_party: "Interested party",
};
