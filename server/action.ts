import "server-only";
import { DomainError, type FieldErrors } from "@/domain/errors";
import type { Ctx } from "@/domain/context";
import { getCtx } from "./session";
import { isStorageFull, logStorageFull, STORAGE_FULL_MESSAGE } from "./storage-full";

/** What a form's server action returns to `useActionState`. `values` echoes input so nothing typed is lost. */
export type FormState = { ok: true; message?: string } | { ok: false; message: string; fieldErrors: FieldErrors; values: Record<string, string> } | null;

/** Every text field of a submitted form, for echoing back on error (files and React's own fields left out). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

const MESSAGES: Record<DomainError["code"], string> = {
  not_found: "That could not be found. It may have been removed, or you may not have access to it.",
  forbidden: "You do not have permission to do that.",
  conflict: "This has changed since you opened the page. Reload the page and try again.",
  invalid: "There is a problem with what you entered.",
  too_large: "That is too large.",
  unauthenticated: "Your session has ended. Sign in again to continue.",
  rate_limited: "Too many attempts. Wait a few minutes, then try again.",
};

/**
 * The one wrapper for form server actions: authenticates, runs the verb, and turns a DomainError
 * into form errors. Anything else is a bug and propagates to the error page.
 * `redirect()` must be called by the action after this returns ok, not inside `work`.
 */
export async function runFormAction(formData: FormData, work: (ctx: Ctx) => unknown | Promise<unknown>): Promise<FormState> {
  const ctx = await getCtx();
  try {
    await work(ctx);
    return { ok: true };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, message: error.message || MESSAGES[error.code], fieldErrors: error.fieldErrors, values: formValues(formData) };
    }
    // Not a bug but the server's disk: the transaction rolled back, so say so and keep what was typed.
    if (isStorageFull(error)) {
      logStorageFull("form action", error);
      return { ok: false, message: STORAGE_FULL_MESSAGE, fieldErrors: {}, values: formValues(formData) };
    }
    throw error;
  }
}
