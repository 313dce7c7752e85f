import { describe, expect, it } from "vitest";
import { checkWholeComplaint } from "./sections";
import { complaintSummary, formatCalendarDate } from "./summary";
import { asDraftAnswers, COMPLETE_ANSWERS } from "./test-answers";

describe("complaint summary", () => {
  it("shows each checked answer in the form's words", () => {
    const checked = checkWholeComplaint(asDraftAnswers({ ...COMPLETE_ANSWERS, harm: { ...COMPLETE_ANSWERS.harm, interimMeasures: "yes", interimMeasuresDetails: "Suspend downloads." } }), "2026-11-22");
    if (!checked.complete) throw new Error("expected a complete complaint");
    const rows = Object.fromEntries(complaintSummary(checked.answers).flatMap((s) => (s.rows ?? []).map((r) => [r.key, r.value])));
    expect(rows).toMatchObject({
      Country: "Singapore",
      "Contact details": "Not known",
      "Rights concerned": "Trade secret or confidential information\nCopyright",
      "Kind of technology": "Model architecture\nFine-tuning, RLHF or reward model",
      "When it happened": "3 February 2026",
      Urgency: "Urgent",
      "Interim measures requested": "Yes\nSuspend downloads.",
      "Related proceedings elsewhere": "No",
    });
  });

  it("leaves unfinished sections without rows", () => {
    const summary = complaintSummary({});
    expect(summary).toHaveLength(8);
    expect(summary.every((s) => s.rows === null)).toBe(true);
  });

  it("formats calendar dates the GOV.UK way", () => {
    expect(formatCalendarDate("2026-12-01")).toBe("1 December 2026");
  });
});
