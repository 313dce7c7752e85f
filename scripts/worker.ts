// `npm run worker`: the reminder and mail scheduler on its own, for a deployment that runs it apart
// from the web app (which can then set SCHEDULER=off). Running both at once is safe: every reminder
// and every mail is claimed before it is sent, so nothing goes out twice.
import { getDb } from "../db/client";
import { SCHEDULER_INTERVAL_MS, startAppScheduler } from "../server/scheduler";

const stop = startAppScheduler({
  onTick: (tick) => {
    if (tick.reminders + tick.escalations + tick.prepared + tick.delivered > 0) {
      console.log(`${tick.at.toISOString()} reminders ${tick.reminders}, escalations ${tick.escalations}, emails prepared ${tick.prepared}, sent ${tick.delivered}`);
    }
  },
});
console.log(`IP Casework worker: sending reminders and mail every ${SCHEDULER_INTERVAL_MS / 1000} seconds. Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping after the current round…`);
    stop()
      .then(() => getDb().$client.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("The worker did not stop cleanly:", error);
          process.exit(1);
        },
      );
  });
}
