import { and, count, desc, eq, isNotNull, or } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";

/** The problem list shows at most this many messages, newest first. */
export const MAIL_PROBLEMS_SHOWN = 100;

export interface MailProblem {
  id: string;
  toAddress: string;
  subject: string;
  status: "queued" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When the next automatic attempt is due; null for a failed message, which waits for an administrator. */
  nextAttemptAt: string | null;
}

export interface MailOverview {
  counts: { queued: number; retrying: number; sent: number; failed: number };
  problems: MailProblem[];
}

/** Outgoing mail for administrators: how much is in each state, and the messages that have failed or are being retried. */
export function getMailOverview(ctx: Ctx): MailOverview {
  requirePermission(ctx.actor, "admin.mail");
  const byStatus = new Map(
    ctx.db
      .select({ status: mailOutbox.status, n: count() })
      .from(mailOutbox)
      .groupBy(mailOutbox.status)
      .all()
      .map((row) => [row.status, row.n]),
  );
  const retryingWhere = and(eq(mailOutbox.status, "queued"), isNotNull(mailOutbox.lastError));
  const retrying = ctx.db.select({ n: count() }).from(mailOutbox).where(retryingWhere).get()?.n ?? 0;
  const problems = ctx.db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      nextAttemptAt: mailOutbox.nextAttemptAt,
    })
    .from(mailOutbox)
    .where(or(eq(mailOutbox.status, "failed"), retryingWhere))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(MAIL_PROBLEMS_SHOWN)
    .all()
    .map((row) => ({ ...row, status: row.status === "failed" ? ("failed" as const) : ("queued" as const), nextAttemptAt: row.status === "failed" ? null : row.nextAttemptAt }));
  return {
    counts: { queued: (byStatus.get("queued") ?? 0) - retrying, retrying, sent: byStatus.get("sent") ?? 0, failed: byStatus.get("failed") ?? 0 },
    problems,
  };
}
