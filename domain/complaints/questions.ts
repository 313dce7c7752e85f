import type { IpRight } from "@/db/schema";

/**
 * The words of the complaint form: section names, question labels and answer options. Kept free
 * of database and validation code so the question pages (client components) can import it.
 */

export const SECTION_SLUGS = ["complainant", "respondent", "ip-rights", "technology", "misappropriation", "harm", "related-proceedings", "remedy"] as const;
export type SectionSlug = (typeof SECTION_SLUGS)[number];

/** The key each section's answers are stored under in the case's `complaint` JSON. */
export const SECTION_KEYS = {
  complainant: "complainant",
  respondent: "respondent",
  "ip-rights": "ipRights",
  technology: "technology",
  misappropriation: "misappropriation",
  harm: "harm",
  "related-proceedings": "relatedProceedings",
  remedy: "remedy",
} as const satisfies Record<SectionSlug, string>;
export type SectionKey = (typeof SECTION_KEYS)[SectionSlug];

export const SECTION_TITLES: Record<SectionSlug, string> = {
  complainant: "Complainant and representative",
  respondent: "Respondent",
  "ip-rights": "Intellectual property rights concerned",
  technology: "Technology alleged to be copied",
  misappropriation: "How and when it happened",
  harm: "Harm and urgency",
  "related-proceedings": "Related proceedings",
  remedy: "Remedy sought",
};

export const isSectionSlug = (value: string): value is SectionSlug => (SECTION_SLUGS as readonly string[]).includes(value);

export const IP_RIGHT_OPTIONS: [IpRight, string][] = [
  ["trade_secret", "Trade secret or confidential information"],
  ["copyright", "Copyright"],
  ["database_right", "Database right"],
  ["patent", "Patent"],
  ["design", "Design"],
  ["other", "Other"],
];

/** Stored as written here: the same words the case list, filters and demo data use. */
export const TECHNOLOGY_TAG_OPTIONS: [string, string][] = [
  ["model architecture", "Model architecture"],
  ["weights", "Model weights"],
  ["training data", "Training data"],
  ["fine-tuning / RLHF / reward model", "Fine-tuning, RLHF or reward model"],
  ["safety framework", "Safety framework"],
  ["source code", "Source code"],
];

export const URGENCY_OPTIONS: [string, string][] = [
  ["immediate", "Very urgent"],
  ["weeks", "Urgent"],
  ["standard", "Not urgent"],
];

export const YES_NO_OPTIONS: [string, string][] = [
  ["yes", "Yes"],
  ["no", "No"],
];

/** Every question's label, by field name. Field names are unique across the whole form. */
export const QUESTION_LABELS = {
  complainantName: "Complainant organisation name",
  representativeName: "Representative name",
  representativeFirm: "Representative firm",
  contactEmail: "Contact email address",
  contactPhone: "Contact telephone number",
  respondentName: "Respondent name",
  respondentCountry: "Country where the respondent is based",
  respondentContact: "Respondent contact details (optional)",
  ipRights: "Which intellectual property rights are concerned?",
  otherIpRight: "Describe the other right",
  technologyDescription: "Describe the technology you say was copied",
  technologyTags: "What kind of technology is it? (optional)",
  howItHappened: "How did the misappropriation happen?",
  dateKnown: "Do you know the date it happened?",
  happenedOn: "Date it happened",
  approximatePeriod: "Approximate period",
  harmDescription: "Describe the harm caused or likely to be caused",
  urgency: "How urgent is the complaint?",
  interimMeasures: "Are you asking for interim measures?",
  interimMeasuresDetails: "What interim measures are you asking for, and why?",
  relatedProceedings: "Are there any related proceedings elsewhere?",
  relatedProceedingsDetails: "Give details of the related proceedings",
  remedySought: "What remedy are you seeking?",
} as const;

export const QUESTION_HINTS: Partial<Record<keyof typeof QUESTION_LABELS, string>> = {
  complainantName: "The organisation you act for, for example the AI lab whose technology was copied.",
  representativeFirm: "The law firm or organisation you work for.",
  respondentName: "The person or organisation you say copied the technology.",
  respondentContact: "For example, a postal address, an email address or the name of their lawyers, if you know them.",
  ipRights: "Select all that apply.",
  technologyDescription: "Include what it does, what makes it distinctive and where it appears in the respondent’s product. Up to 10,000 characters.",
  technologyTags: "Select all that apply.",
  howItHappened: "For example, a former employee took files, a model was distilled from your API, or a licence was breached.",
  happenedOn: "If it happened over a period, give the date it started. For example, 27 3 2026",
  approximatePeriod: "For example, between January and March 2026",
  harmDescription: "For example, lost revenue, loss of competitive advantage or risks to safety.",
  urgency: "Very urgent means serious harm is happening now or is about to happen. Urgent means serious harm is likely within weeks.",
  interimMeasures: "Interim measures are temporary steps taken before the complaint is decided, for example to stop a model being distributed.",
  relatedProceedings: "For example, court cases, arbitration or complaints to other regulators, in the UK or abroad.",
  relatedProceedingsDetails: "Include the court or body, the case number and what stage the proceedings have reached.",
  remedySought: "For example, that the respondent stops using the technology, deletes copied weights or pays compensation.",
};

export const STATEMENT_OF_TRUTH = "I believe that the facts stated in this complaint are true";
