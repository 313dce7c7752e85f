import { desc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { holidayDatasets } from "@/db/schema";
import { bundledHolidays, parseHolidayJson, type HolidayData } from "./holidays";

const parsedByVersion = new Map<string, HolidayData>();

/** The bank-holiday data in force: the latest import, else the bundled GOV.UK snapshot. */
export function holidaysInForce(db: DbOrTx): HolidayData {
  const latest = db.select({ version: holidayDatasets.version }).from(holidayDatasets).orderBy(desc(holidayDatasets.importedAt)).limit(1).get();
  if (!latest) return bundledHolidays();
  const cached = parsedByVersion.get(latest.version);
  if (cached) return cached;
  // Parsing is the expensive part, and a version names its content, so parse each version once.
  const row = db.select({ sourceJson: holidayDatasets.sourceJson }).from(holidayDatasets).orderBy(desc(holidayDatasets.importedAt)).limit(1).get()!;
  const parsed = parseHolidayJson(JSON.parse(row.sourceJson));
  parsedByVersion.set(parsed.version, parsed);
  return parsed;
}
