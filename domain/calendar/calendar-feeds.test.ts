import ICAL from "ical.js";
import { eq, like } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, calendarFeeds, caseParties, cases, organisationMembers, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { verifyAuditChain } from "../audit/verify-chain";
import { startDeadline } from "../deadlines/case-clock";
import { createCalendarFeed } from "./create-calendar-feed";
import { calendarFeedsView } from "./list-calendar-feeds";
import { readCalendarFeed } from "./read-calendar-feed";
import { revokeCalendarFeed } from "./revoke-calendar-feed";

const BASE = "https://casework.example.test";

let db: Db;
let close: () => void;
let caseworker: Actor;
let otherCaseworker: Actor;
let complainant: Actor;
let outsider: Actor;
let amicus: Actor;
let complainantOrg: string;
let myCase: string;
let otherCase: string;

function makeCase(reference: string, assignedTo: string, complainantOrganisation: string): string {
  const id = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases).values({ id, reference, status: "assessment", title: `Case ${reference}`, complaint: {}, ipRights: ["copyright"], technologyTags: [], createdBy: complainant.id, assignedTo, submittedAt: at, publishedAt: at, createdAt: at, updatedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrganisation, role: "complainant", addedAt: at }).run();
  db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker), { caseId: id, ruleId: "case-to-answer", startOn: "2026-11-20", reason: "Accepted" }));
  db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker), { caseId: id, ruleId: "respondent-representations", startOn: "2026-11-20", reason: "Served" }));
  return id;
}

const ctxFor = (actor: Actor) => ({ ...testCtx(db, actor), config: { ...testCtx(db, actor).config, baseUrl: BASE } });
const tokenOf = (url: string) => url.split("/").at(-1)!;
const read = (url: string) => readCalendarFeed(db, tokenOf(url), FIXED_NOW, BASE);
const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

beforeEach(() => {
  ({ db, close } = createTestDb());
  caseworker = makeUser(db, "caseworker");
  otherCaseworker = makeUser(db, "caseworker");
  complainantOrg = makeOrganisation(db, "Complainant Labs Ltd");
  const otherOrg = makeOrganisation(db, "Someone Else Ltd");
  complainant = makeUser(db, "party", { organisationIds: [complainantOrg] });
  outsider = makeUser(db, "party", { organisationIds: [otherOrg] });
  amicus = makeUser(db, "amicus");
  myCase = makeCase("IPC-2026-000001", caseworker.id, complainantOrg);
  otherCase = makeCase("IPC-2026-000002", otherCaseworker.id, otherOrg);
});
afterEach(() => close());

describe("personal calendar links", () => {
  it("gives a secret URL once, stores only its hash, and serves the owner's deadlines", () => {
    const created = createCalendarFeed(ctxFor(caseworker), {});
    expect(created.url).toMatch(/^https:\/\/casework\.example\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = tokenOf(created.url).replace(/\.ics$/, "");
    const [row] = db.select().from(calendarFeeds).all();
    expect(row).toMatchObject({ userId: caseworker.id, caseId: null, revokedAt: null });
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is nowhere in the database, the audit trail included.
    expect(JSON.stringify(db.select().from(calendarFeeds).all())).not.toContain(token);
    expect(db.select().from(auditEvents).where(like(auditEvents.data, `%${token}%`)).all()).toEqual([]);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "calendar_feed.created")).all()).toHaveLength(1);

    const feed = read(created.url);
    expect(feed).not.toBeNull();
    const mine = events(feed!.ics);
    // Only the deadlines on the case assigned to this caseworker.
    expect(mine.map((e) => e.summary).sort()).toEqual(["IPC-2026-000001: Case-to-answer determination", "IPC-2026-000001: Respondent's representations"]);
    expect(mine.every((e) => e.uid.startsWith("deadline-") && e.uid.endsWith("@ipcasework"))).toBe(true);
    expect(mine[0]!.component.getFirstPropertyValue("url")).toBe(`${BASE}/cases/${myCase}`);
    // The token works with and without the .ics a calendar app likes to see.
    expect(readCalendarFeed(db, token, FIXED_NOW, BASE)?.ics).toBe(feed!.ics);
  });

  it("keeps each event's UID stable across fetches, so calendars update rather than duplicate", () => {
    const { url } = createCalendarFeed(ctxFor(caseworker), {});
    const first = events(read(url)!.ics).map((e) => e.uid);
    const later = events(readCalendarFeed(db, tokenOf(url), new Date("2026-12-01T09:00:00Z"), BASE)!.ics).map((e) => e.uid);
    expect(later).toEqual(first);
  });

  it("a party's feed covers the cases their organisation is on, with links to the portal", () => {
    const { url } = createCalendarFeed(ctxFor(complainant), {});
    const list = events(read(url)!.ics);
    expect(list).toHaveLength(2);
    expect(list.every((e) => e.summary.startsWith("IPC-2026-000001"))).toBe(true);
    expect(list[0]!.component.getFirstPropertyValue("url")).toBe(`${BASE}/portal/cases/${myCase}`);
  });

  it("regenerating turns off the old link; revoking turns off the new one; each is audited", () => {
    const first = createCalendarFeed(ctxFor(caseworker), {});
    const second = createCalendarFeed(ctxFor(caseworker), {});
    expect(second.replacedEarlierLink).toBe(true);
    expect(read(first.url)).toBeNull();
    expect(read(second.url)).not.toBeNull();
    revokeCalendarFeed(ctxFor(caseworker), {});
    expect(read(second.url)).toBeNull();
    expect(thrown(() => revokeCalendarFeed(ctxFor(caseworker), {})).code).toBe("conflict");
    const actions = db.select({ action: auditEvents.action }).from(auditEvents).all().map((a) => a.action).filter((a) => a.startsWith("calendar_feed."));
    expect(actions).toEqual(["calendar_feed.created", "calendar_feed.regenerated", "calendar_feed.revoked"]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("answers nothing once the owner is disabled, and for unknown or malformed tokens", () => {
    const { url } = createCalendarFeed(ctxFor(caseworker), {});
    expect(readCalendarFeed(db, "x".repeat(43), FIXED_NOW, BASE)).toBeNull();
    expect(readCalendarFeed(db, "../../etc/passwd", FIXED_NOW, BASE)).toBeNull();
    expect(readCalendarFeed(db, "", FIXED_NOW, BASE)).toBeNull();
    db.update(users).set({ disabledAt: FIXED_NOW.toISOString() }).where(eq(users.id, caseworker.id)).run();
    expect(read(url)).toBeNull();
  });

  it("someone else cannot turn your link off: revoking acts on the signed-in user's own links only", () => {
    const { url } = createCalendarFeed(ctxFor(caseworker), {});
    expect(thrown(() => revokeCalendarFeed(ctxFor(otherCaseworker), {})).code).toBe("conflict");
    expect(read(url)).not.toBeNull();
  });

  it("needs a signed-in user", () => {
    expect(thrown(() => createCalendarFeed(testCtx(db, null), {})).code).toBe("unauthenticated");
    expect(thrown(() => calendarFeedsView(testCtx(db, null))).code).toBe("unauthenticated");
  });
});

describe("case calendar links", () => {
  it("a case feed shows only that case's deadlines, to its staff and its parties", () => {
    const staffFeed = createCalendarFeed(ctxFor(otherCaseworker), { caseId: myCase });
    const partyFeed = createCalendarFeed(ctxFor(complainant), { caseId: myCase });
    for (const { url } of [staffFeed, partyFeed]) {
      const feed = read(url)!;
      expect(feed.name).toBe("IPC-2026-000001 deadlines – IP Casework");
      expect(events(feed.ics).map((e) => e.summary.slice(0, 15))).toEqual(["IPC-2026-000001", "IPC-2026-000001"]);
    }
    // A case feed sits beside the personal one: making one does not turn the other off.
    const personal = createCalendarFeed(ctxFor(complainant), {});
    expect(read(partyFeed.url)).not.toBeNull();
    expect(read(personal.url)).not.toBeNull();
  });

  it("is not_found for a case the user is not on, and for amicus users even on a published case", () => {
    expect(thrown(() => createCalendarFeed(ctxFor(outsider), { caseId: myCase })).code).toBe("not_found");
    expect(thrown(() => createCalendarFeed(ctxFor(amicus), { caseId: myCase })).code).toBe("not_found");
    expect(thrown(() => createCalendarFeed(ctxFor(caseworker), { caseId: "no-such-case" })).code).toBe("not_found");
    expect(db.select().from(calendarFeeds).all()).toEqual([]);
  });

  it("stops answering when the user leaves the organisation on the case", () => {
    const { url } = createCalendarFeed(ctxFor(complainant), { caseId: myCase });
    db.delete(organisationMembers).where(eq(organisationMembers.userId, complainant.id)).run();
    expect(read(url)).toBeNull();
  });

  it("lists the user's links, with the case they came from first in view", () => {
    createCalendarFeed(ctxFor(caseworker), { caseId: otherCase });
    expect(calendarFeedsView(ctxFor(caseworker), { caseId: myCase })).toMatchObject({
      personalCreatedAt: null,
      focusCase: { caseId: myCase, reference: "IPC-2026-000001", createdAt: null },
      caseFeeds: [{ caseId: otherCase, reference: "IPC-2026-000002", createdAt: FIXED_NOW.toISOString() }],
    });
    createCalendarFeed(ctxFor(caseworker), {});
    createCalendarFeed(ctxFor(caseworker), { caseId: myCase });
    const view = calendarFeedsView(ctxFor(caseworker), { caseId: myCase });
    expect(view.personalCreatedAt).toBe(FIXED_NOW.toISOString());
    expect(view.focusCase?.createdAt).toBe(FIXED_NOW.toISOString());
    expect(view.caseFeeds.map((f) => f.reference)).toEqual(["IPC-2026-000001", "IPC-2026-000002"]);
    expect(thrown(() => calendarFeedsView(ctxFor(outsider), { caseId: myCase })).code).toBe("not_found");
  });
});
