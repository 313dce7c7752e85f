/**
 * The `Content-Disposition` header for an evidence download (RFC 6266), built from a filename the
 * filer's computer chose and we never trusted: it may hold path segments, control characters,
 * quotes, or a right-to-left override that makes "invoice‮fdp.exe" look like "invoiceexe.pdf".
 */

// C0 and C1 controls and DEL: they can end a header line or hide text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Characters that reorder or hide text without being visible themselves (bidi overrides, isolates,
// marks, zero-width characters, the BOM and the line/paragraph separators).
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const MAX_NAME_LENGTH = 150;
const FALLBACK_NAME = "evidence";

/** The name to offer the browser: no directories, no hidden characters, no leading dots, of bounded length. */
export function safeFilename(original: string, fallback = FALLBACK_NAME): string {
  // A lone surrogate cannot be percent-encoded; it becomes the replacement character.
  const wellFormed = original.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  const lastSegment = wellFormed.split(/[/\\]/).pop() ?? "";
  let name = lastSegment.replace(CONTROL, "").replace(INVISIBLE, "").trim().replace(/^\.+/, "").trim();
  if ([...name].length > MAX_NAME_LENGTH) name = truncateKeepingExtension(name, MAX_NAME_LENGTH);
  return name === "" ? fallback : name;
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name]; // by code point, so a surrogate pair is never split
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  if (extension.length === 0 || extension.length > 16) return chars.slice(0, max).join("");
  const stem = [...name.slice(0, dot)];
  return stem.slice(0, max - extension.length).join("") + extension.join("");
}

/**
 * A plain-ASCII rendering for old clients that ignore `filename*`: accents dropped where the letter
 * survives without them, anything else non-ASCII replaced, and the characters that could break out
 * of the quoted string (`"`, `\`) or be percent-decoded by some browsers (`%`) replaced too.
 */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  return ascii.trim() === "" ? FALLBACK_NAME : ascii;
}

/** RFC 5987 `ext-value` percent-encoding: only attr-chars stay literal. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` for the stored original name. */
export function contentDisposition(originalFilename: string): string {
  const name = safeFilename(originalFilename);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/**
 * The filename as a reader should see it on a page: React escapes the markup, and this makes the
 * characters that would otherwise act invisibly (a right-to-left override, a NUL) show as their
 * code, e.g. "invoice\u202Efdp.exe", so they cannot disguise the name.
 */
export function revealHiddenCharacters(name: string): string {
  return name.replace(new RegExp(`${CONTROL.source}|${INVISIBLE.source}`, "g"), (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
