import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Triage" };

export default async function Page() {
  await requirePagePermission("case.view_all", "/triage");
  return (
    <NotBuiltYet
      title="Triage"
      comingIn="Complaint intake and triage"
      willLetYou={["work through unassigned complaints and your own","filter, sort and search the queue, and assign complaints","accept, reject or ask for more information, with reasons"]}
    />
  );
}
