import "server-only";
import path from "node:path";
import { dataDir, getDb } from "@/db/client";
import { deliverQueuedMailToFiles } from "@/domain/notifications/deliver-outbox";

/** Call after a verb that queued mail has committed. Never throws: undelivered mail stays queued. */
export function flushOutbox(): void {
  try {
    deliverQueuedMailToFiles(getDb(), path.join(dataDir(), "outbox"), new Date());
  } catch (error) {
    console.error("Mail delivery failed; messages stay queued:", error);
  }
}
