import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Submit a complaint" };

export default async function Page() {
  await requirePagePermission("complaint.file", "/portal/complaints/new");
  return (
    <NotBuiltYet
      title="Submit a complaint"
      comingIn="Complaint intake and triage"
      willLetYou={["file a complaint question by question, saved as a draft after every page","check your answers and submit, getting a case reference","answer the regulator’s requests for information"]}
    />
  );
}
