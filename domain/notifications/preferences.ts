import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { EMAIL_MODES, notificationPreferences, type EmailMode } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { notificationKindsFor } from "./kinds";

export const EMAIL_MODE_LABELS: Record<EmailMode, string> = {
  immediate: "Email me straight away",
  digest: "Email me a daily summary",
  none: "Do not email me",
};

/** The default, when a user has never chosen: nothing is missed by someone who never opens the settings. */
export const DEFAULT_EMAIL_MODE: EmailMode = "immediate";

/** How `userId` wants to be emailed about `kind`. */
export function emailModeFor(db: DbOrTx, userId: string, kind: string): EmailMode {
  const row = db
    .select({ emailMode: notificationPreferences.emailMode })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)))
    .get();
  return row?.emailMode ?? DEFAULT_EMAIL_MODE;
}

export interface EmailPreference {
  kind: string;
  label: string;
  mode: EmailMode;
}

/** The actor's choice for each kind their role can receive, in the catalogue's order. */
export function getEmailPreferences(ctx: Ctx): EmailPreference[] {
  requireActor(ctx.actor);
  const kinds = notificationKindsFor(ctx.actor.role);
  const chosen = new Map(
    ctx.db
      .select({ kind: notificationPreferences.kind, emailMode: notificationPreferences.emailMode })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, ctx.actor.id), inArray(notificationPreferences.kind, kinds.length ? kinds.map((k) => k.kind) : [""])))
      .all()
      .map((row) => [row.kind, row.emailMode]),
  );
  return kinds.map((k) => ({ kind: k.kind, label: k.label, mode: chosen.get(k.kind) ?? DEFAULT_EMAIL_MODE }));
}

export const SaveEmailPreferencesInput = z.object({
  /**
   * Kind → mode, one entry per question on the form. Left unbounded here: the checks below accept
   * only known kinds and modes, and say which question is wrong (zod's length messages would not).
   */
  modes: z.record(z.string(), z.string()),
});

const modeSchema = z.enum(EMAIL_MODES);

/**
 * Saves the actor's email choices. Every kind their role can receive must be answered, so a form
 * missing a question is refused rather than half-saved. Only changed choices are written and audited.
 */
export function saveEmailPreferences(ctx: Ctx, input: z.input<typeof SaveEmailPreferencesInput>): { changed: number } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { modes } = parseInput(SaveEmailPreferencesInput, input);
  const kinds = notificationKindsFor(actor.role);
  const fieldErrors: Record<string, string> = {};
  const wanted = new Map<string, EmailMode>();
  for (const { kind, label } of kinds) {
    const parsed = modeSchema.safeParse(modes[kind]);
    if (parsed.success) wanted.set(kind, parsed.data);
    else fieldErrors[kind] = `Select how we should email you when ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  }
  const unknown = Object.keys(modes).filter((kind) => !kinds.some((k) => k.kind === kind));
  if (unknown.length > 0) fieldErrors._form = "Some of these settings are not available to you. Reload the page and try again.";
  if (Object.keys(fieldErrors).length > 0) throw new DomainError("invalid", "There is a problem with your email settings.", fieldErrors);

  return writeTransaction(ctx.db, (tx) => {
    const at = ctx.now.toISOString();
    const changes: { kind: string; from: EmailMode; to: EmailMode }[] = [];
    for (const [kind, mode] of wanted) {
      const from = emailModeFor(tx, actor.id, kind);
      if (from === mode) continue;
      tx.insert(notificationPreferences)
        .values({ userId: actor.id, kind, emailMode: mode, updatedAt: at })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { emailMode: mode, updatedAt: at } })
        .run();
      changes.push({ kind, from, to: mode });
    }
    if (changes.length > 0) recordAudit(tx, ctx, { action: "notification_preferences.changed", subject: `user:${actor.id}`, data: { changes } });
    return { changed: changes.length };
  });
}
