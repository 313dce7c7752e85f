import "server-only";
import path from "node:path";
import { dataDir, getDb } from "@/db/client";
import { deliverQueuedMail } from "@/domain/notifications/deliver-outbox";
import { transportFor, type MailTransport } from "@/domain/notifications/mail-transport";
import { prepareNotificationEmails } from "@/domain/notifications/prepare-emails";
import { appEnv, publicBaseUrl } from "./config";

const globalForMail = globalThis as unknown as { ipCaseworkMail?: { key: string; transport: MailTransport } };

/**
 * The process's one mail transport: SMTP when SMTP_URL is set, otherwise .eml files in
 * DATA_DIR/outbox. Kept on globalThis so dev reloads do not open another.
 */
export function mailTransport(): MailTransport {
  const settings = { smtpUrl: appEnv().SMTP_URL || null, outboxDir: path.join(dataDir(), "outbox") };
  const key = `${settings.smtpUrl ?? ""}\n${settings.outboxDir}`;
  const cached = globalForMail.ipCaseworkMail;
  if (cached && cached.key === key) return cached.transport;
  cached?.transport.close();
  const transport = transportFor(settings);
  globalForMail.ipCaseworkMail = { key, transport };
  return transport;
}

/**
 * Call after a verb that notified someone or queued mail has committed: turns new notifications
 * into mail and sends what is due, without waiting for the scheduler's next tick. Fire and forget;
 * never throws: anything undelivered stays queued and is retried.
 */
export function flushOutbox(): void {
  try {
    const db = getDb();
    const now = new Date();
    prepareNotificationEmails(db, now, { baseUrl: publicBaseUrl() });
    deliverQueuedMail(db, now, mailTransport()).catch((error: unknown) => console.error("Mail delivery failed; messages stay queued:", error));
  } catch (error) {
    console.error("Mail delivery failed; messages stay queued:", error);
  }
}
