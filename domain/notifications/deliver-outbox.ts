import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import type { MailTransport } from "./mail-transport";

/** Minutes to wait after the 1st, 2nd, … failed attempt before trying again. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720] as const;
/** After this many failed attempts a message is marked failed and waits for an administrator. */
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * How long a claimed message is held by the sender that claimed it. Longer than one send can take
 * (see the SMTP timeouts) plus the batch time budget, so a second sender never picks it up while
 * the first is still working on it; if the first dies, the message is tried again after this.
 */
const CLAIM_MINUTES = 5;
const BATCH_TIME_BUDGET_MS = 60_000;
const DEFAULT_BATCH = 50;

const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/** When to try again after the `attempts`-th failure, or null when it is time to give up. */
export function nextAttemptAfter(now: Date, attempts: number): string | null {
  const delay = RETRY_DELAYS_MINUTES[attempts - 1];
  return attempts < MAX_SEND_ATTEMPTS && delay !== undefined ? addMinutes(now, delay) : null;
}

/**
 * Sends queued mail that is due (never tried, or its backoff has passed), oldest first, at most
 * `limit` per call. Each message is claimed with a conditional update before it is sent, so two
 * senders at once (an action's flush and the scheduler, or two schedulers) never send it twice.
 * A failure is recorded with its reason and retried with backoff; after MAX_SEND_ATTEMPTS the
 * message is marked failed, kept, and shown to administrators. Returns how many were sent.
 * The database work is single statements, never a transaction held across the network.
 */
export async function deliverQueuedMail(db: Db, now: Date, transport: MailTransport, options: { limit?: number } = {}): Promise<number> {
  const nowIso = now.toISOString();
  const isDue = and(eq(mailOutbox.status, "queued"), or(isNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, nowIso)));
  const due = db
    .select()
    .from(mailOutbox)
    .where(isDue)
    .orderBy(asc(mailOutbox.createdAt))
    .limit(options.limit ?? DEFAULT_BATCH)
    .all();
  const started = performance.now();
  let delivered = 0;
  for (const mail of due) {
    // Stop claiming once the batch has run long, so every claim is still held while it is sent.
    if (performance.now() - started > BATCH_TIME_BUDGET_MS) break;
    const claimed = db
      .update(mailOutbox)
      .set({ nextAttemptAt: addMinutes(now, CLAIM_MINUTES) })
      .where(and(eq(mailOutbox.id, mail.id), isDue))
      .run().changes;
    if (claimed === 0) continue;
    const attempts = mail.attempts + 1;
    try {
      await transport.send(mail);
      db.update(mailOutbox).set({ status: "sent", sentAt: nowIso, attempts, nextAttemptAt: null }).where(eq(mailOutbox.id, mail.id)).run();
      delivered++;
    } catch (error) {
      const retryAt = nextAttemptAfter(now, attempts);
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      db.update(mailOutbox)
        .set({ attempts, lastError, status: retryAt ? "queued" : "failed", nextAttemptAt: retryAt })
        .where(eq(mailOutbox.id, mail.id))
        .run();
    }
  }
  return delivered;
}
