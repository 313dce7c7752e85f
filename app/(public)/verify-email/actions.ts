"use server";

import { verifyEmail } from "@/domain/users/verify-email";
import { resendVerificationEmail } from "@/domain/users/resend-verification-email";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

export async function verifyEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) => verifyEmail(ctx, { token: formData.get("token") }));
  if (!result?.ok) return result;
  return { ok: true, message: "Your email address is verified." };
}

export async function resendVerificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let sentTo = "";
  const result = await runFormAction(formData, (ctx) => {
    sentTo = resendVerificationEmail(ctx).email;
  });
  if (!result?.ok) return result;
  flushOutbox();
  return { ok: true, message: `We have sent a new link to ${sentTo}. It expires in 24 hours.` };
}
