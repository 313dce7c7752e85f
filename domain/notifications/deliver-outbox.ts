import { and, asc, eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";

type MailRow = typeof mailOutbox.$inferSelect;

/** An RFC 5322 message; header values are stripped of line breaks so a subject cannot inject headers. */
export function toEml(mail: MailRow): string {
  const header = (value: string) => value.replace(/[\r\n]+/g, " ");
  return [
    `From: IP Casework <no-reply@ipcasework.test>`,
    `To: ${header(mail.toAddress)}`,
    `Subject: ${header(mail.subject)}`,
    `Date: ${new Date(mail.createdAt).toUTCString()}`,
    `Message-ID: <${mail.id}@ipcasework.test>`,
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    `Content-Transfer-Encoding: 8bit`,
    ``,
    mail.body.replace(/\r?\n/g, "\r\n"),
    ``,
  ].join("\r\n");
}

/**
 * Delivers queued mail to DATA_DIR/outbox as .eml files (the embedded default without SMTP).
 * Written to a temp name and renamed, so a reader never sees half a message. Bounded per call.
 */
export function deliverQueuedMailToFiles(db: Db, outboxDir: string, now: Date, limit = 100): number {
  const queued = db.select().from(mailOutbox).where(eq(mailOutbox.status, "queued")).orderBy(asc(mailOutbox.createdAt)).limit(limit).all();
  if (queued.length === 0) return 0;
  fs.mkdirSync(outboxDir, { recursive: true });
  let delivered = 0;
  for (const mail of queued) {
    const file = path.join(outboxDir, `${mail.createdAt.replace(/[:.]/g, "-")}-${mail.id}.eml`);
    try {
      fs.writeFileSync(`${file}.tmp`, toEml(mail));
      fs.renameSync(`${file}.tmp`, file);
      db.update(mailOutbox).set({ status: "sent", sentAt: now.toISOString(), attempts: mail.attempts + 1 }).where(and(eq(mailOutbox.id, mail.id), eq(mailOutbox.status, "queued"))).run();
      delivered++;
    } catch (error) {
      db.update(mailOutbox)
        .set({ attempts: mail.attempts + 1, lastError: error instanceof Error ? error.message : String(error) })
        .where(eq(mailOutbox.id, mail.id))
        .run();
    }
  }
  return delivered;
}
