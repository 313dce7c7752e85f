import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes as base64url: 43 characters, safe in a URL path without escaping. */
export function newFeedToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored, so a copy of the database does not hand out working feed URLs. */
export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The token from the last path segment, which calendar apps like to see end in ".ics"; null if it cannot be one. */
export function tokenFromPath(segment: string): string | null {
  const token = segment.endsWith(".ics") ? segment.slice(0, -4) : segment;
  return TOKEN_PATTERN.test(token) ? token : null;
}

export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/calendar/${token}.ics`;
}
