import { REGISTER_PATH } from "@/domain/register/feeds";

export { REGISTER_PATH };
import type { RegisterFilterValues } from "@/domain/register/list-register";

/** The register's address with these filters (and page): every view of the register can be bookmarked. */
export function registerHref(filters: RegisterFilterValues, page = 1): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.ipRight) params.set("ipRight", filters.ipRight);
  if (filters.status) params.set("status", filters.status);
  if (filters.amicusWindow) params.set("amicusWindow", filters.amicusWindow);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${REGISTER_PATH}?${query}` : REGISTER_PATH;
}

export const hasRegisterFilters = (filters: RegisterFilterValues) => Boolean(filters.q || filters.ipRight || filters.status || filters.amicusWindow);

/**
 * The page numbers the pagination shows: the first, the last, and the current page with its
 * neighbours, with null standing for a gap ("⋯").
 */
export function paginationItems(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | null)[] = [];
  for (const n of sorted) {
    const previous = items[items.length - 1];
    if (typeof previous === "number" && n - previous > 1) items.push(null);
    items.push(n);
  }
  return items;
}
