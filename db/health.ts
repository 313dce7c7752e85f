import { getDb } from "./client";

/** "ok" when the database answers a query; "error" otherwise (never throws). */
export function checkDatabase(): "ok" | "error" {
  try {
    const row = getDb().$client.prepare("select 1 as up").get() as { up: number } | undefined;
    return row?.up === 1 ? "ok" : "error";
  } catch {
    return "error";
  }
}
