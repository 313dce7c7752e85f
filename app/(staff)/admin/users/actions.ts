"use server";

import { revalidatePath } from "next/cache";
import { setUserDisabled } from "@/domain/users/set-user-disabled";
import { runFormAction, type FormState } from "@/server/action";

export async function setUserDisabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) =>
    setUserDisabled(ctx, { userId: String(formData.get("userId") ?? ""), disabled: formData.get("disabled") === "true", reason: String(formData.get("reason") ?? "") }),
  );
  if (result?.ok) revalidatePath("/admin/users");
  return result?.ok ? { ok: true, message: formData.get("disabled") === "true" ? "Account disabled. The user was signed out." : "Account enabled." } : result;
}
