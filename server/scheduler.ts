// No "server-only" marker here: `npm run worker` runs this outside Next.js, where that package throws.
import path from "node:path";
import { dataDir, getDb } from "@/db/client";
import { transportFor } from "@/domain/notifications/mail-transport";
import { startScheduler, type TickResult } from "@/domain/reminders/scheduler";
import { appEnv, publicBaseUrl } from "./config";

export const SCHEDULER_INTERVAL_MS = 60_000;

const globalForScheduler = globalThis as unknown as { ipCaseworkScheduler?: () => Promise<void> };

/**
 * Starts this process's scheduler (reminders, escalations, notification mail) on the process's
 * database connection, once: dev reloads and a second call get the same one. Returns `stop`.
 */
export function startAppScheduler(options: { onTick?: (result: TickResult) => void } = {}): () => Promise<void> {
  const running = globalForScheduler.ipCaseworkScheduler;
  if (running) return running;
  const env = appEnv();
  // Its own transport rather than server/mail.ts's, which is marked server-only.
  const transport = transportFor({ smtpUrl: env.SMTP_URL || null, outboxDir: path.join(dataDir(), "outbox") });
  const stopScheduler = startScheduler({ db: getDb(), intervalMs: SCHEDULER_INTERVAL_MS, deliver: transport, baseUrl: publicBaseUrl(), onTick: options.onTick });
  const stop = async () => {
    await stopScheduler();
    transport.close();
    if (globalForScheduler.ipCaseworkScheduler === stop) delete globalForScheduler.ipCaseworkScheduler;
  };
  globalForScheduler.ipCaseworkScheduler = stop;
  return stop;
}
