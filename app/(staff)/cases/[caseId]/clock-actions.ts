"use server";

import { revalidatePath } from "next/cache";
import { extendDeadline } from "@/domain/deadlines/extend-deadline";
import { restartClock } from "@/domain/deadlines/restart-clock";
import { stopClock } from "@/domain/deadlines/stop-clock";
import { runFormAction, type FormState } from "@/server/action";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

async function clockAction(formData: FormData, work: Parameters<typeof runFormAction>[1], success: string): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  revalidatePath(`/cases/${text(formData, "caseId") ?? ""}`);
  return { ok: true, message: success };
}

export async function stopClockAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return clockAction(formData, (ctx) => stopClock(ctx, { deadlineId: text(formData, "deadlineId") ?? "", reason: text(formData, "reason") ?? "", effectiveOn: text(formData, "effectiveOn") }), "Clock stopped.");
}

export async function restartClockAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return clockAction(formData, (ctx) => restartClock(ctx, { deadlineId: text(formData, "deadlineId") ?? "", reason: text(formData, "reason") ?? "", lastStoppedOn: text(formData, "lastStoppedOn") }), "Clock restarted.");
}

export async function extendDeadlineAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return clockAction(formData, (ctx) => extendDeadline(ctx, { deadlineId: text(formData, "deadlineId") ?? "", days: text(formData, "days") ?? "", reason: text(formData, "reason") ?? "" }), "Deadline extended.");
}
