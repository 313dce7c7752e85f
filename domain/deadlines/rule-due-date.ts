import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deadlineRules } from "@/db/schema";
import { DomainError } from "../errors";
import { clockStateFromEvents, computeDueFromEvents } from "./clock";
import { holidaysInForce } from "./holiday-store";

/**
 * The last day of a rule-catalogue period starting on `startOn`, for periods that are recorded as a
 * date rather than run as a deadline: nobody is obliged to act by them (an amicus window, the time
 * to file a brief or answer one), so they must not raise reminders or escalations when they pass.
 */
export function dueDateForRule(tx: DbOrTx, ruleId: string, startOn: string, today: string): { dueOn: string; expiresAt: string; holidayDataVersion: string | null } {
  const rule = tx.select().from(deadlineRules).where(eq(deadlineRules.id, ruleId)).get();
  if (!rule) throw new DomainError("invalid", `There is no deadline rule "${ruleId}".`);
  const terms = { startOn, length: rule.length, unit: rule.unit, count: rule.count, calendar: rule.calendar, roll: rule.roll };
  const result = computeDueFromEvents(terms, clockStateFromEvents([]), today, holidaysInForce(tx));
  return { dueOn: result.due, expiresAt: result.expiresAt, holidayDataVersion: result.holidayDataVersion };
}
