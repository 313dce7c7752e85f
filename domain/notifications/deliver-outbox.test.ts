import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { eq, ne } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { Db } from "@/db/client";
import { auditEvents, mailOutbox } from "@/db/schema";
import { createTestDb, makeUser, testCtx } from "@/db/testing";
import { DomainError } from "../errors";
import { deliverQueuedMail, MAX_SEND_ATTEMPTS, nextAttemptAfter, RETRY_DELAYS_MINUTES } from "./deliver-outbox";
import { getMailOverview } from "./mail-overview";
import { fileTransport, smtpTransport, transportFor, type MailTransport } from "./mail-transport";
import { queueMail } from "./notify";
import { retryMail } from "./retry-mail";

interface Received {
  to: string[];
  headers: Record<string, string>;
  body: string;
}

/** Just enough MIME for what nodemailer sends a plain-text message as. */
function parseMessage(raw: string, to: string[]): Received {
  const split = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers["content-transfer-encoding"] === "quoted-printable") {
    body = Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
  } else if (headers["content-transfer-encoding"] === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  }
  return { to, headers, body: body.replace(/\r\n/g, "\n").trimEnd() };
}

/** A real SMTP server on 127.0.0.1 and a random port, which can be told to refuse recipients for a while. */
class TestSmtpServer {
  readonly received: Received[] = [];
  refusing: string | null = null;
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (this.refusing) callback(Object.assign(new Error(this.refusing), { responseCode: 451 }));
      else callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        this.received.push(parseMessage(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }
}

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let smtp: TestSmtpServer;
let transport: MailTransport;
let tmp: string;

const T0 = new Date("2026-11-22T10:00:00.000Z");
const minutesAfter = (minutes: number, from = T0) => new Date(from.getTime() + minutes * 60_000);

function queue(to: string, subject: string, body = "Dear Alex,\n\nIPC-2026-000001 has been assigned to you.\n\nIntellectual Property Regulator", at = T0): string {
  return db.transaction((tx) => queueMail(tx, { now: at }, { to, subject, body }));
}
const row = (id: string) => db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!;

beforeAll(async () => {
  testDb = createTestDb();
  db = testDb.db;
  smtp = new TestSmtpServer();
  await smtp.start();
  transport = smtpTransport(smtp.url);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-outbox-"));
});
afterEach(() => {
  smtp.refusing = null;
  smtp.received.length = 0;
  // Each test sees only its own mail.
  db.update(mailOutbox).set({ status: "sent" }).where(ne(mailOutbox.status, "sent")).run();
});
afterAll(async () => {
  transport.close();
  await smtp.stop();
  testDb.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("deliverQueuedMail over SMTP", () => {
  it("delivers a queued message with the right To, Subject and body, exactly once", async () => {
    const id = queue("alex.morgan@example.test", "IPC-2026-000001: assigned to you – résumé");
    expect(await deliverQueuedMail(db, T0, transport)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.to).toEqual(["alex.morgan@example.test"]);
    expect(message!.headers.to).toBe("alex.morgan@example.test");
    expect(message!.headers.from).toContain("no-reply@ipcasework.test");
    expect(message!.headers["message-id"]).toBe(`<${id}@ipcasework.test>`);
    // A non-ASCII subject travels as an encoded word; decoded, it is the subject that was queued.
    const subject = message!.headers.subject!.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
      Buffer.from(q.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
    expect(subject.replace(/\s+/g, " ")).toBe("IPC-2026-000001: assigned to you – résumé");
    expect(message!.body).toBe("Dear Alex,\n\nIPC-2026-000001 has been assigned to you.\n\nIntellectual Property Regulator");
    expect(row(id)).toMatchObject({ status: "sent", sentAt: T0.toISOString(), attempts: 1, nextAttemptAt: null });

    expect(await deliverQueuedMail(db, minutesAfter(10), transport)).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("sends each message once even when two senders run at the same time", async () => {
    const ids = ["a", "b", "c"].map((x) => queue(`${x}@example.test`, `Message ${x}`));
    const [first, second] = await Promise.all([deliverQueuedMail(db, T0, transport), deliverQueuedMail(db, T0, smtpTransport(smtp.url))]);
    expect(first + second).toBe(3);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["a@example.test", "b@example.test", "c@example.test"]);
    for (const id of ids) expect(row(id).status).toBe("sent");
  });

  it("records a refusal, backs off, and sends on a later try once the server accepts", async () => {
    const id = queue("sam.okafor@example.test", "IPC-2026-000002: decision awaiting approval");
    smtp.refusing = "Mailbox temporarily unavailable";
    expect(await deliverQueuedMail(db, T0, transport)).toBe(0);
    expect(smtp.received).toEqual([]);
    const failed = row(id);
    expect(failed).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: minutesAfter(RETRY_DELAYS_MINUTES[0]).toISOString() });
    expect(failed.lastError).toContain("Mailbox temporarily unavailable");

    // Not due again until the backoff has passed, even though the server now accepts.
    smtp.refusing = null;
    expect(await deliverQueuedMail(db, minutesAfter(0.5), transport)).toBe(0);
    expect(smtp.received).toEqual([]);

    const retryAt = minutesAfter(RETRY_DELAYS_MINUTES[0]);
    expect(await deliverQueuedMail(db, retryAt, transport)).toBe(1);
    expect(smtp.received.map((m) => m.headers.subject)).toEqual(["IPC-2026-000002: decision awaiting approval"]);
    expect(row(id)).toMatchObject({ status: "sent", attempts: 2, sentAt: retryAt.toISOString(), nextAttemptAt: null });
  });

  it("backs off 1, 5, 30, 120 and 720 minutes, then marks the message failed and keeps it", async () => {
    const id = queue("jo.lindqvist@example.test", "Stubborn");
    smtp.refusing = "Greylisted";
    let now = T0;
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      await deliverQueuedMail(db, now, transport);
      const current = row(id);
      expect(current.attempts).toBe(attempt);
      if (current.status === "failed") break;
      const next = new Date(current.nextAttemptAt!);
      gaps.push((next.getTime() - now.getTime()) / 60_000);
      now = next;
    }
    expect(gaps).toEqual([...RETRY_DELAYS_MINUTES]);
    expect(row(id)).toMatchObject({ status: "failed", attempts: MAX_SEND_ATTEMPTS, nextAttemptAt: null });
    expect(row(id).lastError).toContain("Greylisted");
    expect(await deliverQueuedMail(db, minutesAfter(100_000), transport)).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it("delivers nothing, and loses nothing, when the server cannot be reached", async () => {
    const id = queue("nobody@example.test", "Unreachable");
    const dead = transportFor({ smtpUrl: "smtp://127.0.0.1:1", outboxDir: tmp });
    expect(dead.kind).toBe("smtp");
    expect(await deliverQueuedMail(db, T0, dead)).toBe(0);
    expect(row(id)).toMatchObject({ status: "queued", attempts: 1 });
    expect(row(id).lastError).toBeTruthy();
    dead.close();
  });
});

describe("nextAttemptAfter", () => {
  it("gives up after the last delay", () => {
    expect(nextAttemptAfter(T0, 1)).toBe(minutesAfter(1).toISOString());
    expect(nextAttemptAfter(T0, MAX_SEND_ATTEMPTS - 1)).toBe(minutesAfter(720).toISOString());
    expect(nextAttemptAfter(T0, MAX_SEND_ATTEMPTS)).toBeNull();
  });
});

describe("deliverQueuedMail to files", () => {
  it("writes each message as an .eml file in the outbox folder, once", async () => {
    const dir = path.join(tmp, "outbox");
    const files = transportFor({ smtpUrl: undefined, outboxDir: dir });
    expect(files.kind).toBe("files");
    const id = queue("priya.raman@example.test", "IPC-2026-000003: complaint received", "Dear Priya,\n\nWe have received it.");
    expect(await deliverQueuedMail(db, T0, files)).toBe(1);
    const written = fs.readdirSync(dir);
    expect(written).toEqual([`2026-11-22T10-00-00-000Z-${id}.eml`]);
    const eml = fs.readFileSync(path.join(dir, written[0]!), "utf8");
    expect(eml).toContain("\r\nTo: priya.raman@example.test\r\n");
    expect(eml).toContain("\r\nSubject: IPC-2026-000003: complaint received\r\n");
    expect(eml.slice(eml.indexOf("\r\n\r\n") + 4)).toBe("Dear Priya,\r\n\r\nWe have received it.\r\n");
    expect(row(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await deliverQueuedMail(db, minutesAfter(5), files)).toBe(0);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it("keeps a subject from injecting headers", async () => {
    const dir = path.join(tmp, "outbox-inject");
    queue("a@example.test", "Hello\r\nBcc: victim@example.test");
    await deliverQueuedMail(db, T0, fileTransport(dir));
    const eml = fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!), "utf8");
    expect(eml).not.toMatch(/^Bcc:/m);
  });

  it("records a failure to write and retries later", async () => {
    const blocker = path.join(tmp, "not-a-folder");
    fs.writeFileSync(blocker, "");
    const id = queue("b@example.test", "Cannot write");
    expect(await deliverQueuedMail(db, T0, fileTransport(path.join(blocker, "outbox")))).toBe(0);
    expect(row(id)).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: minutesAfter(1).toISOString() });
  });
});

describe("failed mail for administrators", () => {
  function thrown(fn: () => unknown): DomainError {
    try {
      fn();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error("expected a DomainError, but nothing was thrown");
  }

  it("counts messages by status and lists failed and retrying ones, newest first", async () => {
    const admin = makeUser(db, "admin");
    const failedId = queue("f@example.test", "Failed one", "x", minutesAfter(1));
    const retryingId = queue("r@example.test", "Retrying one", "x", minutesAfter(2));
    queue("q@example.test", "Waiting one", "x", minutesAfter(3));
    db.update(mailOutbox).set({ status: "failed", attempts: MAX_SEND_ATTEMPTS, lastError: "550 No such user" }).where(eq(mailOutbox.id, failedId)).run();
    db.update(mailOutbox).set({ attempts: 2, lastError: "451 Try later", nextAttemptAt: minutesAfter(30).toISOString() }).where(eq(mailOutbox.id, retryingId)).run();
    const overview = getMailOverview(testCtx(db, admin));
    expect(overview.counts).toMatchObject({ queued: 1, retrying: 1, failed: 1 });
    expect(overview.counts.sent).toBeGreaterThan(0);
    expect(overview.problems.map((p) => [p.id, p.status, p.attempts, p.lastError, p.nextAttemptAt])).toEqual([
      [retryingId, "queued", 2, "451 Try later", minutesAfter(30).toISOString()],
      [failedId, "failed", MAX_SEND_ATTEMPTS, "550 No such user", null],
    ]);
  });

  it("lets an administrator send a failed message again, audited, and it is delivered", async () => {
    const admin = makeUser(db, "admin");
    const id = queue("again@example.test", "Second chance");
    db.update(mailOutbox).set({ status: "failed", attempts: MAX_SEND_ATTEMPTS, lastError: "451 Try later" }).where(eq(mailOutbox.id, id)).run();
    retryMail(testCtx(db, admin, minutesAfter(60)), { mailId: id });
    expect(row(id)).toMatchObject({ status: "queued", nextAttemptAt: null });
    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `mail:${id}`)).all();
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["mail.retried", admin.id]]);

    expect(thrown(() => retryMail(testCtx(db, admin), { mailId: id })).code).toBe("conflict");
    expect(await deliverQueuedMail(db, minutesAfter(60), transport)).toBe(1);
    expect(smtp.received.map((m) => m.to[0])).toEqual(["again@example.test"]);
    expect(row(id).status).toBe("sent");
  });

  it("marks a retried message failed again at once if it fails again", async () => {
    const admin = makeUser(db, "admin");
    const id = queue("again2@example.test", "Still broken");
    db.update(mailOutbox).set({ status: "failed", attempts: MAX_SEND_ATTEMPTS, lastError: "451" }).where(eq(mailOutbox.id, id)).run();
    retryMail(testCtx(db, admin), { mailId: id });
    smtp.refusing = "Still no";
    await deliverQueuedMail(db, T0, transport);
    expect(row(id)).toMatchObject({ status: "failed", attempts: MAX_SEND_ATTEMPTS + 1 });
  });

  it("is for administrators only", () => {
    const caseworker = makeUser(db, "caseworker");
    const id = queue("x@example.test", "Nope");
    expect(thrown(() => getMailOverview(testCtx(db, caseworker))).code).toBe("not_found");
    expect(thrown(() => retryMail(testCtx(db, caseworker), { mailId: id })).code).toBe("not_found");
    expect(thrown(() => retryMail(testCtx(db, null), { mailId: id })).code).toBe("unauthenticated");
    expect(thrown(() => retryMail(testCtx(db, makeUser(db, "admin")), { mailId: "missing" })).code).toBe("not_found");
  });
});
