import type { Metadata } from "next";
import { homeFor } from "@/components/app/navigation";
import { ResendVerificationForm } from "@/components/app/ResendVerificationForm";
import type { Actor } from "@/domain/context";
import { VERIFY_LINK_PROBLEMS, verificationLinkState } from "@/domain/users/verify-email";
import { loadPage } from "@/server/page";
import { resendVerificationAction } from "./actions";
import { VerifyEmailForm } from "./VerifyEmailForm";

export const metadata: Metadata = { title: "Verify your email address" };

const PROBLEM_HEADINGS = {
  unknown: "This link is not valid",
  used: "This link has already been used",
  expired: "This link has expired",
} as const;

function RequestNewLink({ actor }: { actor: Actor | null }) {
  if (actor?.emailVerified) {
    return (
      <p className="govuk-body">
        Your email address is already verified. <a className="govuk-link" href={homeFor(actor.role)}>Continue to IP Casework</a>.
      </p>
    );
  }
  if (actor) {
    return (
      <>
        <h2 className="govuk-heading-m">Get a new link</h2>
        <p className="govuk-body">We will send it to {actor.email}.</p>
        <ResendVerificationForm action={resendVerificationAction} />
      </>
    );
  }
  return (
    <>
      <h2 className="govuk-heading-m">Get a new link</h2>
      <p className="govuk-body">
        <a className="govuk-link" href="/sign-in?returnTo=/portal">Sign in to your account</a>, then select “Send a new verification link”.
      </p>
    </>
  );
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: raw } = await searchParams;
  const token = typeof raw === "string" ? raw : "";
  const { actor, state } = await loadPage("/verify-email", (ctx) => ({ actor: ctx.actor, state: verificationLinkState(ctx, token) }));
  const continueTo = actor ? { href: homeFor(actor.role), text: "Continue to IP Casework" } : { href: "/sign-in?returnTo=/portal", text: "Sign in to your account" };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {state === "usable" ? (
          <VerifyEmailForm token={token} continueTo={continueTo} requestNewLink={<RequestNewLink actor={actor} />} />
        ) : (
          <>
            <h1 className="govuk-heading-l">{PROBLEM_HEADINGS[state]}</h1>
            <p className="govuk-body">{VERIFY_LINK_PROBLEMS[state]}</p>
            <RequestNewLink actor={actor} />
          </>
        )}
      </div>
    </div>
  );
}
