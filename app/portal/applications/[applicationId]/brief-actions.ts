"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fileBrief } from "@/domain/amicus/file-brief";
import { DomainError, type FieldErrors } from "@/domain/errors";
import { discardUpload } from "@/domain/evidence/uploads";
import { runFormAction, type FormState } from "@/server/action";
import { blobStore } from "@/server/blobs";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** The verb names the brief's problems `brief` (or `uploadId`); the uploader shows them against its file row, or its picker if there is none. */
function fieldErrorsForUploader(fieldErrors: FieldErrors, rowKey: string | undefined): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(fieldErrors)) {
    if (key === "brief" || key === "uploadId") mapped[rowKey ? `file-${rowKey}` : "evidence-files"] = message;
    else mapped[key] = message;
  }
  return mapped;
}

/** Files the applicant's uploaded brief, then shows the application with the outcome. */
export async function fileBriefAction(_: FormState, formData: FormData): Promise<FormState> {
  const applicationId = field(formData, "applicationId");
  const rowKey = formData.getAll("item").find((key): key is string => typeof key === "string");
  const result = await runFormAction(formData, (ctx) => fileBrief(ctx, { applicationId, uploadId: rowKey ? field(formData, `uploadId-${rowKey}`) : "" }, blobStore()));
  if (!result?.ok) return result && { ...result, fieldErrors: fieldErrorsForUploader(result.fieldErrors, rowKey) };
  flushOutbox();
  const path = `/portal/applications/${encodeURIComponent(applicationId)}`;
  revalidatePath(path);
  redirect(`${path}?done=brief-filed`);
}

/**
 * Removes the uploaded brief from the page. One already refused (over the word limit, say) is no
 * longer usable and so is already gone as far as the applicant is concerned: removing it succeeds.
 */
export async function removeBriefUploadAction(_: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, (ctx) => {
    try {
      discardUpload(ctx, field(formData, "uploadId"));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "not_found")) throw error;
    }
  });
}
