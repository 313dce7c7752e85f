import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";
import { requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "My applications" };

export default async function Page() {
  await requirePagePermission("amicus.apply", "/portal/applications");
  return (
    <NotBuiltYet
      title="My applications"
      comingIn="Amicus briefs and the public register"
      willLetYou={["apply for leave to file an amicus brief while a case’s window is open","follow the regulator’s decision on each application","upload your brief once leave is granted"]}
    />
  );
}
