import type { Metadata } from "next";
import { RegisterList } from "@/components/app/register/RegisterList";
import { absoluteUrl } from "@/domain/context";
import { ATOM_FEED_PATH, JSON_FEED_PATH } from "@/domain/register/feeds";
import { listRegister } from "@/domain/register/list-register";
import { publicBaseUrl } from "@/server/config";
import { loadPage } from "@/server/page";

/** Feed readers find the feeds from the page itself; the links are absolute, as autodiscovery expects. */
export async function generateMetadata(): Promise<Metadata> {
  const config = { baseUrl: publicBaseUrl() };
  return {
    title: "Public register",
    alternates: { types: { "application/atom+xml": absoluteUrl(config, ATOM_FEED_PATH), "application/feed+json": absoluteUrl(config, JSON_FEED_PATH) } },
  };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The register of published cases, for anyone, signed in or not. Filters that make no sense are dropped. */
export default async function PublicRegisterPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { q, ipRight, status, amicusWindow, page } = await searchParams;
  const result = await loadPage("/public-register", (ctx) => listRegister(ctx.db, ctx.now, { q, ipRight, status, amicusWindow, page }));
  return <RegisterList result={result} />;
}
