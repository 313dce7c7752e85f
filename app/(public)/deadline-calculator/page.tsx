import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/app/NotBuiltYet";

export const metadata: Metadata = { title: "Deadline calculator" };

export default async function Page() {
  return (
    <NotBuiltYet
      title="Deadline calculator"
      comingIn="Statutory clock"
      willLetYou={["work out a statutory deadline in calendar or working days","choose the UK nation whose bank holidays apply, and add clock stops","see the exact moment the deadline expires, UK time"]}
    />
  );
}
