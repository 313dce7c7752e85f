import type { DbOrTx } from "@/db/client";
import { mailOutbox, notifications } from "@/db/schema";
import type { Ctx } from "../context";
import { newId } from "../ids";

export interface NotificationInput {
  userId: string;
  caseId?: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

/** An in-app notification, written in the caller's transaction. */
export function notifyUser(tx: DbOrTx, ctx: Pick<Ctx, "now">, input: NotificationInput): string {
  const id = newId();
  tx.insert(notifications).values({ id, userId: input.userId, caseId: input.caseId ?? null, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, createdAt: ctx.now.toISOString() }).run();
  return id;
}

/**
 * Queues an email in the caller's transaction, so a rolled-back change sends nothing. Delivery (an
 * .eml file in DATA_DIR/outbox, or SMTP later) happens after commit: see deliver-outbox.ts.
 */
export function queueMail(tx: DbOrTx, ctx: Pick<Ctx, "now">, mail: { to: string; subject: string; body: string }): string {
  const id = newId();
  tx.insert(mailOutbox).values({ id, toAddress: mail.to, subject: mail.subject, body: mail.body, status: "queued", createdAt: ctx.now.toISOString() }).run();
  return id;
}
