import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";

export const metadata: Metadata = { title: "Create an account" };

export default async function Page() {
  return (
    <NotBuiltYet
      title="Create an account"
      comingIn="Complaint intake and triage"
      willLetYou={["register as a party’s representative with your organisation","verify your email address through a link we send you","accept an invitation to act for a respondent on a case"]}
    />
  );
}
