import type { Metadata } from "next";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePagePermission("admin.users", "/admin");
  return (
    <>
      <h1 className="govuk-heading-l">Admin</h1>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/admin/users">
            Users
          </a>{" "}
          – disable or re-enable accounts
        </li>
        <li>
          <a className="govuk-link" href="/admin/deadline-rules">
            Deadline rules
          </a>{" "}
          – the statutory and procedural periods new deadlines follow
        </li>
        <li>
          <a className="govuk-link" href="/admin/mail">
            Outgoing mail
          </a>{" "}
          – messages that failed or are being retried, and sending them again
        </li>
      </ul>
      <p className="govuk-body">
        Bank holiday data is updated from the GOV.UK feed with <code>npm run holidays:import -- FILE</code>, which recomputes every open deadline and
        records any that move. There is no screen for it yet.
      </p>
    </>
  );
}
