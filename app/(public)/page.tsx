import { redirect } from "next/navigation";
import { getActor } from "@/server/session";
import { homeFor } from "@/components/app/navigation";

export default async function StartPage() {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Complain about the misuse of intellectual property</h1>
        <p className="govuk-body">
          Use this service to complain to the regulator that an organisation has copied or misused intellectual property, such as a
          trade secret, copyrighted code or model weights, or to follow a complaint you are a party to.
        </p>
        <p className="govuk-body">The regulator decides within 45 days of accepting a complaint whether there is a case to answer.</p>
        <a href="/sign-in" role="button" draggable="false" className="govuk-button govuk-button--start" data-module="govuk-button">
          Sign in
          <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </a>
        <h2 className="govuk-heading-m">Without signing in</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="/public-register">Read the public register of cases</a>
          </li>
          <li>
            <a className="govuk-link" href="/deadline-calculator">Work out a statutory deadline</a>
          </li>
        </ul>
      </div>
    </div>
  );
}
