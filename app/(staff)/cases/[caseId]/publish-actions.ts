"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CaseOutcome } from "@/components/app/case-outcomes";
import { publishCase } from "@/domain/register/publish-case";
import { runFormAction, type FormState } from "@/server/action";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Publishes the case on the register, or replaces its public summary if it is already there, then
 * shows the case again with the outcome. The register pages are refreshed too.
 */
export async function publishCaseAction(_: FormState, formData: FormData): Promise<FormState> {
  const caseId = field(formData, "caseId");
  let outcome: CaseOutcome = "published";
  const result = await runFormAction(formData, (ctx) => {
    const published = publishCase(ctx, { caseId, publicSummary: field(formData, "publicSummary") });
    outcome = published.firstPublication ? "published" : "summary-updated";
  });
  if (!result?.ok) return result;
  const path = `/cases/${encodeURIComponent(caseId)}`;
  revalidatePath(path);
  revalidatePath("/public-register", "layout");
  redirect(`${path}?done=${outcome}`);
}
