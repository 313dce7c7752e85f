import type { Metadata } from "next";
import { PublicCaseView } from "@/components/app/register/PublicCaseView";
import { getPublicCase } from "@/domain/register/get-public-case";
import { loadPage } from "@/server/page";

export const metadata: Metadata = { title: "Case on the public register" };

/** One published case: anything not published is the same "page not found" as a reference that does not exist. */
export default async function PublicCasePage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const view = await loadPage("/public-register", (ctx) => getPublicCase(ctx.db, ctx.now, reference));
  return <PublicCaseView view={view} />;
}
