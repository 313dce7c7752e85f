import { z } from "zod";

/**
 * A whole number typed into a form (or passed as a number), with messages for each way it can be
 * wrong, so an empty box says "Enter …" rather than "must be at least 1".
 */
export function wholeNumberField(messages: { missing: string; notWhole: string; min: [number, string]; max: [number, string] }) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value),
    z
      .number({ error: (issue) => (issue.input === undefined ? messages.missing : messages.notWhole) })
      .int(messages.notWhole)
      .min(messages.min[0], messages.min[1])
      .max(messages.max[0], messages.max[1]),
  );
}
