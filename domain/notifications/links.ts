const hasUnsafeCharacter = (text: string) => [...text].some((ch) => ch === "\\" || /\s/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/**
 * A stored notification link as a path inside this service, or null if it could point anywhere
 * else. Browsers read "//host" and "/\host" as other sites, and drop tabs and newlines before
 * parsing, so only a plain "/path" with no backslashes, whitespace or control characters passes.
 */
export function safeInAppLink(link: string | null | undefined): string | null {
  if (!link || link.length > 2000) return null;
  if (!link.startsWith("/") || link.startsWith("//") || hasUnsafeCharacter(link)) return null;
  const base = "http://in-app.invalid";
  try {
    return new URL(link, base).origin === base ? link : null;
  } catch {
    return null;
  }
}
