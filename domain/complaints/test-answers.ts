import { SECTION_KEYS, type SectionSlug } from "./questions";
import type { DraftAnswers, SectionFormValues } from "./sections";

/** A complete, valid answer to every page, as the form would send it. Fictional. For tests only. */
export const COMPLETE_ANSWERS: Record<SectionSlug, SectionFormValues> = {
  complainant: {
    complainantName: "Corvid Labs Ltd",
    representativeName: "Aisha Mensah",
    representativeFirm: "Harrow & Vell LLP",
    contactEmail: "aisha.mensah@harrowvell.example",
    contactPhone: "020 7946 0000",
  },
  respondent: { respondentName: "Meridian Cloud Systems Pte Ltd", respondentCountry: "SG", respondentContact: "" },
  "ip-rights": { ipRights: ["trade_secret", "copyright"], otherIpRight: "" },
  technology: {
    technologyDescription: "The attention-head configuration and reward-model training recipe of our Corvid-3 model, including its rook-shaped sparsity pattern.",
    technologyTags: ["model architecture", "fine-tuning / RLHF / reward model"],
  },
  misappropriation: { howItHappened: "A former research engineer copied the training repository before leaving.", dateKnown: "yes", "happenedOn-day": "3", "happenedOn-month": "2", "happenedOn-year": "2026", approximatePeriod: "" },
  harm: { harmDescription: "Loss of a lead of roughly nine months over competitors.", urgency: "weeks", interimMeasures: "no", interimMeasuresDetails: "" },
  "related-proceedings": { relatedProceedings: "no", relatedProceedingsDetails: "" },
  remedy: { remedySought: "An order that the respondent stops distributing the Meridian-7 weights." },
};

/** Answers by page, turned into a draft's `complaint` JSON (keyed by section key). */
export function asDraftAnswers(bySlug: Partial<Record<SectionSlug, SectionFormValues>>): DraftAnswers {
  return Object.fromEntries(Object.entries(bySlug).map(([slug, values]) => [SECTION_KEYS[slug as SectionSlug], values]));
}
