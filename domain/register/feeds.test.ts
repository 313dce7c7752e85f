import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, FIXED_NOW } from "@/db/testing";
import { buildAtomFeed, buildJsonFeed, xmlEscape } from "./feeds";
import { listRegisterFeedEntries, type RegisterFeedEntry } from "./list-register";
import { makeRegisterWorld } from "./register-test-world";
import { childrenNamed, parseXml } from "./xml-test-parser";

const CONFIG = { baseUrl: "https://register.example.test/" };

function entry(overrides: Partial<RegisterFeedEntry> = {}): RegisterFeedEntry {
  return {
    id: "case-1",
    reference: "IPC-2026-000123",
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
    publicSummary: "A fictional summary.\nSecond line.",
    updatedAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

const HOSTILE = `Smith & Jones <script>alert("x")</script> 'quoted' ]]> done`;

describe("the JSON feed", () => {
  it("is a JSON Feed 1.1 with absolute links and the register's facts in an _ipc extension", () => {
    const feed = buildJsonFeed([entry()], CONFIG);
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "IP Casework: public register of cases",
      home_page_url: "https://register.example.test/public-register",
      feed_url: "https://register.example.test/public-register/feed.json",
    });
    expect(feed.items).toEqual([
      {
        id: "https://register.example.test/public-register/IPC-2026-000123",
        url: "https://register.example.test/public-register/IPC-2026-000123",
        title: "IPC-2026-000123: Corvid Labs v Meridian Cloud",
        content_text: "A fictional summary.\nSecond line.",
        date_published: "2026-11-20T10:00:00.000Z",
        date_modified: "2026-11-20T10:00:00.000Z",
        tags: ["Trade secret or confidential information", "Copyright"],
        _ipc: {
          about: "https://register.example.test/public-register",
          reference: "IPC-2026-000123",
          parties: { complainants: ["Corvid Labs Ltd"], respondents: ["Meridian Cloud Systems Pte Ltd"] },
          ipRights: ["trade_secret", "copyright"],
          status: "assessment",
          statusLabel: "Assessment",
          acceptedOn: "2026-10-05",
          decision: null,
          decidedAt: null,
          deadline: { dueOn: "2026-11-19", status: "running", metOn: null },
          amicusWindow: { open: true, closesOn: "2026-12-11" },
        },
      },
    ]);
  });

  it("survives a round trip through JSON with hostile text intact", () => {
    const feed = buildJsonFeed([entry({ title: HOSTILE, publicSummary: HOSTILE })], CONFIG);
    const parsed = JSON.parse(JSON.stringify(feed));
    expect(parsed.items[0].content_text).toBe(HOSTILE);
    expect(parsed.items[0].title).toBe(`IPC-2026-000123: ${HOSTILE}`);
  });
});

describe("the Atom feed", () => {
  it("is well-formed Atom 1.0 with id, updated, self and alternate links and one entry per case", () => {
    const xml = buildAtomFeed([entry({ updatedAt: "2026-11-21T15:00:00.000Z" }), entry({ id: "case-2", reference: "IPC-2026-000122", publishedAt: "2026-11-19T10:00:00.000Z", updatedAt: "2026-11-19T10:00:00.000Z" })], CONFIG, FIXED_NOW);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const feed = parseXml(xml);
    expect(feed.name).toBe("feed");
    expect(feed.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(childrenNamed(feed, "id")[0]!.text).toBe("https://register.example.test/public-register");
    expect(childrenNamed(feed, "updated")[0]!.text).toBe("2026-11-21T15:00:00.000Z");
    expect(childrenNamed(feed, "author")[0]!.children[0]!.text).toBe("Intellectual Property Regulator");
    const links = childrenNamed(feed, "link").map((l) => l.attributes);
    expect(links).toContainEqual({ rel: "self", type: "application/atom+xml", href: "https://register.example.test/public-register/feed.atom" });
    expect(links).toContainEqual({ rel: "alternate", type: "text/html", href: "https://register.example.test/public-register" });
    const entries = childrenNamed(feed, "entry");
    expect(entries).toHaveLength(2);
    const first = entries[0]!;
    expect(childrenNamed(first, "id")[0]!.text).toBe("https://register.example.test/public-register/IPC-2026-000123");
    expect(childrenNamed(first, "link")[0]!.attributes).toEqual({ rel: "alternate", type: "text/html", href: "https://register.example.test/public-register/IPC-2026-000123" });
    expect(childrenNamed(first, "published")[0]!.text).toBe("2026-11-20T10:00:00.000Z");
    expect(childrenNamed(first, "updated")[0]!.text).toBe("2026-11-21T15:00:00.000Z");
    expect(childrenNamed(first, "summary")[0]!.text).toBe("A fictional summary.\nSecond line.");
    expect(childrenNamed(first, "category").map((c) => c.attributes.term)).toEqual(["trade_secret", "copyright"]);
    const content = childrenNamed(first, "content")[0]!.text;
    expect(content).toContain("Complainant: Corvid Labs Ltd");
    expect(content).toContain("Case-to-answer deadline: 2026-11-19 (running)");
    expect(content).toContain("Amicus window: open until 2026-12-11");
  });

  it("escapes <, &, > and quotes in text and attributes, so hostile text reads back exactly", () => {
    const hostile = entry({ title: HOSTILE, publicSummary: HOSTILE, complainants: [HOSTILE], ipRightLabels: [`Label "with" <quotes> & more`, "Copyright"] });
    const xml = buildAtomFeed([hostile], CONFIG, FIXED_NOW);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    expect(xml).toContain("Smith &amp; Jones &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &apos;quoted&apos; ]]&gt; done");
    const first = childrenNamed(parseXml(xml), "entry")[0]!;
    expect(childrenNamed(first, "title")[0]!.text).toBe(`IPC-2026-000123: ${HOSTILE}`);
    expect(childrenNamed(first, "summary")[0]!.text).toBe(HOSTILE);
    expect(childrenNamed(first, "category")[0]!.attributes.label).toBe(`Label "with" <quotes> & more`);
  });

  it("drops characters XML cannot carry instead of producing a broken feed", () => {
    const xml = buildAtomFeed([entry({ publicSummary: "bell\u0007 null\u0000 lone\uD800 pair\uD83D\uDE00 tab\tend" })], CONFIG, FIXED_NOW);
    const summary = childrenNamed(childrenNamed(parseXml(xml), "entry")[0]!, "summary")[0]!.text;
    expect(summary).toBe("bell null lone pair\uD83D\uDE00 tab\tend");
    expect(xmlEscape("a\u000Bb\uFFFEc")).toBe("abc");
  });

  it("is still valid with no cases, dated now", () => {
    const feed = parseXml(buildAtomFeed([], CONFIG, FIXED_NOW));
    expect(childrenNamed(feed, "entry")).toEqual([]);
    expect(childrenNamed(feed, "updated")[0]!.text).toBe(FIXED_NOW.toISOString());
  });

  it("escapes a reference in the case address", () => {
    const xml = buildAtomFeed([entry({ reference: "IPC/2026 & 1" })], CONFIG, FIXED_NOW);
    expect(childrenNamed(childrenNamed(parseXml(xml), "entry")[0]!, "id")[0]!.text).toBe("https://register.example.test/public-register/IPC%2F2026%20%26%201");
  });
});

describe("the test's XML reader", () => {
  it("rejects what a real parser rejects, so a passing feed test means something", () => {
    for (const bad of ["<a><b></a></b>", "<a>x & y</a>", "<a>1 < 2</a>", "<a b=c/>", '<a b="1" b="2"/>', "<a/><b/>", "<a>&nbsp;</a>", "<a>", "text<a/>", "<a>\u0001</a>", '<a b="<"/>', "<a>]]></a>"]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<a x="1 &amp; 2"><b>&lt;&#65;&#x42;</b></a>')).toEqual({ name: "a", attributes: { x: "1 & 2" }, text: "", children: [{ name: "b", attributes: {}, text: "<AB", children: [] }] });
  });
});

describe("feed entries from the database", () => {
  let testDb: ReturnType<typeof createTestDb>;
  let db: Db;
  beforeEach(() => {
    testDb = createTestDb();
    db = testDb.db;
  });
  afterEach(() => testDb.close());

  it("dates a change by the latest public event, never by internal updates to the row", () => {
    const world = makeRegisterWorld(db);
    world.makePublishedCase({ reference: "IPC-2026-000001", status: "closed", decision: "no_case_to_answer", decidedAt: "2026-11-21T10:00:00.000Z", closedAt: "2026-11-21T10:00:00.000Z" });
    world.makePublishedCase({ reference: "IPC-2026-000002", status: "investigation", decision: "case_to_answer", decidedAt: "2026-11-21T11:00:00.000Z" });
    const byRef = Object.fromEntries(listRegisterFeedEntries(db, FIXED_NOW).map((e) => [e.reference, e]));
    expect(byRef["IPC-2026-000001"]!.updatedAt).toBe("2026-11-21T10:00:00.000Z");
    // The case-to-answer decision is not yet on the register, so it does not date the entry either.
    expect(byRef["IPC-2026-000002"]!.updatedAt).toBe("2026-11-20T10:00:00.000Z");
    expect(byRef["IPC-2026-000001"]!.publicSummary).toBe("A fictional public summary of the case.");
  });
});
