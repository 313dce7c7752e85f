"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FieldErrors } from "@/domain/errors";
import { discardUpload } from "@/domain/evidence/uploads";
import { receiptPath, submitEvidence } from "@/domain/evidence/submit-evidence";
import { runFormAction, type FormState } from "./action";
import { flushOutbox } from "./mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * The verb names item fields by position (items.2.title); the upload page names them by the row
 * each file has on the page (title-f7), so errors land next to the right file.
 */
function fieldErrorsForPage(fieldErrors: FieldErrors, rowKeys: string[]): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(fieldErrors)) {
    const item = /^items\.(\d+)\.(uploadId|title|description)$/.exec(key);
    const rowKey = item ? rowKeys[Number(item[1])] : undefined;
    if (item && rowKey) mapped[`${item[2] === "uploadId" ? "file" : item[2]}-${rowKey}`] = message;
    else if (key === "items") mapped["evidence-files"] = message;
    else mapped[key] = message;
  }
  return mapped;
}

/** Files the page's completed uploads as one submission, then shows the filer its receipt. */
export async function submitEvidenceAction(_: FormState, formData: FormData): Promise<FormState> {
  const caseId = field(formData, "caseId");
  const rowKeys = formData.getAll("item").filter((key): key is string => typeof key === "string");
  let receipt = "";
  let casePath = "";
  const result = await runFormAction(formData, (ctx) => {
    const { submissionId } = submitEvidence(ctx, {
      caseId,
      confidentiality: field(formData, "confidentiality"),
      supersedesId: field(formData, "supersedesId"),
      nonConfidentialVersionOfId: field(formData, "nonConfidentialVersionOfId"),
      items: rowKeys.map((key) => ({ uploadId: field(formData, `uploadId-${key}`), title: field(formData, `title-${key}`), description: field(formData, `description-${key}`) })),
    });
    receipt = receiptPath(ctx.actor!, caseId, submissionId);
    casePath = `${ctx.actor!.role === "party" ? "/portal" : ""}/cases/${caseId}`;
  });
  if (!result?.ok) return result && { ...result, fieldErrors: fieldErrorsForPage(result.fieldErrors, rowKeys) };
  flushOutbox();
  revalidatePath(casePath);
  redirect(receipt);
}

/** Removes one completed upload from the page before it is submitted. */
export async function removeUploadAction(_: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, (ctx) => discardUpload(ctx, field(formData, "uploadId")));
}
