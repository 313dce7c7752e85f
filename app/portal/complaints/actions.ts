"use server";

import { redirect } from "next/navigation";
import { deleteDraftComplaint } from "@/domain/complaints/delete-draft";
import { isSectionSlug, SECTION_SLUGS, type SectionSlug } from "@/domain/complaints/questions";
import { saveComplaintSection } from "@/domain/complaints/save-complaint-section";
import { isMultipleChoiceField, SECTION_FIELDS } from "@/domain/complaints/sections";
import { startComplaint } from "@/domain/complaints/start-complaint";
import { submitComplaint } from "@/domain/complaints/submit-complaint";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

const draftPath = (draftId: string, page = "") => `/portal/complaints/${encodeURIComponent(draftId)}${page ? `/${page}` : ""}`;

export async function startComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  const started = { id: "" };
  const result = await runFormAction(formData, (ctx) => {
    started.id = startComplaint(ctx).id;
  });
  if (!result?.ok) return result;
  redirect(draftPath(started.id));
}

/** One page's answers from the form: every checked box of a checkbox group, one value otherwise. */
function sectionAnswers(formData: FormData, section: SectionSlug): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SECTION_FIELDS[section])) {
    answers[name] = spec.kind === "list" ? formData.getAll(name).filter((v): v is string => typeof v === "string") : field(formData, name);
  }
  return answers;
}

export async function saveComplaintSectionAction(_: FormState, formData: FormData): Promise<FormState> {
  const draftId = field(formData, "draftId");
  const section = field(formData, "section");
  const intent = field(formData, "intent") === "later" ? "later" : "continue";
  const answers = isSectionSlug(section) ? sectionAnswers(formData, section) : {};
  const result = await runFormAction(formData, (ctx) => saveComplaintSection(ctx, { draftId, section: section as SectionSlug, answers, intent }));
  if (!result?.ok) {
    if (result && isSectionSlug(section)) {
      // FormState echoes one value per field; a checkbox group needs all its ticks back, even none.
      for (const name of Object.keys(SECTION_FIELDS[section])) {
        if (isMultipleChoiceField(section, name)) result.values[name] = (answers[name] as string[]).join("\n");
      }
    }
    return result;
  }
  if (intent === "later") redirect(draftPath(draftId));
  if (field(formData, "return") === "check") redirect(draftPath(draftId, "check-answers"));
  const next = SECTION_SLUGS[SECTION_SLUGS.indexOf(section as SectionSlug) + 1];
  redirect(draftPath(draftId, next ?? "check-answers"));
}

export async function submitComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  const submitted = { caseId: "" };
  const result = await runFormAction(formData, (ctx) => {
    submitted.caseId = submitComplaint(ctx, { draftId: field(formData, "draftId"), statementOfTruth: field(formData, "statementOfTruth"), signatoryName: field(formData, "signatoryName") }).caseId;
  });
  if (!result?.ok) return result;
  flushOutbox();
  redirect(draftPath(submitted.caseId, "confirmation"));
}

export async function deleteDraftComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) => deleteDraftComplaint(ctx, { draftId: field(formData, "draftId") }));
  if (!result?.ok) return result;
  redirect("/portal?draft=deleted");
}
