import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, FIXED_NOW } from "@/db/testing";
import { escapeLike, listRegister, listRegisterFeedEntries, readRegisterFilters } from "./list-register";
import { makeRegisterWorld } from "./register-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeRegisterWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeRegisterWorld(db);
});
afterEach(() => testDb.close());

const references = (query: Parameters<typeof listRegister>[2] = {}) => listRegister(db, FIXED_NOW, query).items.map((item) => item.reference);

describe("what is on the register", () => {
  it("lists published cases only: never an unpublished, accepted case, and never a draft", () => {
    world.makeCase({ reference: "IPC-2026-000901" });
    world.makeCase({ reference: "IPC-2026-000902", status: "draft", acceptedOn: null, publishedAt: "2026-11-20T10:00:00.000Z" });
    world.makePublishedCase({ reference: "IPC-2026-000903" });
    expect(references()).toEqual(["IPC-2026-000903"]);
    expect(listRegister(db, FIXED_NOW).total).toBe(1);
    expect(listRegisterFeedEntries(db, FIXED_NOW).map((e) => e.reference)).toEqual(["IPC-2026-000903"]);
  });

  it("keeps a published case that was later withdrawn", () => {
    world.makePublishedCase({ reference: "IPC-2026-000904", status: "withdrawn", closedAt: "2026-11-21T10:00:00.000Z" });
    expect(references()).toEqual(["IPC-2026-000904"]);
  });

  it("says so when nothing is published", () => {
    world.makeCase();
    expect(listRegister(db, FIXED_NOW)).toEqual({ items: [], page: 1, pageCount: 1, total: 0, filters: {} });
  });
});

describe("the facts each item gives", () => {
  it("names the complainant and respondent, not their firms or interested parties, with dates, deadline and window", () => {
    const { id } = world.makePublishedCase({
      reference: "IPC-2026-000010",
      title: "Corvid Labs v Meridian Cloud",
      complainant: "Corvid Labs Ltd",
      respondent: "Meridian Cloud Systems Pte Ltd",
      ipRights: ["trade_secret", "copyright"],
      deadline: { dueOn: "2026-11-19", status: "running" },
    });
    const [item] = listRegister(db, FIXED_NOW).items;
    expect(item).toEqual({
      id,
      reference: "IPC-2026-000010",
      title: "Corvid Labs v Meridian Cloud",
      complainants: ["Corvid Labs Ltd"],
      respondents: ["Meridian Cloud Systems Pte Ltd"],
      ipRights: ["trade_secret", "copyright"],
      ipRightLabels: ["Trade secret or confidential information", "Copyright"],
      status: "assessment",
      statusLabel: "Assessment",
      submittedAt: "2026-10-01T09:00:00.000Z",
      acceptedOn: "2026-10-05",
      publishedAt: "2026-11-20T10:00:00.000Z",
      decidedAt: null,
      decision: null,
      decisionLabel: null,
      deadline: { dueOn: "2026-11-19", status: "running", metOn: null },
      amicusWindow: { open: true, closesOn: "2026-12-11" },
    });
    expect(JSON.stringify(item)).not.toMatch(/Firm|Interested Party/);
  });

  it("gives the UK date a met deadline was met on", () => {
    // 23:30 UTC on 31 October 2026 is still 31 October in London (GMT again from 25 October).
    world.makePublishedCase({ decision: "no_case_to_answer", status: "closed", decidedAt: "2026-10-31T23:30:00.000Z", deadline: { dueOn: "2026-11-19", status: "met", completedAt: "2026-10-31T23:30:00.000Z" } });
    const [item] = listRegister(db, FIXED_NOW).items;
    expect(item!.deadline).toEqual({ dueOn: "2026-11-19", status: "met", metOn: "2026-10-31" });
    expect(item!.decision).toBe("no_case_to_answer");
    expect(item!.decisionLabel).toBe("No case to answer");
  });

  it("shows a decision only once the case is decided or closed", () => {
    world.makePublishedCase({ reference: "IPC-2026-000020", status: "investigation", decision: "case_to_answer", decisionReasons: "Reasons", decidedAt: "2026-11-10T10:00:00.000Z" });
    world.makePublishedCase({ reference: "IPC-2026-000021", status: "decided", decision: "case_to_answer", decisionReasons: "Reasons", decidedAt: "2026-11-10T10:00:00.000Z" });
    const byRef = Object.fromEntries(listRegister(db, FIXED_NOW).items.map((i) => [i.reference, i]));
    expect(byRef["IPC-2026-000020"]!.decision).toBeNull();
    expect(byRef["IPC-2026-000020"]!.decidedAt).toBeNull();
    expect(byRef["IPC-2026-000021"]!.decision).toBe("case_to_answer");
    expect(byRef["IPC-2026-000021"]!.decidedAt).toBe("2026-11-10T10:00:00.000Z");
  });

  it("has no deadline when the case has no case-to-answer clock", () => {
    world.makePublishedCase({ deadline: null });
    expect(listRegister(db, FIXED_NOW).items[0]!.deadline).toBeNull();
  });

  it("treats the window as open through its last day and closed the day after", () => {
    world.makePublishedCase({ reference: "IPC-2026-000030", amicusWindowClosesOn: "2026-11-22" });
    world.makePublishedCase({ reference: "IPC-2026-000031", amicusWindowClosesOn: "2026-11-21" });
    const byRef = Object.fromEntries(listRegister(db, FIXED_NOW).items.map((i) => [i.reference, i.amicusWindow]));
    expect(byRef).toEqual({ "IPC-2026-000030": { open: true, closesOn: "2026-11-22" }, "IPC-2026-000031": { open: false, closesOn: "2026-11-21" } });
    expect(references({ amicusWindow: "open" })).toEqual(["IPC-2026-000030"]);
    expect(references({ amicusWindow: "closed" })).toEqual(["IPC-2026-000031"]);
  });
});

describe("searching", () => {
  beforeEach(() => {
    world.makePublishedCase({
      reference: "IPC-2026-000101",
      title: "Reward-model training dispute",
      complainant: "Corvid Labs Ltd",
      respondent: "Meridian Cloud Systems Pte Ltd",
      publicSummary: "Concerns an attention-head configuration said to be copied.",
      complaint: { secret: "UNPUBLISHED-COMPLAINT-WORD" },
    });
    world.makePublishedCase({ reference: "IPC-2026-000102", title: "Dataset scraping: 100% of the corpus", publicSummary: "Whether a database right subsists in a scraped_corpus." });
    world.makePublishedCase({ reference: "IPC-2026-000103", title: "Design of a chip layout", publicSummary: "Path C:\\models\\weights was named in the summary." });
    world.makeCase({ reference: "IPC-2026-000104", title: "Reward-model training (unpublished)", complainant: "Corvid Labs Ltd" });
  });

  it("matches reference, title, party names and summary, ignoring case", () => {
    expect(references({ q: "ipc-2026-000102" })).toEqual(["IPC-2026-000102"]);
    expect(references({ q: "REWARD-MODEL" })).toEqual(["IPC-2026-000101"]);
    expect(references({ q: "corvid" })).toEqual(["IPC-2026-000101"]);
    expect(references({ q: "meridian cloud" })).toEqual(["IPC-2026-000101"]);
    expect(references({ q: "attention-head" })).toEqual(["IPC-2026-000101"]);
  });

  it("never matches what the register does not show: complaint text, firms acting for parties, interested parties", () => {
    expect(references({ q: "UNPUBLISHED-COMPLAINT-WORD" })).toEqual([]);
    expect(references({ q: "Complainant Firm" })).toEqual([]);
    expect(references({ q: "Interested Party" })).toEqual([]);
  });

  it("treats %, _ and \\ as ordinary characters", () => {
    expect(references({ q: "%" })).toEqual(["IPC-2026-000102"]);
    expect(references({ q: "100%" })).toEqual(["IPC-2026-000102"]);
    expect(references({ q: "_" })).toEqual(["IPC-2026-000102"]);
    expect(references({ q: "scraped_corpus" })).toEqual(["IPC-2026-000102"]);
    expect(references({ q: "scrapedXcorpus" })).toEqual([]);
    expect(references({ q: "C:\\models" })).toEqual(["IPC-2026-000103"]);
    expect(references({ q: "\\" })).toEqual(["IPC-2026-000103"]);
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });

  it("trims the search and caps it at 200 characters", () => {
    expect(readRegisterFilters({ q: "   corvid  " }).q).toBe("corvid");
    expect(readRegisterFilters({ q: "x".repeat(500) }).q).toHaveLength(200);
    expect(readRegisterFilters({ q: "   " }).q).toBeUndefined();
    expect(listRegister(db, FIXED_NOW, { q: `Corvid${" ".repeat(300)}` }).filters.q).toBe("Corvid");
  });
});

describe("filters", () => {
  beforeEach(() => {
    world.makePublishedCase({ reference: "IPC-2026-000201", ipRights: ["copyright", "patent"], status: "investigation" });
    world.makePublishedCase({ reference: "IPC-2026-000202", ipRights: ["trade_secret"], status: "closed", decision: "no_case_to_answer", decidedAt: "2026-11-21T10:00:00.000Z" });
    world.makePublishedCase({ reference: "IPC-2026-000203", ipRights: ["patent"], status: "assessment", amicusWindowClosesOn: "2026-11-01" });
  });

  it("filters by IP right, status and amicus window, together", () => {
    expect(references({ ipRight: "patent" }).sort()).toEqual(["IPC-2026-000201", "IPC-2026-000203"]);
    expect(references({ status: "closed" })).toEqual(["IPC-2026-000202"]);
    expect(references({ ipRight: "patent", amicusWindow: "closed" })).toEqual(["IPC-2026-000203"]);
    expect(references({ ipRight: "patent", status: "closed" })).toEqual([]);
  });

  it("drops filters that make no sense instead of failing", () => {
    const all = references().sort();
    expect(references({ ipRight: "nonsense" }).sort()).toEqual(all);
    expect(references({ status: "draft" }).sort()).toEqual(all);
    expect(references({ status: "in_triage" }).sort()).toEqual(all);
    expect(references({ amicusWindow: "maybe" }).sort()).toEqual(all);
    expect(listRegister(db, FIXED_NOW, { ipRight: "nonsense", status: "closed", amicusWindow: "maybe" }).filters).toEqual({ status: "closed" });
  });

  it("takes the first value when a filter is repeated in the address", () => {
    expect(references({ status: ["closed", "assessment"] })).toEqual(["IPC-2026-000202"]);
  });
});

describe("pages", () => {
  beforeEach(() => {
    for (let n = 1; n <= 45; n += 1) {
      const day = String(1 + (n % 20)).padStart(2, "0");
      world.makePublishedCase({ reference: `IPC-2026-${String(n).padStart(6, "0")}`, publishedAt: `2026-11-${day}T10:00:00.000Z` });
    }
  });

  it("shows 20 a page, newest publication first, then by id, with every case exactly once", () => {
    const pages = [1, 2, 3].map((page) => listRegister(db, FIXED_NOW, { page: String(page) }));
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5]);
    expect(pages.every((p) => p.total === 45 && p.pageCount === 3)).toBe(true);
    const all = pages.flatMap((p) => p.items);
    expect(new Set(all.map((i) => i.id)).size).toBe(45);
    for (let i = 1; i < all.length; i += 1) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.id > b.id)).toBe(true);
    }
  });

  it("keeps the page asked for within 1 to the last page", () => {
    expect(listRegister(db, FIXED_NOW, { page: "abc" }).page).toBe(1);
    expect(listRegister(db, FIXED_NOW, { page: "0" }).page).toBe(1);
    expect(listRegister(db, FIXED_NOW, { page: "-3" }).page).toBe(1);
    expect(listRegister(db, FIXED_NOW, { page: "2.5" }).page).toBe(1);
    const beyond = listRegister(db, FIXED_NOW, { page: "999999999" });
    expect(beyond.page).toBe(3);
    expect(beyond.items).toHaveLength(5);
    expect(listRegister(db, FIXED_NOW, { page: 2 }).page).toBe(2);
  });

  it("counts and pages the filtered set", () => {
    const filtered = listRegister(db, FIXED_NOW, { q: "IPC-2026-00000", page: "5" });
    expect(filtered.total).toBe(9);
    expect(filtered.pageCount).toBe(1);
    expect(filtered.page).toBe(1);
  });

  it("gives the feeds the 50 newest at most", () => {
    for (let n = 46; n <= 60; n += 1) world.makePublishedCase({ reference: `IPC-2026-${String(n).padStart(6, "0")}`, publishedAt: "2026-11-21T12:00:00.000Z" });
    const entries = listRegisterFeedEntries(db, FIXED_NOW);
    expect(entries).toHaveLength(50);
    expect(entries[0]!.publishedAt).toBe("2026-11-21T12:00:00.000Z");
    expect(listRegisterFeedEntries(db, FIXED_NOW, 10_000)).toHaveLength(50);
  });
});
