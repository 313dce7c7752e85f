"use server";

import { redirect } from "next/navigation";
import { registerParty, type RegistrationOutcome } from "@/domain/users/register-party";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

export async function createAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let outcome: RegistrationOutcome | undefined;
  const result = await runFormAction(formData, async (ctx) => {
    outcome = await registerParty(ctx, {
      name: formData.get("name"),
      email: formData.get("email"),
      accountType: formData.get("accountType"),
      // Without JavaScript both organisation inputs are on the page; the answer that counts is the one under the chosen option.
      organisationName: formData.get("accountType") === "amicus" ? formData.get("amicusOrganisationName") : formData.get("organisationName"),
      password: formData.get("password"),
      confirmPassword: formData.get("confirmPassword"),
      invitation: formData.get("invitation"),
    });
  });
  if (!result?.ok) {
    // Passwords are never sent back into the page.
    if (result) {
      delete result.values.password;
      delete result.values.confirmPassword;
    }
    return result;
  }
  flushOutbox();
  // The same page whether or not the address already had an account, so the form reveals nothing.
  redirect(outcome?.kind === "joined_case" ? "/create-account/account-created" : "/create-account/check-your-email");
}
