import type { NextRequest } from "next/server";
import { getDeadlinesView, type DeadlineSort, type DeadlineTab } from "@/domain/deadlines/list-deadlines";
import { DomainError } from "@/domain/errors";
import { runRoute } from "@/server/route";

// The domain names its inputs; callers of this route know them by their query parameter names.
const PARAMETER_FOR_FIELD: Record<string, string> = { ruleId: "rule", caseworkerId: "caseworker" };

const param = (search: URLSearchParams, name: string) => search.get(name) ?? undefined;

/** JSON for the live deadlines view: the same answer the page renders, polled by react-query. */
export function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  return runRoute((ctx) => {
    try {
      return getDeadlinesView(ctx, {
        // Any string may arrive here; the domain's schema rejects what is not a tab or a sort.
        tab: param(search, "tab") as DeadlineTab | undefined,
        sort: param(search, "sort") as DeadlineSort | undefined,
        ruleId: param(search, "rule"),
        caseworkerId: param(search, "caseworker"),
        after: param(search, "after"),
        month: param(search, "month"),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid") {
        const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [PARAMETER_FOR_FIELD[field] ?? field, message]));
        throw new DomainError("invalid", `Check the ${Object.keys(fieldErrors).join(", ")} parameter${Object.keys(fieldErrors).length === 1 ? "" : "s"}.`, fieldErrors);
      }
      throw error;
    }
  });
}
