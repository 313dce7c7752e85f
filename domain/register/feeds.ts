import { absoluteUrl, type AppConfig } from "../context";
import type { RegisterFeedEntry } from "./list-register";
import { publicCasePath } from "./register-facts";

export const FEED_TITLE = "IP Casework: public register of cases";
export const FEED_DESCRIPTION = "Intellectual-property complaints the regulator has accepted and published, newest first.";
export const FEED_AUTHOR = "Intellectual Property Regulator";
export const REGISTER_PATH = "/public-register";
export const JSON_FEED_PATH = "/public-register/feed.json";
export const ATOM_FEED_PATH = "/public-register/feed.atom";

export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";
export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

type FeedConfig = Pick<AppConfig, "baseUrl">;

const entryTitle = (entry: RegisterFeedEntry) => `${entry.reference}: ${entry.title}`;

/** The register's own extension to each item, for readers that want the facts as data. */
function ipcExtension(entry: RegisterFeedEntry, config: FeedConfig) {
  return {
    about: absoluteUrl(config, REGISTER_PATH),
    reference: entry.reference,
    parties: { complainants: entry.complainants, respondents: entry.respondents },
    ipRights: entry.ipRights,
    status: entry.status,
    statusLabel: entry.statusLabel,
    acceptedOn: entry.acceptedOn,
    decision: entry.decision,
    decidedAt: entry.decidedAt,
    deadline: entry.deadline,
    amicusWindow: entry.amicusWindow,
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function buildJsonFeed(entries: RegisterFeedEntry[], config: FeedConfig) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    home_page_url: absoluteUrl(config, REGISTER_PATH),
    feed_url: absoluteUrl(config, JSON_FEED_PATH),
    language: "en-GB",
    authors: [{ name: FEED_AUTHOR }],
    items: entries.map((entry) => {
      const url = absoluteUrl(config, publicCasePath(entry.reference));
      return {
        id: url,
        url,
        title: entryTitle(entry),
        content_text: entry.publicSummary,
        date_published: entry.publishedAt,
        date_modified: entry.updatedAt,
        tags: entry.ipRightLabels,
        _ipc: ipcExtension(entry, config),
      };
    }),
  };
}

// Characters XML 1.0 forbids outright (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF): escaping
// cannot make them legal, so they are dropped rather than let one stray byte break the whole feed.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML character data and for attribute values in double or single quotes. */
export function xmlEscape(value: string): string {
  return value.replace(XML_FORBIDDEN, "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Atom 1.0 (RFC 4287). `now` stands in for the feed's `updated` only when there are no entries. */
export function buildAtomFeed(entries: RegisterFeedEntry[], config: FeedConfig, now: Date): string {
  const home = absoluteUrl(config, REGISTER_PATH);
  const updated = entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), entries.length ? "" : now.toISOString());
  const x = xmlEscape;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">`,
    `  <id>${x(home)}</id>`,
    `  <title>${x(FEED_TITLE)}</title>`,
    `  <subtitle>${x(FEED_DESCRIPTION)}</subtitle>`,
    `  <updated>${x(updated)}</updated>`,
    `  <author><name>${x(FEED_AUTHOR)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${x(absoluteUrl(config, ATOM_FEED_PATH))}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(home)}"/>`,
    `  <link rel="alternate" type="application/feed+json" href="${x(absoluteUrl(config, JSON_FEED_PATH))}"/>`,
  ];
  for (const entry of entries) {
    const url = absoluteUrl(config, publicCasePath(entry.reference));
    lines.push(
      `  <entry>`,
      `    <id>${x(url)}</id>`,
      `    <title type="text">${x(entryTitle(entry))}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <published>${x(entry.publishedAt)}</published>`,
      `    <updated>${x(entry.updatedAt)}</updated>`,
      ...entry.ipRights.map((right, index) => `    <category term="${x(right)}" label="${x(entry.ipRightLabels[index] ?? right)}"/>`),
      `    <summary type="text">${x(entry.publicSummary)}</summary>`,
      `    <content type="text">${x(atomContent(entry))}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/** The facts a reader of the feed wants without opening the page, as plain text. */
function atomContent(entry: RegisterFeedEntry): string {
  const names = (list: string[]) => (list.length ? list.join(", ") : "Not named");
  const deadline = entry.deadline ? (entry.deadline.metOn ? `met on ${entry.deadline.metOn}` : `${entry.deadline.dueOn} (${entry.deadline.status})`) : "Not set";
  const amicusWindow = entry.amicusWindow.closesOn ? (entry.amicusWindow.open ? `open until ${entry.amicusWindow.closesOn}` : `closed on ${entry.amicusWindow.closesOn}`) : "Not open";
  return [
    `Reference: ${entry.reference}`,
    `Complainant: ${names(entry.complainants)}`,
    `Respondent: ${names(entry.respondents)}`,
    `IP rights: ${entry.ipRightLabels.join(", ")}`,
    `Status: ${entry.statusLabel}`,
    ...(entry.decisionLabel ? [`Decision: ${entry.decisionLabel}`] : []),
    `Case-to-answer deadline: ${deadline}`,
    `Amicus window: ${amicusWindow}`,
    "",
    entry.publicSummary,
  ].join("\n");
}
