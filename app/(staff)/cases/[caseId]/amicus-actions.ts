"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decideApplication } from "@/domain/amicus/decide-application";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Grants or refuses leave to file an amicus brief, then shows the case again with the outcome. */
export async function decideAmicusApplicationAction(_: FormState, formData: FormData): Promise<FormState> {
  let decided: ReturnType<typeof decideApplication> | undefined;
  const result = await runFormAction(formData, (ctx) => {
    decided = decideApplication(ctx, {
      applicationId: field(formData, "applicationId"),
      outcome: field(formData, "outcome"),
      reasons: field(formData, "reasons"),
      wordLimit: field(formData, "wordLimit"),
    });
  });
  if (!result?.ok || !decided) return result;
  flushOutbox();
  // The case the application is on, not whatever the form said.
  const path = `/cases/${encodeURIComponent(decided.caseId)}`;
  revalidatePath(path);
  redirect(`${path}?done=${decided.status === "granted" ? "amicus-granted" : "amicus-refused"}`);
}
