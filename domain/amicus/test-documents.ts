import { buildZip } from "../evidence/testing-files";

/**
 * Real, minimal PDF and Word documents with known text, for tests of the word counter and for
 * end-to-end tests that file a brief. Pure functions returning bytes; no test framework here.
 * Node 20.15+ has zlib.crc32, which the shared zip writer (domain/evidence/testing-files.ts) uses.
 */

// ---------------------------------------------------------------------------------------------
// PDF

/**
 * How each line is written into the page's content stream, to exercise the text extractor's joining:
 * - "line": one `Tj` per line, words separated by space characters (what most word processors emit);
 * - "separate-words": one `Tj` per word, each placed apart with its own `Tm` and no space character;
 * - "kerned": one `TJ` per line, words split into kerned pieces, and words separated by a large
 *   negative adjustment instead of a space character (what TeX and some typesetters emit).
 */
export type PdfTextLayout = "line" | "separate-words" | "kerned";

export interface MakePdfOptions {
  layout?: PdfTextLayout;
  /**
   * Adds a Standard Security Handler dictionary whose user password is not empty, so a reader
   * needs a password to open the file. The content itself is not really encrypted; readers refuse
   * before they get that far.
   */
  passwordProtected?: boolean;
  /** Pages with no lines carry a full-page picture instead, as a scanned page does. */
  imageOnBlankPages?: boolean;
}

const FONT_SIZE = 11;
const LEADING = 15;
const TOP = 770;
const LEFT = 72;
const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;

// WinAnsiEncoding codes for the few characters above Latin-1 that briefs commonly use.
const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "™": 0x99,
};

/** A PDF literal string in WinAnsiEncoding, with delimiters and backslashes escaped. */
function pdfString(text: string): string {
  let out = "(";
  for (const char of text) {
    const code = WIN_ANSI_EXTRA[char] ?? char.codePointAt(0)!;
    if (code > 0xff) throw new Error(`makePdf cannot encode “${char}” in WinAnsiEncoding`);
    if (char === "(" || char === ")" || char === "\\") out += `\\${char}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += char;
  }
  return `${out})`;
}

// Helvetica's advance widths (thousandths of an em) for " " to "~", from its AFM file. Anything
// else is taken as 1 em, the widest Helvetica glyph, so separately placed words never touch.
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (HELVETICA_WIDTHS[char.codePointAt(0)! - 0x20] ?? 1000), 0) * (FONT_SIZE / 1000);

function lineOperators(line: string, y: number, layout: PdfTextLayout): string {
  if (layout === "line") return `1 0 0 1 ${LEFT} ${y} Tm ${pdfString(line)} Tj`;
  const words = line.split(" ").filter((w) => w !== "");
  if (layout === "separate-words") {
    let x = LEFT;
    return words
      .map((word) => {
        const op = `1 0 0 1 ${x.toFixed(2)} ${y} Tm ${pdfString(word)} Tj`;
        x += textWidth(word) + textWidth(" ");
        return op;
      })
      .join("\n");
  }
  // Kerning within a word is a small adjustment (thousandths of an em); between words, -350 moves
  // on by more than a space's width (278) without drawing one.
  const pieces = words.map((word) => {
    const chars = [...word];
    const chunks: string[] = [];
    for (let i = 0; i < chars.length; i += 2) chunks.push(pdfString(chars.slice(i, i + 2).join("")));
    return chunks.join(" 15 ");
  });
  return `1 0 0 1 ${LEFT} ${y} Tm [${pieces.join(" -350 ")}] TJ`;
}

/**
 * A PDF with one A4 page per entry of `pages`, each a list of lines, in 11pt Helvetica (one of the
 * standard fonts, so nothing is embedded). A page with no lines has no text at all, as a scanned
 * page has none. The cross-reference table is exact, so readers need not repair the file.
 */
export function makePdf(pages: string[][], options: MakePdfOptions = {}): Buffer {
  const layout = options.layout ?? "line";
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObject = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  // A 2×2 grey picture, stretched over the page.
  const image = options.imageOnBlankPages
    ? add("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x40\x80\xc0\x20\nendstream")
    : null;
  const pageObjects = pages.map((lines) => {
    const text = lines.map((line, i) => lineOperators(line, TOP - i * LEADING, layout)).join("\n");
    const picture = lines.length === 0 && image !== null;
    const stream = lines.length > 0 ? `BT\n/F1 ${FONT_SIZE} Tf\n${text}\nET\n` : picture ? `q ${PAGE_WIDTH} 0 0 ${PAGE_HEIGHT} 0 0 cm /Im1 Do Q\n` : "";
    const content = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    const xObjects = picture ? ` /XObject << /Im1 ${image} 0 R >>` : "";
    return add(
      `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 ${font} 0 R >>${xObjects} >> /Contents ${content} 0 R >>`,
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] = `<< /Type /Pages /Kids [${pageObjects.map((n) => `${n} 0 R`).join(" ")}] /Count ${pageObjects.length} >>`;
  const encrypt = options.passwordProtected
    ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${"7a".repeat(32)}> /U <${"5c".repeat(32)}> >>`)
    : null;

  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  const id = "<0123456789abcdef0123456789abcdef>";
  const trailerExtra = encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : "";
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${trailerExtra} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

// ---------------------------------------------------------------------------------------------
// Word (DOCX)

export interface MakeDocxOptions {
  /**
   * Splits every word across several runs (as Word does after spell-checking, tracked changes or a
   * formatting change inside a word), so a reader that puts a space between runs over-counts.
   */
  splitRuns?: boolean;
  /** Footnotes: a word/footnotes.xml part is written with one footnote per entry. */
  footnotes?: string[];
  /** Endnotes: a word/endnotes.xml part is written with one endnote per entry. */
  endnotes?: string[];
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function runs(text: string, splitRuns: boolean): string {
  const run = (t: string, italic = false) => `<w:r>${italic ? "<w:rPr><w:i/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(t)}</w:t></w:r>`;
  if (!splitRuns) return run(text);
  // Two-character pieces, alternately italic, cut most words in several places; spaces stay inside the runs.
  const chars = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += 2) pieces.push(run(chars.slice(i, i + 2).join(""), i % 4 === 2));
  return pieces.join("");
}

function notesPart(kind: "footnote" | "endnote", notes: string[], splitRuns: boolean): string {
  const root = kind === "footnote" ? "footnotes" : "endnotes";
  // Word always writes the separator notes (ids -1 and 0); they hold no text.
  const separators =
    `<w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>` +
    `<w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>`;
  const body = notes
    .map((note, i) => `<w:${kind} w:id="${i + 1}"><w:p><w:r><w:${kind}Ref/></w:r>${runs(` ${note}`, splitRuns)}</w:p></w:${kind}>`)
    .join("");
  return `${XML_DECLARATION}<w:${root} xmlns:w="${W_NS}">${separators}${body}</w:${root}>`;
}

/**
 * A minimal valid Word document: one paragraph per entry. Within a paragraph, "\t" becomes a tab,
 * "\n" a line break and "\r" a carriage return, as Word stores them (elements, not characters).
 * Footnote and endnote references are placed at the end of the first paragraph.
 */
export function makeDocx(paragraphs: string[], options: MakeDocxOptions = {}): Buffer {
  const splitRuns = options.splitRuns ?? false;
  const footnotes = options.footnotes ?? [];
  const endnotes = options.endnotes ?? [];
  const refs =
    footnotes.map((_, i) => `<w:r><w:footnoteReference w:id="${i + 1}"/></w:r>`).join("") +
    endnotes.map((_, i) => `<w:r><w:endnoteReference w:id="${i + 1}"/></w:r>`).join("");
  const paragraphXml = paragraphs.map((paragraph, index) => {
    const content = paragraph
      .split(/([\t\n\r])/)
      .map((part) => {
        if (part === "\t") return "<w:r><w:tab/></w:r>";
        if (part === "\n") return "<w:r><w:br/></w:r>";
        if (part === "\r") return "<w:r><w:cr/></w:r>";
        return part === "" ? "" : runs(part, splitRuns);
      })
      .join("");
    return `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${content}${index === 0 ? refs : ""}</w:p>`;
  });
  const document = `${XML_DECLARATION}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${paragraphXml.join("")}<w:sectPr/></w:body></w:document>`;

  const overrides = [
    ["/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"],
    ...(footnotes.length ? [["/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"]] : []),
    ...(endnotes.length ? [["/word/endnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"]] : []),
  ];
  const contentTypes =
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join("") +
    "</Types>";
  const packageRels =
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    "</Relationships>";
  const documentRels =
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    (footnotes.length ? '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>' : "") +
    (endnotes.length ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>' : "") +
    "</Relationships>";

  return buildZip([
    // First, as Word writes it: type detectors read [Content_Types].xml to tell DOCX from other zips.
    { name: "[Content_Types].xml", data: contentTypes, deflate: true },
    { name: "_rels/.rels", data: packageRels, deflate: true },
    { name: "word/document.xml", data: document, deflate: true },
    { name: "word/_rels/document.xml.rels", data: documentRels, deflate: true },
    ...(footnotes.length ? [{ name: "word/footnotes.xml", data: notesPart("footnote", footnotes, splitRuns), deflate: true }] : []),
    ...(endnotes.length ? [{ name: "word/endnotes.xml", data: notesPart("endnote", endnotes, splitRuns), deflate: true }] : []),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Briefs of a given length

const WORDS_PER_LINE = 10;
const LINES_PER_PAGE = 40;
const VOCABULARY = ["the", "respondent", "model", "copies", "attention", "configuration", "of", "claimant", "evidence", "shows", "training", "safety"];

/**
 * A document of exactly `n` words (as countWords counts them): a PDF of 10-word lines, 40 lines a
 * page, or a DOCX of 10-word paragraphs. Zero words gives a document with no text.
 */
export function briefWithWords(n: number, kind: "pdf" | "docx"): Buffer {
  if (!Number.isInteger(n) || n < 0) throw new Error("briefWithWords needs a whole number of words");
  const lines: string[] = [];
  for (let start = 0; start < n; start += WORDS_PER_LINE) {
    const words: string[] = [];
    for (let i = start; i < Math.min(n, start + WORDS_PER_LINE); i++) words.push(VOCABULARY[i % VOCABULARY.length]!);
    lines.push(words.join(" "));
  }
  if (kind === "docx") return makeDocx(lines);
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));
  return makePdf(pages.length > 0 ? pages : [[]]);
}
