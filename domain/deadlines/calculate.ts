import { computeDeadline, DeadlineError } from "./engine";
import { deadlineResultJson, parseDeadlineQuery } from "./cli-args";

export type CalculationOutcome =
  | { ok: true; result: ReturnType<typeof deadlineResultJson> }
  | { ok: false; status: 400 | 422; error: { code: string; message: string } };

/**
 * The public deadline calculator, shared by the JSON route and the calculator page: the same
 * parsing, engine and JSON as `npm run deadline`. Bad parameters are 400 naming the parameter;
 * a well-formed request the engine cannot answer (beyond the holiday data) is 422.
 */
export function calculateFromQuery(params: URLSearchParams): CalculationOutcome {
  const parsed = parseDeadlineQuery(params);
  if (!parsed.ok) return { ok: false, status: 400, error: { code: "invalid-request", message: parsed.message } };
  try {
    return { ok: true, result: deadlineResultJson(computeDeadline(parsed.request)) };
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    return { ok: false, status: error.code === "invalid-request" ? 400 : 422, error: { code: error.code, message: error.message } };
  }
}
