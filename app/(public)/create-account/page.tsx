import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { homeFor } from "@/components/app/navigation";
import { describeInvitation } from "@/domain/cases/invite-representative";
import { ACCOUNT_TYPE_LABELS, ACCOUNT_TYPES, INVITATION_PROBLEMS } from "@/domain/users/register-party";
import { loadPage } from "@/server/page";
import { CreateAccountForm } from "./CreateAccountForm";

export const metadata: Metadata = { title: "Create an account" };

const ACCOUNT_TYPE_OPTIONS = ACCOUNT_TYPES.map((type) => [type, ACCOUNT_TYPE_LABELS[type]] as const);

const PROBLEM_HEADINGS = {
  unknown: "This invitation link is not valid",
  used: "This invitation has already been used",
  expired: "This invitation has expired",
} as const;

export default async function CreateAccountPage({ searchParams }: { searchParams: Promise<{ invitation?: string | string[] }> }) {
  const { invitation } = await searchParams;
  const token = typeof invitation === "string" ? invitation : undefined;
  const { actor, described } = await loadPage("/create-account", (ctx) => ({ actor: ctx.actor, described: token === undefined ? null : describeInvitation(ctx, token) }));
  if (actor) redirect(homeFor(actor.role));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {described === null ? (
          <CreateAccountForm accountTypes={ACCOUNT_TYPE_OPTIONS} />
        ) : described.state === "usable" && described.details && token ? (
          <CreateAccountForm accountTypes={ACCOUNT_TYPE_OPTIONS} invitation={{ token, ...described.details }} />
        ) : (
          <>
            <h1 className="govuk-heading-l">{PROBLEM_HEADINGS[described.state === "usable" ? "unknown" : described.state]}</h1>
            <p className="govuk-body">{INVITATION_PROBLEMS[described.state === "usable" ? "unknown" : described.state]}</p>
            <p className="govuk-body">
              If you represent a party and were not invited, you can <a className="govuk-link" href="/create-account">create an account yourself</a>.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
