// One of two scheduler processes racing over the same database in enqueue-reminders.test.ts:
// walks the same days as its twin, starting at the same instant, and prints what it claimed.
import { openDatabase } from "@/db/client";
import { enqueueDueReminders } from "./enqueue-reminders";
import { datesFrom, noonOn } from "./test-fixtures";

const [file, from, to, startAt] = process.argv.slice(2);
if (!file || !from || !to || !startAt) throw new Error("usage: race-child.fixture.ts FILE FROM TO START_AT_MS");
const db = openDatabase(file, { migrate: false });
const totals = { reminders: 0, escalations: 0 };
// Both twins spin until the same moment, so their runs overlap instead of one finishing first.
while (Date.now() < Number(startAt)) {
  // busy-wait: a timer would let the event loop drift by a few milliseconds
}
for (const date of datesFrom(from, to)) {
  for (let run = 0; run < 3; run++) {
    const counts = enqueueDueReminders(db, noonOn(date));
    totals.reminders += counts.reminders;
    totals.escalations += counts.escalations;
  }
}
db.$client.close();
console.log(JSON.stringify(totals));
