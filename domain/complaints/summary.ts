import { MONTH_NAMES } from "../deadlines/calendar-date";
import { countryName } from "./countries";
import { IP_RIGHT_OPTIONS, SECTION_KEYS, SECTION_SLUGS, SECTION_TITLES, TECHNOLOGY_TAG_OPTIONS, URGENCY_OPTIONS, type SectionSlug } from "./questions";
import type { ComplaintAnswers } from "./sections";

export interface AnswerRow {
  /** Short name of the answer, as a check-answers page shows it. */
  key: string;
  value: string;
}

const labelOf = (options: [string, string][], value: string) => options.find(([v]) => v === value)?.[1] ?? value;

/** "3 February 2026" from "2026-02-03". */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

/** The rows of one checked section, in the words of the form, for "check your answers" and the case page. */
export function answerRows<S extends SectionSlug>(slug: S, answers: ComplaintAnswers[(typeof SECTION_KEYS)[S]]): AnswerRow[] {
  const a = answers as ComplaintAnswers[keyof ComplaintAnswers];
  switch (slug) {
    case "complainant": {
      const v = a as ComplaintAnswers["complainant"];
      return [
        { key: "Complainant organisation", value: v.complainantName },
        { key: "Representative", value: v.representativeName },
        { key: "Representative firm", value: v.representativeFirm },
        { key: "Contact email address", value: v.contactEmail },
        { key: "Contact telephone number", value: v.contactPhone },
      ];
    }
    case "respondent": {
      const v = a as ComplaintAnswers["respondent"];
      return [
        { key: "Respondent", value: v.respondentName },
        { key: "Country", value: countryName(v.respondentCountry) },
        { key: "Contact details", value: v.respondentContact ?? "Not known" },
      ];
    }
    case "ip-rights": {
      const v = a as ComplaintAnswers["ipRights"];
      const rights = v.ipRights.map((right) => (right === "other" && v.otherIpRight ? `Other: ${v.otherIpRight}` : labelOf(IP_RIGHT_OPTIONS, right)));
      return [{ key: "Rights concerned", value: rights.join("\n") }];
    }
    case "technology": {
      const v = a as ComplaintAnswers["technology"];
      return [
        { key: "Description", value: v.technologyDescription },
        { key: "Kind of technology", value: v.technologyTags.map((tag) => labelOf(TECHNOLOGY_TAG_OPTIONS, tag)).join("\n") || "None selected" },
      ];
    }
    case "misappropriation": {
      const v = a as ComplaintAnswers["misappropriation"];
      return [
        { key: "How it happened", value: v.howItHappened },
        { key: "When it happened", value: v.happenedOn ? formatCalendarDate(v.happenedOn) : `Date not known: ${v.approximatePeriod ?? ""}` },
      ];
    }
    case "harm": {
      const v = a as ComplaintAnswers["harm"];
      return [
        { key: "Harm", value: v.harmDescription },
        { key: "Urgency", value: labelOf(URGENCY_OPTIONS, v.urgency) },
        { key: "Interim measures requested", value: v.interimMeasuresRequested ? `Yes\n${v.interimMeasuresDetails ?? ""}` : "No" },
      ];
    }
    case "related-proceedings": {
      const v = a as ComplaintAnswers["relatedProceedings"];
      return [{ key: "Related proceedings elsewhere", value: v.hasRelatedProceedings ? `Yes\n${v.relatedProceedingsDetails ?? ""}` : "No" }];
    }
    case "remedy": {
      const v = a as ComplaintAnswers["remedy"];
      return [{ key: "Remedy sought", value: v.remedySought }];
    }
  }
  return [];
}

export interface SectionSummary {
  slug: SectionSlug;
  title: string;
  /** Null when the section is not finished. */
  rows: AnswerRow[] | null;
}

/** Every section of a complaint, with its rows where the section is complete. */
export function complaintSummary(answers: Partial<ComplaintAnswers>): SectionSummary[] {
  return SECTION_SLUGS.map((slug) => {
    const section = answers[SECTION_KEYS[slug]];
    return { slug, title: SECTION_TITLES[slug], rows: section ? answerRows(slug, section as never) : null };
  });
}

/**
 * What a case page shows of the complaint as filed: the completed sections in the words of the form.
 * Complaints that predate the question pages (the demo data) carry a single summary instead.
 */
export function filedComplaint(complaint: Record<string, unknown>): { sections: { title: string; rows: AnswerRow[] }[]; summary: string | null } {
  const sections = complaintSummary(complaint as Partial<ComplaintAnswers>).flatMap((s) => (s.rows ? [{ title: s.title, rows: s.rows }] : []));
  return { sections, summary: typeof complaint.summary === "string" ? complaint.summary : null };
}
