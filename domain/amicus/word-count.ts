import fs from "node:fs";
import yauzl from "yauzl";
import { CONTENT_TYPES } from "../evidence/sniff";

/**
 * Measures an amicus brief in words, from the document's own text, so a brief over its word limit
 * can be refused. The file must already have been sniffed; `contentType` is the sniffed type.
 *
 * What is counted:
 * - Word (DOCX): the body, footnotes and endnotes, as Word shows them with tracked changes accepted
 *   (deleted text is stored apart and is not counted). Headers, footers and comments are not.
 * - PDF: every piece of text on every page, which includes running headers and page numbers, so a
 *   PDF of a brief can count a few words more than the Word document it was saved from.
 * A document whose words cannot be read (a scanned brief) is refused rather than counted as short.
 */

export type WordCountResult = { ok: true; words: number } | { ok: false; reason: string };
type Refusal = Extract<WordCountResult, { ok: false }>;

/** A brief longer than this is not a brief; reading it would only tie up the server. */
export const MAX_PDF_PAGES = 2_000;
/** Most bytes of Word XML read to count one brief: far beyond any brief, well short of a zip bomb. */
export const MAX_DOCX_XML_BYTES = 50 * 1024 ** 2;

const NOT_A_BRIEF_FORMAT = "A brief must be a PDF or Word (DOCX) document.";

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_WHITESPACE_RUN = /\S+/gu;

/**
 * The number of words in `text`. A word is a maximal run of non-whitespace characters that holds at
 * least one letter or digit, in any script: "state-of-the-art", "IPC-2026-000123", "s.12(3)" and
 * "£5m" are one word each; a dash, bullet or pilcrow standing alone ("—", "•", "¶") is none.
 * Whitespace is Unicode whitespace, so no-break and other wide spaces separate words too.
 */
export function countWords(text: string): number {
  let words = 0;
  for (const [run] of text.matchAll(NON_WHITESPACE_RUN)) if (LETTER_OR_DIGIT.test(run)) words++;
  return words;
}

export async function countDocumentWords(filePath: string, contentType: string): Promise<WordCountResult> {
  if (contentType === CONTENT_TYPES.pdf.contentType) return countPdfWords(filePath);
  if (contentType === CONTENT_TYPES.docx.contentType) return countDocxWords(filePath);
  return { ok: false, reason: NOT_A_BRIEF_FORMAT };
}

const noText = (what: string): Refusal => ({
  ok: false,
  reason: `This ${what} has no text we can count, so its length cannot be measured. A brief must contain selectable text: a scanned brief cannot be measured. Upload the brief as saved from your word processor.`,
});

// ---------------------------------------------------------------------------------------------
// PDF

const unreadablePdf = (detail: string): Refusal => ({
  ok: false,
  reason: `The PDF could not be read: ${detail}. Save it again as a standard PDF and upload it.`,
});

async function countPdfWords(filePath: string): Promise<WordCountResult> {
  // Loaded on first use: the library is large and only this needs it. next.config.ts keeps it out of
  // the server bundle so its worker file is found in node_modules at run time.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const data = new Uint8Array(await fs.promises.readFile(filePath));
  // No eval (a crafted font cannot run code), no system or web fonts: only the text is wanted.
  // Verbosity 0 keeps the standard-font warning (text extraction needs no font files) out of the logs.
  const task = pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      if (error instanceof Error && error.name === "PasswordException") return unreadablePdf("it is protected by a password");
      return unreadablePdf("it is damaged or is not a standard PDF");
    }
    if (doc.numPages > MAX_PDF_PAGES) {
      return {
        ok: false,
        reason: `This PDF has ${doc.numPages.toLocaleString("en-GB")} pages. A brief can have at most ${MAX_PDF_PAGES.toLocaleString("en-GB")} pages, so check you chose the right file.`,
      };
    }
    const imageOps = new Set<number>([
      pdfjs.OPS.paintImageXObject,
      pdfjs.OPS.paintInlineImageXObject,
      pdfjs.OPS.paintImageMaskXObject,
      pdfjs.OPS.paintImageXObjectRepeat,
      pdfjs.OPS.paintImageMaskXObjectRepeat,
      pdfjs.OPS.paintInlineImageXObjectGroup,
      pdfjs.OPS.paintImageMaskXObjectGroup,
    ]);
    let words = 0;
    try {
      for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
        const page = await doc.getPage(pageNumber);
        try {
          const pageWords = countWords(pageText(await page.getTextContent()));
          // A page of pictures and no text is most likely a scanned page; counting it as empty would
          // let part of a brief escape the limit. Blank pages are checked too but have no images.
          if (pageWords === 0) {
            const operators = await page.getOperatorList();
            if (operators.fnArray.some((op) => imageOps.has(op))) {
              return {
                ok: false,
                reason: `Page ${pageNumber} of the PDF is an image with no selectable text, so its words cannot be counted. A brief must contain selectable text: a scanned brief cannot be measured. Upload the brief as saved from your word processor.`,
              };
            }
          }
          words += pageWords;
        } finally {
          page.cleanup();
        }
      }
    } catch {
      return unreadablePdf("part of it is damaged");
    }
    return words === 0 ? noText("PDF") : { ok: true, words };
  } finally {
    await task.destroy();
  }
}

/**
 * A page's text with word breaks where the reader sees them. Items on one line are joined with
 * nothing between them: pdf.js already puts a space wherever the text moves on by a gap of more
 * than about 0.1–0.15 em (separately placed words, or a TJ adjustment standing in for a space;
 * measured with 4.10.38), while kerning is smaller, and a line broken into pieces for kerning or a
 * change of font must not become extra words. `hasEOL` marks the end of a line. pdf.js leaves out
 * text placed outside the page, which no reader sees either.
 */
function pageText(content: { items: readonly object[] }): string {
  let text = "";
  for (const item of content.items) {
    // Marked-content markers carry no text.
    if (!("str" in item) || typeof item.str !== "string") continue;
    text += item.str;
    if ("hasEOL" in item && item.hasEOL) text += "\n";
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Word (DOCX)

const unreadableDocx = (detail: string): Refusal => ({
  ok: false,
  reason: `The Word document could not be read: ${detail}. Save it again as a Word document (.docx) and upload it.`,
});

const MAIN_PART = "word/document.xml";
// Footnotes and endnotes count: court word limits usually include them, as Word's own count can,
// and leaving them out would let argument move into the notes to get under the limit.
const NOTE_PARTS = ["word/footnotes.xml", "word/endnotes.xml"];

async function countDocxWords(filePath: string): Promise<WordCountResult> {
  const parts = await readZipParts(filePath, [MAIN_PART, ...NOTE_PARTS]);
  if (!parts.ok) return parts;
  const main = parts.parts.get(MAIN_PART);
  if (main === undefined) return unreadableDocx("it has no main text part");
  let words = 0;
  for (const name of [MAIN_PART, ...NOTE_PARTS]) {
    const xml = parts.parts.get(name);
    if (xml !== undefined) words += countWords(wordprocessingText(xml));
  }
  return words === 0 ? noText("Word document") : { ok: true, words };
}

type ZipParts = { ok: true; parts: Map<string, string> } | Refusal;

/** Reads the named entries of a zip as text, refusing once their total exceeds MAX_DOCX_XML_BYTES. */
async function readZipParts(filePath: string, names: string[]): Promise<ZipParts> {
  const wanted = new Set(names);
  const parts = new Map<string, string>();
  const tooLarge: ZipParts = {
    ok: false,
    reason: `This Word document’s text is more than ${MAX_DOCX_XML_BYTES / 1024 ** 2} MB once unpacked, far more than any brief, so it cannot be measured. Check you chose the right file.`,
  };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(filePath, { lazyEntries: true, autoClose: false });
  } catch {
    return unreadableDocx("it is damaged");
  }
  try {
    let budget = MAX_DOCX_XML_BYTES;
    for await (const entry of zip.eachEntry()) {
      if (!wanted.has(entry.fileName)) continue;
      if (parts.has(entry.fileName)) return unreadableDocx(`it holds ${entry.fileName} twice`);
      // Checked before reading, and again while reading: the declared size may lie.
      if (entry.uncompressedSize > budget) return tooLarge;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let read = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > budget) {
          stream.destroy();
          return tooLarge;
        }
        chunks.push(chunk);
      }
      budget -= read;
      parts.set(entry.fileName, decodeXml(Buffer.concat(chunks)));
    }
    return { ok: true, parts };
  } catch {
    return unreadableDocx("it is damaged");
  } finally {
    zip.close();
  }
}

/** XML is UTF-8 unless it starts with a UTF-16 byte-order mark. */
function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

const WORDPROCESSING_NAMESPACES = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MARKUP_COMPATIBILITY_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006";

const ATTRIBUTES = String.raw`(?:"[^"]*"|'[^']*'|[^'">])*`;
const XML_TOKEN = new RegExp(
  String.raw`<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!]${ATTRIBUTES}>|<(\/?)([^\s/>!?]+)(${ATTRIBUTES})>|([^<]+)`,
  "g",
);
const FIRST_ELEMENT = new RegExp(String.raw`<[^\s/>!?]+(${ATTRIBUTES})>`);

/** Prefixes (with their colon) the root element binds to the WordprocessingML and markup-compatibility namespaces. */
function namespacePrefixes(xml: string): { w: string; mc: string } {
  const found = { w: "w:", mc: "mc:" };
  const attributes = FIRST_ELEMENT.exec(xml)?.[1] ?? "";
  for (const [, prefix, uri] of attributes.matchAll(/xmlns(?::([^\s=]+))?\s*=\s*["']([^"']*)["']/g)) {
    const bound = prefix ? `${prefix}:` : "";
    if (WORDPROCESSING_NAMESPACES.has(uri!)) found.w = bound;
    if (uri === MARKUP_COMPATIBILITY_NAMESPACE) found.mc = bound;
  }
  return found;
}

/**
 * The text of a WordprocessingML part, with a break wherever a reader sees one. Text lives in
 * `<w:t>`; a word is often split across runs (spell-checking, tracked changes or a formatting change
 * inside it), so runs join with nothing between them. Paragraph ends, tabs and line breaks separate
 * words. A non-breaking hyphen is part of its word. Deleted text (`<w:delText>`) and field codes
 * (`<w:instrText>`) are not `<w:t>` and so are not counted. Word writes text boxes twice, once
 * for current readers and once as an `<mc:Fallback>` for old ones; the fallback copy is skipped.
 */
export function wordprocessingText(xml: string): string {
  const { w, mc } = namespacePrefixes(xml);
  const [text, paragraph, fallback] = [`${w}t`, `${w}p`, `${mc}Fallback`];
  const breaks = new Set([`${w}tab`, `${w}ptab`, `${w}br`, `${w}cr`]);
  const nonBreakingHyphen = `${w}noBreakHyphen`;
  const out: string[] = [];
  let inText = false;
  let fallbackDepth = 0;
  for (const match of xml.matchAll(XML_TOKEN)) {
    const [, cdata, closing, name, attributes, characters] = match;
    if (name === undefined) {
      if (inText && fallbackDepth === 0) {
        if (characters !== undefined) out.push(decodeEntities(characters));
        else if (cdata !== undefined) out.push(cdata);
      }
      continue;
    }
    const selfClosing = attributes?.endsWith("/") ?? false;
    if (name === fallback) {
      if (closing) fallbackDepth = Math.max(0, fallbackDepth - 1);
      else if (!selfClosing) fallbackDepth++;
      continue;
    }
    if (fallbackDepth > 0) continue;
    if (name === text) inText = !closing && !selfClosing;
    else if (closing) {
      if (name === paragraph) out.push("\n");
    } else if (breaks.has(name)) out.push(" ");
    else if (name === nonBreakingHyphen) out.push("-");
  }
  return out.join("");
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (_, hex: string | undefined, decimal: string | undefined, named: string | undefined) => {
    if (named) return NAMED_ENTITIES[named]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    const valid = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : "\ufffd";
  });
}
