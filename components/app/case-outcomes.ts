/**
 * What a case page says after an action succeeds. An action that changes a case's state often removes
 * its own form from the page, taking any message the form would show with it, so the action
 * redirects to the case with `?done=<key>` and the page shows the message. Only these fixed texts can
 * be shown: the query string cannot put words on the page.
 */
export const CASE_OUTCOMES = {
  accepted: "Complaint accepted. The case-to-answer clock has started.",
  "information-requested": "Information request sent to the complainant.",
  rejected: "Complaint rejected. The complainant has been told why.",
  "decision-proposed": "Decision proposed. A supervisor must approve it.",
  "decision-approved": "Decision approved. The parties have been told.",
  "decision-returned": "Decision returned to the caseworker.",
  "note-added": "Note added.",
  "information-answered": "Answer sent. The regulator will continue with your complaint.",
  withdrawn: "Complaint withdrawn.",
  "evidence-withdrawn": "Evidence withdrawn. The regulator keeps it on record, but the parties no longer see it.",
  "evidence-accepted": "Item accepted as evidence. The filer has been told.",
  "evidence-rejected": "Item rejected as evidence. The filer has been told why.",
  "challenge-sent": "Challenge sent. The regulator will decide whether the item stays confidential.",
  "challenge-upheld": "Challenge decided: the confidentiality claim stands. Both sides have been told.",
  "challenge-rejected": "Challenge decided: the filer must file a non-confidential version. Both sides have been told.",
  published: "Case published on the public register. The amicus window is open.",
  "summary-updated": "Public summary updated on the register.",
  "amicus-granted": "Leave to file an amicus brief granted. The applicant and the parties have been told.",
  "amicus-refused": "Application to file an amicus brief refused. The applicant has been told why.",
  "amicus-response-sent": "Response to the amicus brief sent to the regulator.",
  "brief-filed": "Brief filed. It is on the public register and the parties have been told.",
} as const;

export type CaseOutcome = keyof typeof CASE_OUTCOMES;

export const caseOutcomeMessage = (key: string | string[] | undefined): string | null =>
  typeof key === "string" && Object.hasOwn(CASE_OUTCOMES, key) ? CASE_OUTCOMES[key as CaseOutcome] : null;
