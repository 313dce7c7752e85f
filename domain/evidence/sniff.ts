import fs from "node:fs";
import { fileTypeFromFile } from "file-type";
import yauzl from "yauzl";

/**
 * Decides, from a file's bytes, whether it may be filed as evidence and what it really is. The name
 * and the type the browser declared are never trusted for that: an HTML page renamed "report.pdf"
 * is still an HTML page. The name is consulted only to refuse more (names that mark a program or
 * script) and to tell CSV from plain text, which differ in nothing that matters for safety.
 */

export type SniffResult = { ok: true; contentType: string; label: string } | { ok: false; reason: string };

export interface SniffOptions {
  /** Largest total a zip may expand to. Bounded so a zip bomb is refused, not stored for someone to open. */
  maxZipExpandedBytes?: number;
  /** Most entries a zip may hold. */
  maxZipEntries?: number;
}

export const DEFAULT_MAX_ZIP_EXPANDED_BYTES = 10 * 1024 ** 3;
export const DEFAULT_MAX_ZIP_ENTRIES = 10_000;
/** JSON is recognised by parsing it; larger text files are filed as plain text instead of being held in memory. */
export const MAX_JSON_PARSE_BYTES = 16 * 1024 ** 2;
/** The safetensors format puts a JSON header first; a bigger one is not a model file we accept. */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

export const ALLOWED_FORMATS_SENTENCE =
  "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument text (ODT), plain text (TXT), CSV, JSON, PNG, JPEG, ZIP and safetensors model files";

const ALLOWED = `Allowed: ${ALLOWED_FORMATS_SENTENCE}.`;

export const CONTENT_TYPES = {
  pdf: { contentType: "application/pdf", label: "PDF" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document (DOCX)" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel spreadsheet (XLSX)" },
  pptx: { contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation (PPTX)" },
  odt: { contentType: "application/vnd.oasis.opendocument.text", label: "OpenDocument text (ODT)" },
  png: { contentType: "image/png", label: "PNG image" },
  jpeg: { contentType: "image/jpeg", label: "JPEG image" },
  zip: { contentType: "application/zip", label: "ZIP archive" },
  txt: { contentType: "text/plain; charset=utf-8", label: "Text (TXT)" },
  csv: { contentType: "text/csv; charset=utf-8", label: "CSV" },
  json: { contentType: "application/json", label: "JSON" },
  // No registered type exists; a distinct one lets pages label it without re-reading the bytes.
  safetensors: { contentType: "application/x-safetensors", label: "Safetensors model file" },
} as const;

type Format = keyof typeof CONTENT_TYPES;

/** A reader's name for a stored (sniffed) content type, e.g. "Word document (DOCX)". */
export function describeContentType(contentType: string): string {
  const found = Object.values(CONTENT_TYPES).find((t) => t.contentType === contentType);
  return found?.label ?? contentType;
}

const accept = (format: Format): SniffResult => ({ ok: true, ...CONTENT_TYPES[format] });
const refuse = (reason: string): SniffResult => ({ ok: false, reason });
const refuseAs = (what: string): SniffResult => refuse(`This file is ${what}, which cannot be filed as evidence. ${ALLOWED}`);

// file-type's name for a format → ours, for the binary formats on the allow-list.
const BINARY_ALLOWED: Record<string, Format> = { pdf: "pdf", docx: "docx", xlsx: "xlsx", pptx: "pptx", odt: "odt", png: "png", apng: "png", jpg: "jpeg", zip: "zip" };
const ZIP_CONTAINERS = new Set<Format>(["docx", "xlsx", "pptx", "odt", "zip"]);
// Formats file-type recognises from text; they go through the text checks like any other text.
const TEXT_DETECTIONS = new Set(["xml", "ics", "vcf", "vtt"]);

const REFUSED_DESCRIPTIONS: Record<string, string> = {
  exe: "a Windows program",
  elf: "a Linux program",
  macho: "a macOS program",
  class: "a Java program",
  jar: "a Java program",
  wasm: "a WebAssembly program",
  apk: "an Android app",
  msi: "a Windows installer",
  deb: "a Linux software package",
  rpm: "a Linux software package",
  dmg: "a macOS disk image",
  lnk: "a Windows shortcut",
  swf: "a Flash program",
  crx: "a browser extension",
  xpi: "a browser extension",
  docm: "a Word document with macros (DOCM)",
  dotm: "a Word template with macros (DOTM)",
  xlsm: "an Excel workbook with macros (XLSM)",
  xltm: "an Excel template with macros (XLTM)",
  pptm: "a PowerPoint presentation with macros (PPTM)",
  potm: "a PowerPoint template with macros (POTM)",
  ppsm: "a PowerPoint show with macros (PPSM)",
  cfb: "an older Microsoft Office or other compound file",
};

/**
 * Names that a computer would run rather than open, refused whatever the bytes: the download
 * offers the original name, so "statement.bat" would reach a caseworker's desktop as a script.
 */
const PROGRAM_EXTENSIONS = new Set(
  (
    "exe com scr pif bat cmd ps1 psm1 psd1 vbs vbe js jse mjs cjs wsf wsh ws hta msi msp msc dll sys cpl jar lnk reg inf scf url " +
    "sh bash zsh csh ksh fish command py pyw pl rb php phtml jsp asp aspx cgi html htm xhtml xht shtml mht mhtml svg svgz " +
    "app dmg pkg deb rpm apk run desktop gadget application appref-ms"
  ).split(" "),
);

export function extensionOf(filename: string): string {
  const base = filename.trim().split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** A refusal decided by the name alone (checked before any byte is accepted), or null. */
export function refusalForFilename(filename: string): string | null {
  const extension = extensionOf(filename);
  if (!PROGRAM_EXTENSIONS.has(extension)) return null;
  return `Files whose names end in .${extension} cannot be filed as evidence, because the name marks them as a program, script or web page. To file source code or scripts, put them in a zip file. ${ALLOWED}`;
}

/** Sniffs a finished upload. Reads only headers for binary formats; text is read once, streamed. */
export async function sniffFile(filePath: string, filename: string, options: SniffOptions = {}): Promise<SniffResult> {
  const byName = refusalForFilename(filename);
  if (byName) return refuse(byName);
  const size = (await fs.promises.stat(filePath)).size;
  if (size === 0) return refuse("This file is empty, so there is nothing to file. Check you chose the right file.");

  // UTF-16 text (a "Unicode" save option on Windows) would otherwise pass for audio: FF FE is an MPEG frame sync.
  if (await startsWithUtf16Bom(filePath)) return refuse(NOT_UTF8);

  const safetensors = await checkSafetensors(filePath, size);
  if (safetensors === "valid") return accept("safetensors");
  if (extensionOf(filename) === "safetensors") {
    return refuse(`This file is named .safetensors but is not a valid safetensors model file (${safetensors === "not-safetensors" ? "its header could not be read" : safetensors}).`);
  }

  let detected: { ext: string } | undefined;
  try {
    detected = await fileTypeFromFile(filePath);
  } catch {
    detected = undefined;
  }
  if (detected && !TEXT_DETECTIONS.has(detected.ext)) {
    const format = BINARY_ALLOWED[detected.ext];
    if (!format) return refuseAs(REFUSED_DESCRIPTIONS[detected.ext] ?? `${/^[aefhilmnorsx]/i.test(detected.ext) ? "an" : "a"} ${detected.ext.toUpperCase()} file`);
    if (ZIP_CONTAINERS.has(format)) {
      const problem = await checkZip(filePath, options, format === "zip" ? "zip file" : `${CONTENT_TYPES[format].label}`);
      if (problem) return refuse(problem);
    }
    return accept(format);
  }
  return sniffText(filePath, filename, size);
}

// ---------------------------------------------------------------------------------------------
// Zip archives (plain zips, and the Office and OpenDocument formats, which are zips too)

const MAX_NAME_IN_MESSAGE = 80;
const quoteName = (name: string) => {
  const shown = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return `“${[...shown].length > MAX_NAME_IN_MESSAGE ? `${[...shown].slice(0, MAX_NAME_IN_MESSAGE).join("")}…` : shown}”`;
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;
const ENCRYPTED_FLAG = 0x1;

/**
 * Checks every entry of a zip's central directory without extracting anything: no absolute paths
 * or `..` segments (a careless unzip would write outside its folder), no symbolic links, no
 * encrypted entries (the regulator could not read them), and bounded entry count and expanded size.
 * Returns a reason to refuse, or null.
 */
export async function checkZip(filePath: string, options: SniffOptions, what = "zip file"): Promise<string | null> {
  const maxEntries = options.maxZipEntries ?? DEFAULT_MAX_ZIP_ENTRIES;
  const maxExpanded = options.maxZipExpandedBytes ?? DEFAULT_MAX_ZIP_EXPANDED_BYTES;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(filePath, { lazyEntries: true, decodeStrings: false, autoClose: false });
  } catch {
    return `This ${what} is damaged and cannot be opened. Check the file and upload it again.`;
  }
  try {
    if (zip.entryCount > maxEntries) return `This ${what} has more than ${maxEntries.toLocaleString("en-GB")} entries. Split it into smaller zip files.`;
    let expanded = 0;
    for await (const entry of zip.eachEntry()) {
      // With decodeStrings off yauzl hands over the raw bytes, so the name check below is ours, not
      // an error string of the library's.
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const problem = unsafeEntryName(name);
      if (problem) return `This ${what} contains an entry with ${problem} (${quoteName(name)}), which could write outside the folder it is unzipped into. It cannot be filed.`;
      const isUnix = entry.versionMadeBy >> 8 === MADE_BY_UNIX;
      if (isUnix && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        return `This ${what} contains a symbolic link (${quoteName(name)}), which cannot be filed. Zip the files themselves instead.`;
      }
      if (entry.generalPurposeBitFlag & ENCRYPTED_FLAG) {
        return `This ${what} is password-protected, so the regulator could not open it. Upload it without a password.`;
      }
      expanded += entry.uncompressedSize;
      if (expanded > maxExpanded) return `This ${what} would expand to more than ${formatBytes(maxExpanded)}. Split it into smaller zip files.`;
    }
    return null;
  } catch {
    return `This ${what} is damaged and cannot be opened. Check the file and upload it again.`;
  } finally {
    zip.close();
  }
}

function unsafeEntryName(name: string): string | null {
  if (name.includes("\u0000")) return "a hidden character in its name";
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return "an absolute path";
  if (name.split("/").includes("..")) return "a “..” path";
  return null;
}

export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  if (gib >= 1) return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GB`;
  const mib = bytes / 1024 ** 2;
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

// ---------------------------------------------------------------------------------------------
// Safetensors: 8-byte little-endian header length N, N bytes of JSON, then the tensor data.

// Bits per element; sub-byte float formats pack several elements into a byte.
const DTYPE_BITS: Record<string, number> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16,
  I32: 32, U32: 32, F32: 32,
  I64: 64, U64: 64, F64: 64, C64: 64,
  F4: 4, F6_E2M3: 6, F6_E3M2: 6,
};

/**
 * "valid", "not-safetensors" (does not even start like one), or the reason a file that starts like
 * one is malformed. Follows the reference implementation's checks: tensors lie inside the data
 * area, back to back, covering it exactly, each the size its dtype and shape imply.
 */
export async function checkSafetensors(filePath: string, size: number): Promise<"valid" | "not-safetensors" | string> {
  if (size < 10) return "not-safetensors";
  const handle = await fs.promises.open(filePath, "r");
  try {
    const prefix = Buffer.alloc(9);
    await handle.read(prefix, 0, 9, 0);
    const declared = prefix.readBigUInt64LE(0);
    if (prefix[8] !== 0x7b /* { */) return "not-safetensors";
    if (declared > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) return "its header is larger than 100 MB";
    const headerLength = Number(declared);
    if (8 + headerLength > size) return "its header is longer than the file";
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 8);
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerBytes));
    } catch {
      return "its header is not valid JSON";
    }
    return validateSafetensorsHeader(header, size - 8 - headerLength);
  } finally {
    await handle.close();
  }
}

function validateSafetensorsHeader(header: unknown, dataSize: number): "valid" | string {
  if (!isPlainObject(header)) return "its header is not a JSON object";
  const spans: [number, number, string][] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === "string")) return "its metadata is not a list of text values";
      continue;
    }
    if (!isPlainObject(value)) return `tensor ${quoteName(name)} is not described properly`;
    const { dtype, shape, data_offsets: offsets } = value;
    if (typeof dtype !== "string" || !(dtype in DTYPE_BITS)) return `tensor ${quoteName(name)} has an unknown data type`;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return `tensor ${quoteName(name)} has an invalid shape`;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) return `tensor ${quoteName(name)} has invalid data offsets`;
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataSize) return `tensor ${quoteName(name)} points outside the file`;
    const bits = shape.reduce((product: bigint, d: number) => product * BigInt(d), 1n) * BigInt(DTYPE_BITS[dtype]!);
    if (bits % 8n !== 0n || bits / 8n !== BigInt(end - begin)) return `tensor ${quoteName(name)} is not the size its shape says`;
    spans.push([begin, end, name]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== cursor) return `tensor ${quoteName(name)} overlaps another or leaves a gap`;
    cursor = end;
  }
  if (cursor !== dataSize) return "its tensors do not account for all of the file";
  return "valid";
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Text: TXT, CSV, JSON, and the markup and scripts that must be refused even when they are text

const CHUNK_BYTES = 1024 * 1024;
const NOT_UTF8 = "This text file is not saved as UTF-8, so it cannot be filed as it is. Save it as UTF-8 (in Excel, choose “CSV UTF-8”) and upload it again.";

async function startsWithUtf16Bom(filePath: string): Promise<boolean> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const start = Buffer.alloc(2);
    const { bytesRead } = await handle.read(start, 0, 2, 0);
    return bytesRead === 2 && ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff));
  } finally {
    await handle.close();
  }
}
const HEAD_CHARS = 4096;
const MARKER_OVERLAP = 256;

// What browsers treat as HTML when they sniff (WHATWG MIME Sniffing, "text/html" patterns).
const HTML_START = /^<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>/]|^<!--/i;
const SVG_MARKER = /<svg[\s>/]|http:\/\/www\.w3\.org\/2000\/svg/i;
const HTML_MARKER = /<html[\s>/]|http:\/\/www\.w3\.org\/1999\/xhtml/i;
const SCRIPT_MARKER = /<(script|iframe|object|embed|foreignobject)[\s>/]|\bjavascript:/i;

type MarkupKind = "svg" | "html" | "script" | null;

function markupKind(text: string): MarkupKind {
  if (SVG_MARKER.test(text)) return "svg";
  if (HTML_MARKER.test(text)) return "html";
  if (SCRIPT_MARKER.test(text)) return "script";
  return null;
}

async function sniffText(filePath: string, filename: string, size: number): Promise<SniffResult> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let head = "";
  let isMarkup: boolean | null = null;
  let foundMarkup: MarkupKind = null;
  let tail = "";
  let hasNul = false;
  let validUtf8 = true;
  const jsonCandidate: string[] | null = size <= MAX_JSON_PARSE_BYTES ? [] : null;

  const stream = fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) {
        hasNul = true;
        break;
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
        break;
      }
      jsonCandidate?.push(text);
      if (head.length < HEAD_CHARS) head += text.slice(0, HEAD_CHARS - head.length);
      if (isMarkup === null && head.replace(/^\ufeff/, "").trimStart() !== "") isMarkup = head.replace(/^\ufeff/, "").trimStart().startsWith("<");
      // A markup document is searched throughout, across chunk boundaries, for what would make it
      // active content; ordinary text that merely mentions "<script>" is left alone.
      if (isMarkup && foundMarkup === null) {
        foundMarkup = markupKind(tail + text);
        tail = text.slice(-MARKER_OVERLAP);
      }
    }
    if (!hasNul && validUtf8) {
      try {
        decoder.decode();
      } catch {
        validUtf8 = false;
      }
    }
  } finally {
    stream.destroy();
  }

  const extension = extensionOf(filename);
  if (hasNul || !validUtf8) {
    if (!hasNul && ["txt", "csv", "json", "tsv", "text"].includes(extension)) return refuse(NOT_UTF8);
    return refuse(`We could not recognise this file’s type from its contents, so it cannot be filed as evidence. ${ALLOWED}`);
  }

  const start = head.replace(/^\ufeff/, "").trimStart();
  if (start.startsWith("#!")) {
    return refuse(`This file is a script (it starts with “#!”), which cannot be filed as evidence. To file source code or scripts, put them in a zip file. ${ALLOWED}`);
  }
  if (start.startsWith("<")) {
    if (HTML_START.test(start) || foundMarkup === "html") return refuseAs("an HTML web page");
    if (foundMarkup === "svg") return refuseAs("an SVG image (SVG images can contain scripts)");
    if (foundMarkup === "script") return refuseAs("a markup document containing scripts");
  }

  if (jsonCandidate && (start.startsWith("{") || start.startsWith("["))) {
    try {
      JSON.parse(jsonCandidate.join("").replace(/^\ufeff/, ""));
      return accept("json");
    } catch {
      // Not JSON after all: it is still acceptable text.
    }
  }
  return accept(extension === "csv" ? "csv" : "txt");
}
