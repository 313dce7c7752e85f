import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mailOutbox, notifications, users } from "@/db/schema";
import type { Ctx } from "../context";
import { newId } from "../ids";
import { emailModeFor } from "./preferences";

export interface NotificationInput {
  userId: string;
  caseId?: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /**
   * A mail written for this event (e.g. a formal acknowledgement). It is queued now if the recipient
   * wants this kind straight away, left to the daily summary if they chose one, and not sent if they
   * chose no email. Without it, prepareNotificationEmails mails the notification in the standard form.
   */
  email?: { subject: string; body: string };
  /** The caller has already mailed about this event with queueMail, so it must not be mailed again. */
  emailed?: boolean;
}

/** An in-app notification, written in the caller's transaction. */
export function notifyUser(tx: DbOrTx, ctx: Pick<Ctx, "now">, input: NotificationInput): string {
  const id = newId();
  const at = ctx.now.toISOString();
  let emailedAt: string | null = input.emailed ? at : null;
  if (!input.emailed && input.email) {
    const mode = emailModeFor(tx, input.userId, input.kind);
    const recipient = tx.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.userId)).get();
    if (mode === "immediate" && recipient && recipient.disabledAt === null) queueMail(tx, ctx, { to: recipient.email, subject: input.email.subject, body: input.email.body });
    // A daily-summary reader gets it in the next summary, which picks up notifications not yet emailed.
    if (mode !== "digest") emailedAt = at;
  }
  tx.insert(notifications).values({ id, userId: input.userId, caseId: input.caseId ?? null, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, createdAt: at, emailedAt }).run();
  return id;
}

/**
 * Queues an email in the caller's transaction, so a rolled-back change sends nothing. Delivery (SMTP,
 * or an .eml file in DATA_DIR/outbox) happens after commit: see deliverQueuedMail in deliver-outbox.ts.
 */
export function queueMail(tx: DbOrTx, ctx: Pick<Ctx, "now">, mail: { to: string; subject: string; body: string }): string {
  const id = newId();
  tx.insert(mailOutbox).values({ id, toAddress: mail.to, subject: mail.subject, body: mail.body, status: "queued", createdAt: ctx.now.toISOString() }).run();
  return id;
}
