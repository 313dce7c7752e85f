import { describe, expect, it } from "vitest";
import { SECTION_SLUGS, type SectionSlug } from "./questions";
import { checkSection, checkWholeComplaint, draftProgress, tidySectionAnswers, type SectionFormValues } from "./sections";
import { asDraftAnswers, COMPLETE_ANSWERS } from "./test-answers";

const TODAY = "2026-11-22";

function errorsFor(slug: SectionSlug, answers: SectionFormValues): Record<string, string> {
  const result = checkSection(slug, answers, TODAY);
  if (result.complete) throw new Error(`expected ${slug} to be incomplete`);
  return result.fieldErrors;
}

const with_ = (slug: SectionSlug, changes: SectionFormValues): SectionFormValues => ({ ...COMPLETE_ANSWERS[slug], ...changes });

describe("section validation", () => {
  it("accepts every page of the complete example", () => {
    for (const slug of SECTION_SLUGS) expect(checkSection(slug, COMPLETE_ANSWERS[slug], TODAY).complete, slug).toBe(true);
  });

  it("says what is missing on the complainant page, in a solicitor's words", () => {
    expect(errorsFor("complainant", {})).toEqual({
      complainantName: "Enter the name of the organisation making the complaint",
      representativeName: "Enter the name of the representative",
      representativeFirm: "Enter the name of the representative’s firm",
      contactEmail: "Enter a contact email address",
      contactPhone: "Enter a contact telephone number",
    });
  });

  it("rejects a malformed email address and telephone number", () => {
    expect(errorsFor("complainant", with_("complainant", { contactEmail: "aisha at harrowvell", contactPhone: "call reception" }))).toEqual({
      contactEmail: "Enter an email address in the correct format, like name@example.com",
      contactPhone: "Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000",
    });
    expect(checkSection("complainant", with_("complainant", { contactPhone: "+44 (0)20 7946-0000" }), TODAY).complete).toBe(true);
  });

  it("treats whitespace-only answers as missing", () => {
    expect(errorsFor("remedy", { remedySought: "   \n  " })).toEqual({ remedySought: "Describe the remedy you are seeking" });
  });

  it("requires a known country for the respondent, but not their contact details", () => {
    expect(errorsFor("respondent", with_("respondent", { respondentCountry: "" }))).toEqual({ respondentCountry: "Select the country where the respondent is based" });
    expect(errorsFor("respondent", with_("respondent", { respondentCountry: "XX" }))).toEqual({ respondentCountry: "Select the country where the respondent is based" });
    const result = checkSection("respondent", with_("respondent", { respondentContact: "" }), TODAY);
    expect(result).toEqual({ complete: true, answers: { respondentName: "Meridian Cloud Systems Pte Ltd", respondentCountry: "SG", respondentContact: null } });
  });

  it("needs at least one IP right, and a description when 'Other' is ticked", () => {
    expect(errorsFor("ip-rights", { ipRights: [] })).toEqual({ ipRights: "Select at least one intellectual property right" });
    expect(errorsFor("ip-rights", { ipRights: ["other"], otherIpRight: "" })).toEqual({ otherIpRight: "Describe the other intellectual property right" });
    expect(checkSection("ip-rights", { ipRights: ["other"], otherIpRight: "Plant variety right" }, TODAY)).toEqual({ complete: true, answers: { ipRights: ["other"], otherIpRight: "Plant variety right" } });
  });

  it("ignores options the form never offered", () => {
    expect(errorsFor("ip-rights", { ipRights: ["trademark"] })).toEqual({ ipRights: "Select at least one intellectual property right" });
    expect(tidySectionAnswers("technology", { technologyDescription: "x", technologyTags: ["weights", "vibes"] }).values.technologyTags).toEqual(["weights"]);
  });

  it("limits the technology description to 10,000 characters", () => {
    expect(checkSection("technology", with_("technology", { technologyDescription: "a".repeat(10_000) }), TODAY).complete).toBe(true);
    expect(errorsFor("technology", with_("technology", { technologyDescription: "a".repeat(10_001) }))).toEqual({ technologyDescription: "Description of the technology must be 10,000 characters or fewer" });
    expect(errorsFor("technology", with_("technology", { technologyDescription: "" }))).toEqual({ technologyDescription: "Describe the technology you say was copied" });
  });

  describe("when it happened", () => {
    const date = (day: string, month: string, year: string) => with_("misappropriation", { dateKnown: "yes", "happenedOn-day": day, "happenedOn-month": month, "happenedOn-year": year });

    it("asks whether the date is known", () => {
      expect(errorsFor("misappropriation", with_("misappropriation", { dateKnown: "" }))).toEqual({ dateKnown: "Select yes if you know the date it happened" });
    });

    it("names the missing parts of a date, linking to the first", () => {
      expect(errorsFor("misappropriation", date("", "", ""))).toEqual({ "happenedOn-day": "Enter the date it happened" });
      expect(errorsFor("misappropriation", date("3", "", "2026"))).toEqual({ "happenedOn-month": "Date it happened must include a month" });
      expect(errorsFor("misappropriation", date("", "2", ""))).toEqual({ "happenedOn-day": "Date it happened must include a day and year" });
    });

    it("refuses dates that do not exist", () => {
      expect(errorsFor("misappropriation", date("29", "2", "2026"))).toEqual({ "happenedOn-day": "Date it happened must be a real date" });
      expect(errorsFor("misappropriation", date("3", "13", "2026"))).toEqual({ "happenedOn-month": "Date it happened must be a real date" });
      expect(errorsFor("misappropriation", date("3", "Feb", "2026"))).toEqual({ "happenedOn-month": "Date it happened must be a real date" });
      expect(errorsFor("misappropriation", date("3", "2", "26"))).toEqual({ "happenedOn-year": "Year must include 4 numbers" });
      expect(checkSection("misappropriation", date("29", "2", "2024"), TODAY).complete).toBe(true);
    });

    it("refuses a date in the future but accepts today", () => {
      expect(errorsFor("misappropriation", date("23", "11", "2026"))).toEqual({ "happenedOn-day": "Date it happened must be today or in the past" });
      const today = checkSection("misappropriation", date("22", "11", "2026"), TODAY);
      expect(today.complete && today.answers.happenedOn).toBe("2026-11-22");
    });

    it("takes an approximate period when the date is unknown, and drops any date typed before", () => {
      expect(errorsFor("misappropriation", with_("misappropriation", { dateKnown: "no", approximatePeriod: "" }))).toEqual({ approximatePeriod: "Enter the approximate period when it happened" });
      const result = checkSection("misappropriation", with_("misappropriation", { dateKnown: "no", approximatePeriod: "Spring 2026", "happenedOn-day": "99" }), TODAY);
      expect(result.complete && result.answers).toEqual({ howItHappened: COMPLETE_ANSWERS.misappropriation.howItHappened, happenedOn: null, approximatePeriod: "Spring 2026" });
    });
  });

  it("needs details when interim measures are asked for or related proceedings exist", () => {
    expect(errorsFor("harm", { harmDescription: "", urgency: "", interimMeasures: "yes" })).toEqual({
      harmDescription: "Describe the harm caused or likely to be caused",
      urgency: "Select how urgent the complaint is",
      interimMeasuresDetails: "Describe the interim measures you are asking for",
    });
    expect(errorsFor("harm", with_("harm", { interimMeasures: "" }))).toEqual({ interimMeasures: "Select yes if you are asking for interim measures" });
    expect(errorsFor("related-proceedings", { relatedProceedings: "yes" })).toEqual({ relatedProceedingsDetails: "Give details of the related proceedings" });
    expect(errorsFor("related-proceedings", {})).toEqual({ relatedProceedings: "Select yes if there are related proceedings elsewhere" });
    const harm = checkSection("harm", with_("harm", { interimMeasures: "yes", interimMeasuresDetails: "Suspend downloads of Meridian-7." }), TODAY);
    expect(harm.complete && harm.answers).toMatchObject({ interimMeasuresRequested: true, interimMeasuresDetails: "Suspend downloads of Meridian-7." });
  });

  it("clears answers to follow-up questions that no longer apply", () => {
    expect(tidySectionAnswers("ip-rights", { ipRights: ["copyright"], otherIpRight: "left over" }).values.otherIpRight).toBe("");
    expect(tidySectionAnswers("harm", { interimMeasures: "no", interimMeasuresDetails: "left over" }).values.interimMeasuresDetails).toBe("");
    expect(tidySectionAnswers("related-proceedings", { relatedProceedings: "no", relatedProceedingsDetails: "left over" }).values.relatedProceedingsDetails).toBe("");
  });
});

describe("draft progress", () => {
  it("marks sections not started, incomplete or completed", () => {
    const progress = draftProgress({ complainant: COMPLETE_ANSWERS.complainant, respondent: { respondentName: "Meridian" } }, TODAY);
    expect(progress.map((s) => [s.slug, s.status])).toEqual([
      ["complainant", "completed"],
      ["respondent", "incomplete"],
      ["ip-rights", "not_started"],
      ["technology", "not_started"],
      ["misappropriation", "not_started"],
      ["harm", "not_started"],
      ["related-proceedings", "not_started"],
      ["remedy", "not_started"],
    ]);
  });

  it("names the unfinished sections of a whole complaint in form order", () => {
    const { remedy: _remedy, ...rest } = COMPLETE_ANSWERS;
    const answers = asDraftAnswers({ ...rest, respondent: { respondentName: "" } });
    expect(checkWholeComplaint(answers, TODAY)).toEqual({ complete: false, unfinished: ["respondent", "remedy"] });
    const whole = checkWholeComplaint(asDraftAnswers(COMPLETE_ANSWERS), TODAY);
    expect(whole.complete && Object.keys(whole.answers).sort()).toEqual(["complainant", "harm", "ipRights", "misappropriation", "relatedProceedings", "remedy", "respondent", "technology"]);
  });
});
