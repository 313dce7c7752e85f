import { and, asc, count, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { mailOutbox, notificationPreferences, notifications, users } from "@/db/schema";
import { absoluteUrl, DEFAULT_CONFIG, type AppConfig } from "../context";
import { writeTransaction } from "../transaction";
import { londonOffset } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { safeInAppLink } from "./links";
import { queueMail } from "./notify";

/** Every daily summary's subject starts with this; it is how a second summary on the same day is avoided. */
export const DIGEST_SUBJECT_PREFIX = "IP Casework daily summary";
/** Daily summaries go out from 07:00 UK time. */
export const DIGEST_HOUR = 7;

const IMMEDIATE_BATCH = 200;
const DIGEST_RECIPIENTS_BATCH = 50;
/** A summary lists at most this many notifications in full and points to the inbox for the rest. */
const DIGEST_LISTED = 50;
const DIGEST_BODY_CHARS = 600;

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true });
const londonTime = (iso: string) => timeFormat.format(new Date(iso)).replace(" at ", ", ").replace(/\s?(am|pm)$/i, (m) => m.trim().toLowerCase());

/**
 * The most recent 07:00 UK time at or before `now`, or null before 07:00 on `now`'s own UK date.
 * Clocks change at 01:00 UTC, so 07:00 is never skipped or repeated, and the offset in force at the
 * end of the date is the one in force at 07:00.
 */
export function digestCutoff(now: Date): Date | null {
  const today = londonDateOf(now);
  const cutoff = new Date(`${today}T${String(DIGEST_HOUR).padStart(2, "0")}:00:00${londonOffset(today)}`);
  return now >= cutoff ? cutoff : null;
}

interface Recipient {
  email: string;
  name: string;
  disabledAt: string | null;
}

function footer(baseUrl: string): string[] {
  return ["", `To choose which notifications we email you, and how: ${absoluteUrl({ baseUrl }, "/notifications/settings")}`, "", "Intellectual Property Regulator"];
}

function immediateMail(baseUrl: string, recipient: Recipient, n: { title: string; body: string; link: string | null }) {
  const link = safeInAppLink(n.link) ?? "/notifications";
  const lines = [`Dear ${recipient.name},`, "", n.title, ""];
  if (n.body.trim()) lines.push(n.body, "");
  lines.push(`See it in IP Casework: ${absoluteUrl({ baseUrl }, link)}`, ...footer(baseUrl));
  return { to: recipient.email, subject: n.title, body: lines.join("\n") };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function digestMail(baseUrl: string, recipient: Recipient, items: { title: string; body: string; link: string | null; createdAt: string }[], total: number) {
  const lines = [`Dear ${recipient.name},`, "", `Here is your daily summary from IP Casework: ${plural(total, "notification")}.`];
  for (const item of items) {
    const body = item.body.length > DIGEST_BODY_CHARS ? `${item.body.slice(0, DIGEST_BODY_CHARS).trimEnd()}…` : item.body;
    lines.push("", "----", "", item.title, londonTime(item.createdAt));
    if (body.trim()) lines.push("", body);
    lines.push("", absoluteUrl({ baseUrl }, safeInAppLink(item.link) ?? "/notifications"));
  }
  lines.push("", "----");
  if (total > items.length) lines.push("", `There ${total - items.length === 1 ? "is 1 more" : `are ${total - items.length} more`} in your notifications: ${absoluteUrl({ baseUrl }, "/notifications")}`);
  lines.push(...footer(baseUrl));
  return { to: recipient.email, subject: `${DIGEST_SUBJECT_PREFIX}: ${plural(total, "notification")}`, body: lines.join("\n") };
}

/** Notifications whose recipient wants them straight away (or not at all), oldest first. */
function prepareImmediate(tx: Tx, now: Date, baseUrl: string, limit: number): number {
  const at = now.toISOString();
  const pending = tx
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      mode: notificationPreferences.emailMode,
      email: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, notifications.userId), eq(notificationPreferences.kind, notifications.kind)))
    .where(and(isNull(notifications.emailedAt), or(isNull(notificationPreferences.emailMode), ne(notificationPreferences.emailMode, "digest"))))
    .orderBy(asc(notifications.createdAt))
    .limit(limit)
    .all();
  let queued = 0;
  for (const n of pending) {
    // A disabled account cannot sign in to act on it; the notification still waits in its inbox.
    if (n.mode !== "none" && n.disabledAt === null) {
      queueMail(tx, { now }, immediateMail(baseUrl, n, n));
      queued++;
    }
    tx.update(notifications).set({ emailedAt: at }).where(and(eq(notifications.id, n.id), isNull(notifications.emailedAt))).run();
  }
  return queued;
}

/** One summary per recipient who chose summaries, listing what waited for it before today's 07:00. */
function prepareDigests(tx: Tx, now: Date, cutoff: Date, baseUrl: string): number {
  const at = now.toISOString();
  const cutoffIso = cutoff.toISOString();
  const waiting = and(
    isNull(notifications.emailedAt),
    lt(notifications.createdAt, cutoffIso),
    eq(notificationPreferences.emailMode, "digest"),
  );
  const prefJoin = and(eq(notificationPreferences.userId, notifications.userId), eq(notificationPreferences.kind, notifications.kind));
  // Someone already sent today's summary is left until tomorrow's: once a day, even if a
  // notification dated before 07:00 is committed just after the summary went.
  const alreadySummarised = sql`exists (select 1 from ${mailOutbox} where ${mailOutbox.toAddress} = ${users.email} and ${mailOutbox.createdAt} >= ${cutoffIso} and ${mailOutbox.subject} like ${`${DIGEST_SUBJECT_PREFIX}%`})`;
  const recipients = tx
    .selectDistinct({ userId: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
    .from(notifications)
    .innerJoin(notificationPreferences, prefJoin)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(waiting, sql`not ${alreadySummarised}`))
    .limit(DIGEST_RECIPIENTS_BATCH)
    .all();
  let queued = 0;
  for (const recipient of recipients) {
    const mine = and(waiting, eq(notifications.userId, recipient.userId));
    const items = tx
      .select({ title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt })
      .from(notifications)
      .innerJoin(notificationPreferences, prefJoin)
      .where(mine)
      .orderBy(asc(notifications.createdAt))
      .limit(DIGEST_LISTED)
      .all();
    const total = tx.select({ n: count() }).from(notifications).innerJoin(notificationPreferences, prefJoin).where(mine).get()?.n ?? 0;
    if (recipient.disabledAt === null && items.length > 0) {
      queueMail(tx, { now }, digestMail(baseUrl, recipient, items, total));
      queued++;
    }
    const digestKinds = tx
      .select({ kind: notificationPreferences.kind })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, recipient.userId), eq(notificationPreferences.emailMode, "digest")));
    tx.update(notifications)
      .set({ emailedAt: at })
      .where(and(eq(notifications.userId, recipient.userId), isNull(notifications.emailedAt), lt(notifications.createdAt, cutoffIso), inArray(notifications.kind, digestKinds)))
      .run();
  }
  return queued;
}

/**
 * Turns notifications not yet emailed into queued mail, by each recipient's choice for that kind:
 * straight away; in one daily summary from 07:00 UK time listing what arrived before then; or not
 * at all (marked emailed, so they are not looked at again). Bounded per call; the scheduler calls
 * it every tick, and a backlog drains over several. Returns how many mails were queued.
 * `baseUrl` is the service's public address, for the links in the mail.
 */
export function prepareNotificationEmails(db: Db, now: Date, options: { baseUrl?: AppConfig["baseUrl"]; limit?: number } = {}): number {
  const baseUrl = options.baseUrl ?? DEFAULT_CONFIG.baseUrl;
  return writeTransaction(db, (tx) => {
    let queued = prepareImmediate(tx, now, baseUrl, options.limit ?? IMMEDIATE_BATCH);
    const cutoff = digestCutoff(now);
    if (cutoff) queued += prepareDigests(tx, now, cutoff, baseUrl);
    return queued;
  });
}
