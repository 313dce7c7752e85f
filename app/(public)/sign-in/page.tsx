import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/server/session";
import { homeFor } from "@/components/app/navigation";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const { returnTo } = await searchParams;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SignInForm returnTo={typeof returnTo === "string" ? returnTo : undefined} />
        <p className="govuk-body">
          Representing a party and do not have an account? <a className="govuk-link" href="/create-account">Create an account</a>.
        </p>
      </div>
    </div>
  );
}
