import type { Metadata } from "next";
import { listUsers } from "@/domain/users/list-users";
import { requirePagePermission } from "@/server/page";
import { Tag } from "@/components/govuk/Tag";
import { UserStatusForm } from "./UserStatusForm";
import { TableHead } from "@/components/govuk/TableHead";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  const ctx = await requirePagePermission("admin.users", "/admin/users");
  const { user: selected } = await searchParams;
  const users = listUsers(ctx);
  const chosen = users.find((u) => u.id === selected);
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      {chosen ? (
        <section aria-labelledby="change-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="change-heading">
            {chosen.disabledAt ? "Enable" : "Disable"} {chosen.name}
          </h2>
          {chosen.disabledAt ? null : <p className="govuk-body">Disabling signs {chosen.name} out everywhere at once. They cannot sign in until an administrator enables the account again.</p>}
          <UserStatusForm userId={chosen.id} email={chosen.email} disabled={chosen.disabledAt !== null} />
          <p className="govuk-body">
            <a className="govuk-link" href="/admin/users">
              Cancel
            </a>
          </p>
        </section>
      ) : null}
      <table className="govuk-table">
        <TableHead caption="All accounts" columns={["Name", "Email", "Role", "Status", { hidden: "Actions" }]} />
        <tbody className="govuk-table__body">
          {users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <td className="govuk-table__cell">{u.name}</td>
              <td className="govuk-table__cell">{u.email}</td>
              <td className="govuk-table__cell">{u.role}</td>
              <td className="govuk-table__cell">{u.disabledAt ? <Tag colour="red">Disabled</Tag> : <Tag colour="green">Active</Tag>}</td>
              <td className="govuk-table__cell">
                {u.id === ctx.actor.id ? null : (
                  <a className="govuk-link" href={`/admin/users?user=${u.id}`}>
                    {u.disabledAt ? "Enable" : "Disable"}<span className="govuk-visually-hidden"> {u.email}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
