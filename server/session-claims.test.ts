import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { sessionClaimsReader } from "./session-claims";

const SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
const NOW_MS = Date.now();

/** A reader over next-auth's real decode, counting how often it decrypts. */
function countingReader(limit?: number) {
  let decodes = 0;
  const read = sessionClaimsReader(async (token) => {
    decodes++;
    return decode({ token, secret: SECRET });
  }, limit);
  return { read, decodes: () => decodes };
}

const tokenFor = (sessionId: string, maxAge = 3600) => encode({ token: { sub: "user-1", sid: sessionId }, secret: SECRET, maxAge });

describe("sessionClaimsReader", () => {
  it("decodes a token once and answers its claims from memory after that", async () => {
    const reader = countingReader();
    const token = await tokenFor("session-1");
    expect(await reader.read(token, NOW_MS)).toEqual({ userId: "user-1", sessionId: "session-1" });
    expect(await reader.read(token, NOW_MS + 1000)).toEqual({ userId: "user-1", sessionId: "session-1" });
    expect(reader.decodes()).toBe(1);
  });

  it("stops answering for a remembered token once it has expired", async () => {
    const reader = countingReader();
    const token = await tokenFor("session-2", 60);
    expect(await reader.read(token, NOW_MS)).not.toBeNull();
    expect(await reader.read(token, NOW_MS + 61_000)).toBeNull();
  });

  it("never remembers a token that fails to decode, tampered or signed with another secret", async () => {
    const reader = countingReader();
    const token = await tokenFor("session-3");
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect(await reader.read(tampered, NOW_MS)).toBeNull();
    expect(await reader.read(tampered, NOW_MS)).toBeNull();
    expect(reader.decodes()).toBe(2);
    const foreign = await encode({ token: { sub: "user-1", sid: "session-3" }, secret: "another-secret-0123456789-abcdefghijklmnop", maxAge: 3600 });
    expect(await reader.read(foreign, NOW_MS)).toBeNull();
    expect(await reader.read("not a token", NOW_MS)).toBeNull();
  });

  it("refuses a token without both a user and a session", async () => {
    const reader = countingReader();
    const noSession = await encode({ token: { sub: "user-1" }, secret: SECRET, maxAge: 3600 });
    expect(await reader.read(noSession, NOW_MS)).toBeNull();
  });

  it("remembers at most its limit of tokens, forgetting the oldest", async () => {
    const reader = countingReader(2);
    const [a, b, c] = await Promise.all([tokenFor("a"), tokenFor("b"), tokenFor("c")]);
    for (const token of [a, b, c]) await reader.read(token, NOW_MS);
    expect(reader.decodes()).toBe(3);
    await reader.read(c, NOW_MS);
    expect(reader.decodes()).toBe(3);
    expect(await reader.read(a, NOW_MS)).toEqual({ userId: "user-1", sessionId: "a" });
    expect(reader.decodes()).toBe(4);
  });
});
