import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";

export const metadata: Metadata = { title: "Public register" };

export default async function Page() {
  return (
    <NotBuiltYet
      title="Public register"
      comingIn="Amicus briefs and the public register"
      willLetYou={["search and filter the cases the regulator has published","read public summaries, published decisions, public evidence and accepted amicus briefs","follow the register as a JSON or Atom feed"]}
    />
  );
}
