/**
 * Next.js calls register() once when a server process starts. The reminder and mail scheduler runs
 * here by default, inside the app's own Node.js process; `SCHEDULER=off` leaves it to
 * `npm run worker`. Never during `next build`, which must not open the database, and never in the
 * edge runtime, which has no SQLite.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build" && process.env.SCHEDULER !== "off") {
    try {
      const { startAppScheduler } = await import("./server/scheduler");
      startAppScheduler();
    } catch (error) {
      // The site still serves; the log says reminders are not going out until this is fixed.
      console.error("The reminder and mail scheduler did not start:", error);
    }
  }
}
