import { DomainError } from "@/domain/errors";
import { PARAMETER_FOR_FIELD } from "@/components/app/dashboard/dashboard-params";

export const param = (search: URLSearchParams, name: string) => search.get(name) ?? undefined;

/** Runs the work, reporting refused values by the query parameter names the caller sent. */
export function withParameterNames<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError && error.code === "invalid") {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [PARAMETER_FOR_FIELD[field] ?? field, message]));
      const names = Object.keys(fieldErrors);
      throw new DomainError("invalid", `Check the ${names.join(", ")} parameter${names.length === 1 ? "" : "s"}.`, fieldErrors);
    }
    throw error;
  }
}
