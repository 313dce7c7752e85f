import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Dashboard" };

export default async function Page() {
  await requirePagePermission("case.view_all", "/dashboard");
  return (
    <NotBuiltYet
      title="Dashboard"
      comingIn="Dashboard, reminders, notifications and calendar feeds"
      willLetYou={["see open cases by status, deadlines due in the next 7 and 14 days, overdue and stopped clocks","see cases at risk and each caseworker’s workload","open or export the list behind every figure"]}
    />
  );
}
