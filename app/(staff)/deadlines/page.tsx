import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Deadlines" };

export default async function Page() {
  await requirePagePermission("deadlines.view_staff", "/deadlines");
  return (
    <NotBuiltYet
      title="Deadlines"
      comingIn="Statutory clock"
      willLetYou={["see deadlines on your cases and your team’s, due in the next 7 days, overdue or with the clock stopped","sort and filter them, and see them on a month calendar","stop, restart and extend case clocks with reasons"]}
    />
  );
}
