import { z } from "zod";
import type { IpRight } from "@/db/schema";
import { fieldErrorsFromZod, type FieldErrors } from "../errors";
import { isCountryCode } from "./countries";
import { dateProblem, toIsoDate } from "./date-answer";
import { IP_RIGHT_OPTIONS, SECTION_KEYS, SECTION_SLUGS, SECTION_TITLES, TECHNOLOGY_TAG_OPTIONS, URGENCY_OPTIONS, YES_NO_OPTIONS, type SectionKey, type SectionSlug } from "./questions";

/**
 * The complaint's sections: what each page collects, how a draft stores it, and when it counts
 * as complete. Shared by the question pages and the verbs, so a page and the submit check can
 * never disagree about what "complete" means.
 *
 * A draft stores each section as typed (trimmed strings and lists of chosen options), so a
 * half-finished page can be saved and shown again exactly. Submitting turns every section into
 * its checked form (`ComplaintAnswers`: booleans, ISO dates, nulls for unanswered optional parts).
 */

/** One section's answers as a draft holds them: what the form fields contained. */
export type SectionFormValues = Record<string, string | string[]>;

type FieldSpec = { kind: "text"; max: number; tooLong: string } | { kind: "list"; options: readonly string[] };

const text = (max: number, tooLong: string): FieldSpec => ({ kind: "text", max, tooLong });
const list = (options: [string, string][]): FieldSpec => ({ kind: "list", options: options.map(([value]) => value) });
const datePartLimit = text(10, "Enter the date as numbers, for example 27 3 2026");

/** Every field of every page, with the longest answer a draft will keep. Names are unique across the form. */
export const SECTION_FIELDS: Record<SectionSlug, Record<string, FieldSpec>> = {
  complainant: {
    complainantName: text(200, "Complainant organisation name must be 200 characters or fewer"),
    representativeName: text(200, "Representative name must be 200 characters or fewer"),
    representativeFirm: text(200, "Representative firm must be 200 characters or fewer"),
    contactEmail: text(254, "Contact email address must be 254 characters or fewer"),
    contactPhone: text(30, "Contact telephone number must be 30 characters or fewer"),
  },
  respondent: {
    respondentName: text(200, "Respondent name must be 200 characters or fewer"),
    respondentCountry: text(2, "Select the country where the respondent is based"),
    respondentContact: text(2000, "Respondent contact details must be 2,000 characters or fewer"),
  },
  "ip-rights": {
    ipRights: list(IP_RIGHT_OPTIONS),
    otherIpRight: text(500, "Description of the other right must be 500 characters or fewer"),
  },
  technology: {
    technologyDescription: text(10_000, "Description of the technology must be 10,000 characters or fewer"),
    technologyTags: list(TECHNOLOGY_TAG_OPTIONS),
  },
  misappropriation: {
    howItHappened: text(10_000, "How the misappropriation happened must be 10,000 characters or fewer"),
    dateKnown: list(YES_NO_OPTIONS),
    "happenedOn-day": datePartLimit,
    "happenedOn-month": datePartLimit,
    "happenedOn-year": datePartLimit,
    approximatePeriod: text(200, "Approximate period must be 200 characters or fewer"),
  },
  harm: {
    harmDescription: text(10_000, "Description of the harm must be 10,000 characters or fewer"),
    urgency: list(URGENCY_OPTIONS),
    interimMeasures: list(YES_NO_OPTIONS),
    interimMeasuresDetails: text(5000, "Interim measures must be 5,000 characters or fewer"),
  },
  "related-proceedings": {
    relatedProceedings: list(YES_NO_OPTIONS),
    relatedProceedingsDetails: text(5000, "Details of the related proceedings must be 5,000 characters or fewer"),
  },
  remedy: {
    remedySought: text(5000, "Remedy sought must be 5,000 characters or fewer"),
  },
};

/** Fields that hold one choice from a list (radios) rather than several (checkboxes). */
const SINGLE_CHOICE = new Set(["dateKnown", "urgency", "interimMeasures", "relatedProceedings"]);

/** Field names in page order, for ordering an error summary. */
export const fieldOrder = (slug: SectionSlug): string[] => Object.keys(SECTION_FIELDS[slug]);

export const isMultipleChoiceField = (slug: SectionSlug, name: string): boolean => SECTION_FIELDS[slug][name]?.kind === "list" && !SINGLE_CHOICE.has(name);

const strs = (values: SectionFormValues, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? value : [];
};

/**
 * Tidies what a page sent into the shape a draft stores: known fields only, text trimmed,
 * choices limited to the offered options, and answers to questions that no longer apply (the
 * "other" description once "Other" is unticked, say) cleared. Reports over-long answers, the
 * one thing even a "come back later" save must refuse.
 */
export function tidySectionAnswers(slug: SectionSlug, raw: Record<string, unknown>): { values: SectionFormValues; fieldErrors: FieldErrors } {
  const values: SectionFormValues = {};
  const fieldErrors: FieldErrors = {};
  for (const [name, spec] of Object.entries(SECTION_FIELDS[slug])) {
    const given = raw[name];
    if (spec.kind === "text") {
      values[name] = typeof given === "string" ? given.trim() : "";
      if (values[name].length > spec.max) fieldErrors[name] = spec.tooLong;
    } else {
      const chosen = new Set((Array.isArray(given) ? given : [given]).filter((v): v is string => typeof v === "string"));
      const picked = spec.options.filter((option) => chosen.has(option));
      values[name] = SINGLE_CHOICE.has(name) ? (picked[0] ?? "") : picked;
    }
  }
  clearAnswersThatNoLongerApply(slug, values);
  return { values, fieldErrors };
}

function clearAnswersThatNoLongerApply(slug: SectionSlug, values: SectionFormValues): void {
  if (slug === "ip-rights" && !strs(values, "ipRights").includes("other")) values.otherIpRight = "";
  if (slug === "misappropriation") {
    if (values.dateKnown === "yes") values.approximatePeriod = "";
    if (values.dateKnown === "no") for (const part of ["day", "month", "year"]) values[`happenedOn-${part}`] = "";
  }
  if (slug === "harm" && values.interimMeasures === "no") values.interimMeasuresDetails = "";
  if (slug === "related-proceedings" && values.relatedProceedings === "no") values.relatedProceedingsDetails = "";
}

type Check = (ok: boolean, path: string, message: string) => void;

/** Runs a section's rules in page order, so each field gets its first problem only. */
function rules<T extends Record<string, unknown>>(shape: z.ZodType<T>, body: (values: T, check: Check) => void) {
  return shape.superRefine((values, ctx) => {
    body(values, (ok, path, message) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    });
  });
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()-]+$/;
const isPhoneNumber = (value: string) => PHONE_PATTERN.test(value) && value.replace(/\D/g, "").length >= 7 && value.replace(/\D/g, "").length <= 15;
const orNull = (value: string): string | null => (value === "" ? null : value);

const textFields = <K extends string>(...names: K[]) => z.object(Object.fromEntries(names.map((n) => [n, z.string()])) as Record<K, z.ZodString>);

/** The rules for a section to count as complete, and the checked answers it turns into. */
const STRICT_SCHEMAS = {
  complainant: () =>
    rules(textFields("complainantName", "representativeName", "representativeFirm", "contactEmail", "contactPhone"), (v, check) => {
      check(v.complainantName !== "", "complainantName", "Enter the name of the organisation making the complaint");
      check(v.representativeName !== "", "representativeName", "Enter the name of the representative");
      check(v.representativeFirm !== "", "representativeFirm", "Enter the name of the representative’s firm");
      check(v.contactEmail !== "", "contactEmail", "Enter a contact email address");
      check(v.contactEmail === "" || EMAIL_PATTERN.test(v.contactEmail), "contactEmail", "Enter an email address in the correct format, like name@example.com");
      check(v.contactPhone !== "", "contactPhone", "Enter a contact telephone number");
      check(v.contactPhone === "" || isPhoneNumber(v.contactPhone), "contactPhone", "Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000");
    }),
  respondent: () =>
    rules(textFields("respondentName", "respondentCountry", "respondentContact"), (v, check) => {
      check(v.respondentName !== "", "respondentName", "Enter the name of the respondent");
      check(isCountryCode(v.respondentCountry), "respondentCountry", "Select the country where the respondent is based");
    }).transform((v) => ({ respondentName: v.respondentName, respondentCountry: v.respondentCountry, respondentContact: orNull(v.respondentContact) })),
  "ip-rights": () =>
    rules(z.object({ ipRights: z.array(z.string()), otherIpRight: z.string() }), (v, check) => {
      check(v.ipRights.length > 0, "ipRights", "Select at least one intellectual property right");
      check(!v.ipRights.includes("other") || v.otherIpRight !== "", "otherIpRight", "Describe the other intellectual property right");
    }).transform((v) => ({ ipRights: v.ipRights as IpRight[], otherIpRight: v.ipRights.includes("other") ? v.otherIpRight : null })),
  technology: () =>
    rules(z.object({ technologyDescription: z.string(), technologyTags: z.array(z.string()) }), (v, check) => {
      check(v.technologyDescription !== "", "technologyDescription", "Describe the technology you say was copied");
    }),
  misappropriation: (today: string) =>
    rules(textFields("howItHappened", "dateKnown", "happenedOn-day", "happenedOn-month", "happenedOn-year", "approximatePeriod"), (v, check) => {
      check(v.howItHappened !== "", "howItHappened", "Describe how the misappropriation happened");
      check(v.dateKnown !== "", "dateKnown", "Select yes if you know the date it happened");
      if (v.dateKnown === "yes") {
        const problem = dateProblem(happenedOnParts(v), { label: "Date it happened", missing: "Enter the date it happened", today });
        if (problem) check(false, `happenedOn-${problem.parts[0]}`, problem.message);
      }
      if (v.dateKnown === "no") check(v.approximatePeriod !== "", "approximatePeriod", "Enter the approximate period when it happened");
    }).transform((v) => ({
      howItHappened: v.howItHappened,
      happenedOn: v.dateKnown === "yes" ? toIsoDate(happenedOnParts(v)) : null,
      approximatePeriod: v.dateKnown === "no" ? v.approximatePeriod : null,
    })),
  harm: () =>
    rules(textFields("harmDescription", "urgency", "interimMeasures", "interimMeasuresDetails"), (v, check) => {
      check(v.harmDescription !== "", "harmDescription", "Describe the harm caused or likely to be caused");
      check(v.urgency !== "", "urgency", "Select how urgent the complaint is");
      check(v.interimMeasures !== "", "interimMeasures", "Select yes if you are asking for interim measures");
      check(v.interimMeasures !== "yes" || v.interimMeasuresDetails !== "", "interimMeasuresDetails", "Describe the interim measures you are asking for");
    }).transform((v) => ({
      harmDescription: v.harmDescription,
      urgency: v.urgency as "immediate" | "weeks" | "standard",
      interimMeasuresRequested: v.interimMeasures === "yes",
      interimMeasuresDetails: v.interimMeasures === "yes" ? v.interimMeasuresDetails : null,
    })),
  "related-proceedings": () =>
    rules(textFields("relatedProceedings", "relatedProceedingsDetails"), (v, check) => {
      check(v.relatedProceedings !== "", "relatedProceedings", "Select yes if there are related proceedings elsewhere");
      check(v.relatedProceedings !== "yes" || v.relatedProceedingsDetails !== "", "relatedProceedingsDetails", "Give details of the related proceedings");
    }).transform((v) => ({
      hasRelatedProceedings: v.relatedProceedings === "yes",
      relatedProceedingsDetails: v.relatedProceedings === "yes" ? v.relatedProceedingsDetails : null,
    })),
  remedy: () =>
    rules(textFields("remedySought"), (v, check) => {
      check(v.remedySought !== "", "remedySought", "Describe the remedy you are seeking");
    }),
} satisfies Record<SectionSlug, (today: string) => z.ZodType>;

function happenedOnParts(v: Record<string, string>) {
  return { day: v["happenedOn-day"] ?? "", month: v["happenedOn-month"] ?? "", year: v["happenedOn-year"] ?? "" };
}

/** The checked answers of every section, as a submitted complaint stores them. */
export type ComplaintAnswers = { [S in SectionSlug as (typeof SECTION_KEYS)[S]]: z.output<ReturnType<(typeof STRICT_SCHEMAS)[S]>> };

export type SectionCheck<S extends SectionSlug = SectionSlug> = { complete: true; answers: ComplaintAnswers[(typeof SECTION_KEYS)[S]] } | { complete: false; fieldErrors: FieldErrors };

/**
 * Whether a section's answers are complete, with the first problem of each field if not.
 * `today` (a London calendar date) is what "not in the future" is measured against.
 */
export function checkSection<S extends SectionSlug>(slug: S, raw: Record<string, unknown>, today: string): SectionCheck<S> {
  const { values, fieldErrors } = tidySectionAnswers(slug, raw);
  const result = (STRICT_SCHEMAS[slug] as (today: string) => z.ZodType)(today).safeParse(values);
  if (result.success && Object.keys(fieldErrors).length === 0) return { complete: true, answers: result.data as ComplaintAnswers[(typeof SECTION_KEYS)[S]] };
  return { complete: false, fieldErrors: { ...(result.success ? {} : fieldErrorsFromZod(result.error)), ...fieldErrors } };
}

export type SectionStatus = "completed" | "incomplete" | "not_started";

export interface SectionProgress {
  slug: SectionSlug;
  key: SectionKey;
  title: string;
  status: SectionStatus;
}

/** A draft's `complaint` JSON, section by section. */
export type DraftAnswers = Partial<Record<SectionKey, SectionFormValues>>;

export function draftSection(answers: DraftAnswers, slug: SectionSlug): SectionFormValues | undefined {
  const stored = answers[SECTION_KEYS[slug]];
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : undefined;
}

/** Each section's status for the task list: not started (never saved), incomplete, or completed. */
export function draftProgress(answers: DraftAnswers, today: string): SectionProgress[] {
  return SECTION_SLUGS.map((slug) => {
    const stored = draftSection(answers, slug);
    const status: SectionStatus = stored === undefined ? "not_started" : checkSection(slug, stored, today).complete ? "completed" : "incomplete";
    return { slug, key: SECTION_KEYS[slug], title: SECTION_TITLES[slug], status };
  });
}

/** The checked answers of the sections that are complete, and the sections still to finish (in form order). */
export function checkDraft(answers: DraftAnswers, today: string): { checked: Partial<ComplaintAnswers>; unfinished: SectionSlug[] } {
  const checked: Record<string, unknown> = {};
  const unfinished: SectionSlug[] = [];
  for (const slug of SECTION_SLUGS) {
    const result = checkSection(slug, draftSection(answers, slug) ?? {}, today);
    if (result.complete) checked[SECTION_KEYS[slug]] = result.answers;
    else unfinished.push(slug);
  }
  return { checked: checked as Partial<ComplaintAnswers>, unfinished };
}

/** Every section's checked answers, or the sections still to finish (in form order). */
export function checkWholeComplaint(answers: DraftAnswers, today: string): { complete: true; answers: ComplaintAnswers } | { complete: false; unfinished: SectionSlug[] } {
  const { checked, unfinished } = checkDraft(answers, today);
  return unfinished.length === 0 ? { complete: true, answers: checked as ComplaintAnswers } : { complete: false, unfinished };
}
