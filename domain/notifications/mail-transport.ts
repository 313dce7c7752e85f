import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { mailOutbox } from "@/db/schema";

export type OutgoingMail = Pick<typeof mailOutbox.$inferSelect, "id" | "toAddress" | "subject" | "body" | "createdAt">;

/** Where queued mail goes: an SMTP server, or .eml files for a machine without one. */
export interface MailTransport {
  readonly kind: "smtp" | "files";
  /** Resolves once the message is handed over; rejects with the reason it was not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_FROM_NAME = "IP Casework";
export const MAIL_FROM_ADDRESS = "no-reply@ipcasework.test";

const messageId = (mail: OutgoingMail) => `<${mail.id}@ipcasework.test>`;

/** An RFC 5322 message; header values are stripped of line breaks so a subject cannot inject headers. */
export function toEml(mail: OutgoingMail): string {
  const header = (value: string) => value.replace(/[\r\n]+/g, " ");
  return [
    `From: ${MAIL_FROM_NAME} <${MAIL_FROM_ADDRESS}>`,
    `To: ${header(mail.toAddress)}`,
    `Subject: ${header(mail.subject)}`,
    `Date: ${new Date(mail.createdAt).toUTCString()}`,
    `Message-ID: ${messageId(mail)}`,
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    `Content-Transfer-Encoding: 8bit`,
    ``,
    mail.body.replace(/\r?\n/g, "\r\n"),
    ``,
  ].join("\r\n");
}

/**
 * Writes each message to `outboxDir` as an .eml file (the embedded default without SMTP), to a
 * temp name first and then renamed, so a reader never sees half a message.
 */
export function fileTransport(outboxDir: string): MailTransport {
  return {
    kind: "files",
    async send(mail) {
      fs.mkdirSync(outboxDir, { recursive: true });
      const file = path.join(outboxDir, `${mail.createdAt.replace(/[:.]/g, "-")}-${mail.id}.eml`);
      fs.writeFileSync(`${file}.tmp`, toEml(mail));
      fs.renameSync(`${file}.tmp`, file);
    },
    close() {},
  };
}

// Short enough that one message can never outlast the claim deliverQueuedMail holds on it.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends through the SMTP server at `url` (e.g. smtp://127.0.0.1:2525, smtps://user:pass@host). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ ...SMTP_TIMEOUTS, url, disableFileAccess: true, disableUrlAccess: true });
  return {
    kind: "smtp",
    async send(mail) {
      // nodemailer encodes headers and wraps long lines, which a raw 8-bit message would not survive.
      await transporter.sendMail({
        from: { name: MAIL_FROM_NAME, address: MAIL_FROM_ADDRESS },
        to: mail.toAddress,
        subject: mail.subject.replace(/[\r\n]+/g, " "),
        text: mail.body,
        date: new Date(mail.createdAt),
        messageId: messageId(mail),
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** SMTP when a server is configured, otherwise files in the outbox folder. */
export function transportFor(settings: { smtpUrl?: string | null; outboxDir: string }): MailTransport {
  return settings.smtpUrl ? smtpTransport(settings.smtpUrl) : fileTransport(settings.outboxDir);
}
