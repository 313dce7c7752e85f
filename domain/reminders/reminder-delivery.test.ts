import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { smtpTransport, type MailTransport } from "../notifications/mail-transport";
import { startScheduler, type TickResult } from "./scheduler";
import { datesFrom, noonOn, seedReminderWorld, startTestDeadline, type ReminderWorld } from "./test-fixtures";

/**
 * The "done when": a real SMTP server on 127.0.0.1 sees each reminder arrive exactly once
 * as the injected clock reaches each offset, with one scheduler and with two running at once on
 * two connections to the same database file, and a missed deadline escalates.
 */

interface Received {
  to: string;
  subject: string;
}

/** Header value with folding undone and RFC 2047 encoded words decoded. */
function headerValue(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, "");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? "";
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
}

async function startSmtpServer(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        for (const recipient of session.envelope.rcptTo) received.push({ to: recipient.address, subject: headerValue(raw, "Subject") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const REF = "IPC-2026-000042";
const INFO = `${REF}: Response to an information request`;
const C2A = `${REF}: Case-to-answer determination`;
const CASEWORKER = "caseworker@reminders.test";
const COMPLAINANT = "complainant@reminders.test";
const SUPERVISOR = "supervisor-alpha@reminders.test";

/** What should arrive on each day, by recipient and subject; nothing arrives on any other day. */
const EXPECTED: Record<string, Received[]> = {
  "2027-01-11": [
    { to: CASEWORKER, subject: `${INFO} is due in 5 working days` },
    { to: COMPLAINANT, subject: `${INFO} is due in 5 working days` },
  ],
  "2027-01-14": [
    { to: CASEWORKER, subject: `${INFO} is due in 2 working days` },
    { to: COMPLAINANT, subject: `${INFO} is due in 2 working days` },
  ],
  "2027-01-18": [
    { to: CASEWORKER, subject: `${INFO} is due today` },
    { to: COMPLAINANT, subject: `${INFO} is due today` },
  ],
  "2027-01-19": [{ to: SUPERVISOR, subject: `${INFO} deadline missed` }],
  "2027-01-22": [{ to: CASEWORKER, subject: `${C2A} is due in 10 days` }],
  "2027-01-27": [{ to: CASEWORKER, subject: `${C2A} is due in 5 days` }],
  "2027-01-30": [{ to: CASEWORKER, subject: `${C2A} is due in 2 days` }],
  "2027-02-01": [{ to: CASEWORKER, subject: `${C2A} is due today` }],
  "2027-02-02": [{ to: SUPERVISOR, subject: `${C2A} deadline missed` }],
};

const sorted = (list: Received[]) => [...list].sort((a, b) => (a.to + a.subject < b.to + b.subject ? -1 : 1));

let db: Db;
let file: string;
let close: () => void;
let world: ReminderWorld;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeEach(async () => {
  ({ db, file, close } = createTestDb());
  world = seedReminderWorld(db);
  startTestDeadline(db, world, "case-to-answer", "2026-12-18");
  startTestDeadline(db, world, "information-response", "2027-01-04");
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
  close();
});

/**
 * Runs `count` schedulers, each on its own connection and SMTP transport, against one injected
 * clock, and walks the clock a day at a time. After each step it waits until every scheduler has
 * finished a whole tick at the new time, then checks exactly what the SMTP server got that day.
 */
async function walkWithSchedulers(count: number) {
  let current = noonOn("2027-01-04");
  const connections = [db, ...Array.from({ length: count - 1 }, () => openDatabase(file, { migrate: false }))];
  const transports: MailTransport[] = connections.map(() => smtpTransport(`smtp://127.0.0.1:${smtp.port}`));
  const finishedAt: number[] = connections.map(() => 0);
  let waiters: (() => void)[] = [];
  const errors: unknown[] = [];
  const stops = connections.map((connection, index) =>
    startScheduler({
      db: connection,
      intervalMs: 5,
      now: () => current,
      deliver: transports[index]!,
      log: { error: (...args: unknown[]) => errors.push(args) },
      onTick: (tick: TickResult) => {
        errors.push(...tick.errors);
        finishedAt[index] = tick.at.getTime();
        for (const wake of waiters) wake();
        waiters = [];
      },
    }),
  );
  const allCaughtUp = () => finishedAt.every((at) => at === current.getTime());
  const waitForAll = async () => {
    while (!allCaughtUp()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  try {
    for (const date of datesFrom("2027-01-04", "2027-02-05")) {
      const before = smtp.received.length;
      current = noonOn(date);
      await waitForAll();
      // A second full round at the same time must send nothing more.
      finishedAt.fill(0);
      await waitForAll();
      expect({ date, mail: sorted(smtp.received.slice(before)) }).toEqual({ date, mail: sorted(EXPECTED[date] ?? []) });
    }
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    for (const transport of transports) transport.close();
    for (const connection of connections.slice(1)) connection.$client.close();
  }
  expect(errors).toEqual([]);
  expect(smtp.received).toHaveLength(Object.values(EXPECTED).flat().length);
  expect(db.select().from(mailOutbox).all().every((mail) => mail.status === "sent")).toBe(true);
}

describe("reminders by email through a real SMTP server", () => {
  it("one scheduler: each reminder arrives once, on its day, and a missed deadline escalates", async () => {
    await walkWithSchedulers(1);
  }, 120_000);

  it("two schedulers on two connections to one database: still exactly once", async () => {
    await walkWithSchedulers(2);
  }, 120_000);
});
