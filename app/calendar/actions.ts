"use server";

import { revalidatePath } from "next/cache";
import { createCalendarFeed, type CreatedCalendarFeed } from "@/domain/calendar/create-calendar-feed";
import { revokeCalendarFeed } from "@/domain/calendar/revoke-calendar-feed";
import { runFormAction, type FormState } from "@/server/action";

/**
 * A form's outcome; after creating a link it carries the secret URL, shown this once only. `at`
 * orders the outcomes of the two forms, so turning a link off hides the banner showing it.
 */
export type CalendarFormState = Exclude<FormState, { ok: true } | null> | { ok: true; message: string; url?: string; at: number } | null;

const caseIdFrom = (formData: FormData) => {
  const value = formData.get("caseId");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

export async function createCalendarFeedAction(_previous: CalendarFormState, formData: FormData): Promise<CalendarFormState> {
  const caseId = caseIdFrom(formData);
  const out: { created?: CreatedCalendarFeed } = {};
  const result = await runFormAction(formData, (ctx) => {
    out.created = createCalendarFeed(ctx, { caseId });
  });
  if (!result?.ok || !out.created) return result?.ok === false ? result : null;
  revalidatePath("/calendar");
  return {
    ok: true,
    message: out.created.replacedEarlierLink ? "Your new calendar link is ready. The old link no longer works." : "Your calendar link is ready.",
    url: out.created.url,
    at: Date.now(),
  };
}

export async function revokeCalendarFeedAction(_previous: CalendarFormState, formData: FormData): Promise<CalendarFormState> {
  const caseId = caseIdFrom(formData);
  const result = await runFormAction(formData, (ctx) => revokeCalendarFeed(ctx, { caseId }));
  if (!result?.ok) return result;
  revalidatePath("/calendar");
  return { ok: true, message: "The calendar link is turned off. Calendars subscribed to it will stop updating.", at: Date.now() };
}
