"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markAllNotificationsRead, markNotificationRead } from "@/domain/notifications/mark-read";
import { saveEmailPreferences } from "@/domain/notifications/preferences";
import { runFormAction, type FormState } from "@/server/action";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Back to the inbox page the reader was on (a keyset cursor is base64url), with what happened. */
function inboxHref(formData: FormData, outcome: string): string {
  const after = field(formData, "after");
  const query = new URLSearchParams({ done: outcome });
  if (/^[A-Za-z0-9_-]{1,300}$/.test(after)) query.set("after", after);
  return `/notifications?${query}`;
}

export async function markNotificationReadAction(formData: FormData): Promise<void> {
  const result = await runFormAction(formData, (ctx) => markNotificationRead(ctx, { notificationId: field(formData, "notificationId") }));
  // The header's unread count is drawn by the root layout, so the whole tree is refreshed.
  revalidatePath("/", "layout");
  redirect(inboxHref(formData, result?.ok ? "read" : "not-found"));
}

export async function markAllNotificationsReadAction(formData: FormData): Promise<void> {
  const result = await runFormAction(formData, (ctx) => markAllNotificationsRead(ctx, { before: field(formData, "before") || undefined }));
  revalidatePath("/", "layout");
  redirect(result?.ok ? "/notifications?done=all-read" : "/notifications?done=not-saved");
}

export async function saveEmailSettingsAction(_: FormState, formData: FormData): Promise<FormState> {
  const modes: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("mode:") && typeof value === "string") modes[name.slice("mode:".length)] = value;
  }
  const result = await runFormAction(formData, (ctx) => saveEmailPreferences(ctx, { modes }));
  if (!result?.ok) {
    // Errors are keyed by kind; the form's fields are named "mode:<kind>".
    const fieldErrors = Object.fromEntries(Object.entries(result?.fieldErrors ?? {}).map(([key, message]) => [key === "_form" ? key : `mode:${key}`, message]));
    return result ? { ...result, fieldErrors } : result;
  }
  revalidatePath("/notifications/settings");
  redirect("/notifications/settings?saved=1");
}
