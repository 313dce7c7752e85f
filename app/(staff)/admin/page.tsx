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
      </ul>
      <p className="govuk-body app-placeholder">The deadline rule catalogue and bank holiday data screens are not built yet; they arrive with the Statutory clock work.</p>
    </>
  );
}
