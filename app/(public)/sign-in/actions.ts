"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { authenticate } from "@/domain/users/authenticate";
import { startSession } from "@/domain/users/sessions";
import { DomainError } from "@/domain/errors";
import { homeFor } from "@/components/app/navigation";
import { loadActorForSession } from "@/domain/users/sessions";
import { clientIp, setSessionCookie } from "@/server/session";
import { SESSION_MAX_AGE_SECONDS } from "@/server/config";
import { formValues, type FormState } from "@/server/action";

/** Only paths inside this service, so a crafted link cannot bounce a user to another site. */
function safeReturnTo(value: FormDataEntryValue | null): string | null {
  return typeof value === "string" && /^\/(?!\/)[^\\]*$/.test(value) ? value : null;
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const db = getDb();
  let destination: string;
  try {
    const { userId } = await authenticate({ db, now: new Date() }, { email: formData.get("email"), password: formData.get("password"), clientIp: await clientIp() });
    const { sessionId } = startSession({ db, now: new Date() }, userId, SESSION_MAX_AGE_SECONDS);
    await setSessionCookie(userId, sessionId);
    const actor = loadActorForSession(db, { userId, sessionId }, new Date());
    destination = safeReturnTo(formData.get("returnTo")) ?? (actor ? homeFor(actor.role) : "/");
  } catch (error) {
    if (error instanceof DomainError) {
      const values = formValues(formData);
      delete values.password;
      // Wrong credentials are reported against both fields, without saying which was wrong.
      const fieldErrors = error.code === "invalid" ? error.fieldErrors : { email: error.message };
      return { ok: false, message: error.message, fieldErrors, values };
    }
    throw error;
  }
  redirect(destination);
}
