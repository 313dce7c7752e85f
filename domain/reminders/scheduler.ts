import type { Db } from "@/db/client";
import type { AppConfig } from "../context";
import { deliverQueuedMail } from "../notifications/deliver-outbox";
import type { MailTransport } from "../notifications/mail-transport";
import { prepareNotificationEmails } from "../notifications/prepare-emails";
import { enqueueDueReminders } from "./enqueue-reminders";

export interface SchedulerOptions {
  db: Db;
  /** Pause between the end of one tick and the start of the next. */
  intervalMs: number;
  /** The clock; injected so tests can walk it through the calendar. */
  now?: () => Date;
  /** Where mail goes: SMTP or .eml files (see mail-transport.ts). */
  deliver: MailTransport;
  /** The service's public address, for links in mail. */
  baseUrl?: AppConfig["baseUrl"];
  /** Told the outcome of every tick; for logs and tests. */
  onTick?: (result: TickResult) => void;
  log?: Pick<Console, "error">;
}

export interface TickResult {
  at: Date;
  reminders: number;
  escalations: number;
  /** Notifications turned into queued mail. */
  prepared: number;
  /** Mails handed to the transport. */
  delivered: number;
  /** Steps that threw; each step still ran. */
  errors: unknown[];
}

/**
 * One round of the scheduler: reminders and escalations first, so the mail they cause goes out in
 * the same round; then notifications become mail; then mail due is sent. Each step is bounded, and
 * a failing step is logged and does not stop the next: undelivered work stays queued for the next
 * round. Never throws.
 */
export async function runSchedulerTick(options: Pick<SchedulerOptions, "db" | "deliver" | "baseUrl" | "log">, now: Date): Promise<TickResult> {
  const log = options.log ?? console;
  const result: TickResult = { at: now, reminders: 0, escalations: 0, prepared: 0, delivered: 0, errors: [] };
  try {
    Object.assign(result, enqueueDueReminders(options.db, now));
  } catch (error) {
    result.errors.push(error);
    log.error("Scheduler: enqueuing reminders failed; the next tick tries again:", error);
  }
  try {
    result.prepared = prepareNotificationEmails(options.db, now, { baseUrl: options.baseUrl });
  } catch (error) {
    result.errors.push(error);
    log.error("Scheduler: preparing notification emails failed; they stay pending:", error);
  }
  try {
    result.delivered = await deliverQueuedMail(options.db, now, options.deliver);
  } catch (error) {
    result.errors.push(error);
    log.error("Scheduler: delivering mail failed; messages stay queued:", error);
  }
  return result;
}

/**
 * Runs the scheduler every `intervalMs` until stopped, starting at once. The next tick is only
 * timed once the previous one has finished, so ticks never overlap however long one takes. Two
 * schedulers (the app and `npm run worker`, or two app instances) may run at once: reminders are
 * claimed by a unique row and mail by a conditional update, so nothing goes out twice.
 * Returns `stop`, which resolves once any tick in progress has finished.
 */
export function startScheduler(options: SchedulerOptions): () => Promise<void> {
  const clock = options.now ?? (() => new Date());
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    timer = null;
    running = (async () => {
      const result = await runSchedulerTick(options, clock());
      try {
        options.onTick?.(result);
      } catch (error) {
        (options.log ?? console).error("Scheduler: onTick failed:", error);
      }
    })().finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  timer = setTimeout(tick, 0);

  return async () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    await running;
  };
}
