import { ZodError } from "zod";

export type DomainErrorCode = "not_found" | "forbidden" | "conflict" | "invalid" | "too_large" | "unauthenticated" | "rate_limited";

export type FieldErrors = Record<string, string>;

/** The one error type verbs throw; the action and route wrappers turn its code into a response. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what = "page") => new DomainError("not_found", `The ${what} could not be found.`);
export const forbidden = (message = "You do not have permission to do that.") => new DomainError("forbidden", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const invalid = (message: string, fieldErrors: FieldErrors = {}) => new DomainError("invalid", message, fieldErrors);

/** Turns a zod failure into field messages keyed by the dotted path of each field. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    if (!(key in fieldErrors)) fieldErrors[key] = issue.message;
  }
  return fieldErrors;
}

/** Validates with a zod schema, throwing an `invalid` DomainError that names each bad field. */
export function parseInput<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsFromZod(result.error);
  throw new DomainError("invalid", "There is a problem with what you entered.", fieldErrors);
}
