import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/server/session";
import { signOutAction } from "./actions";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const actor = await getActor();
  if (!actor) redirect("/signed-out");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign out</h1>
        <p className="govuk-body">You are signed in as {actor.email}. Anything you have not saved will be lost.</p>
        <form action={signOutAction}>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
