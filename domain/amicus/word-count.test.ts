import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildZip } from "../evidence/testing-files";
import { CONTENT_TYPES, sniffFile } from "../evidence/sniff";
import { briefWithWords, makeDocx, makePdf, type PdfTextLayout } from "./test-documents";
import { countDocumentWords, countWords, MAX_DOCX_XML_BYTES, MAX_PDF_PAGES, wordprocessingText, type WordCountResult } from "./word-count";

const PDF = CONTENT_TYPES.pdf.contentType;
const DOCX = CONTENT_TYPES.docx.contentType;

let dir: string;
let counter = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-word-count-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(bytes: Buffer | string): string {
  counter += 1;
  const file = path.join(dir, `brief-${counter}`);
  fs.writeFileSync(file, bytes);
  return file;
}

const count = (bytes: Buffer | string, contentType: string): Promise<WordCountResult> => countDocumentWords(write(bytes), contentType);

async function words(bytes: Buffer, contentType: string): Promise<number> {
  const result = await count(bytes, contentType);
  if (!result.ok) throw new Error(`expected a count, got a refusal: ${result.reason}`);
  return result.words;
}

async function refusal(bytes: Buffer | string, contentType: string): Promise<string> {
  const result = await count(bytes, contentType);
  if (result.ok) throw new Error(`expected a refusal, got ${result.words} words`);
  return result.reason;
}

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n\t ", 0],
    ["one", 1],
    ["one two  three", 3],
    ["state-of-the-art", 1],
    ["case IPC-2026-000123 filed", 3],
    ["the claimant — the respondent", 4],
    ["• first point", 2],
    ["— • ¶ § ... --", 0],
    ["“Quoted,” she said.", 3],
    ["£5m under s.12(3)", 3],
    ["no\u00a0break\u2009thin\u3000ideographic", 4],
    ["Ünïcödé naïve 模型 ٢٠٢٦", 4],
    ["tab\tseparated\nlines\r\nhere", 4],
  ])("%j has %i words", (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe("PDF briefs", () => {
  const lines = ["The respondent’s model copies the claimant’s attention-head configuration.", "It was trained on the claimant’s reward model (see IPC-2026-000123)."];

  it.each<PdfTextLayout>(["line", "separate-words", "kerned"])("counts a single page exactly when written as %s", async (layout) => {
    expect(await words(makePdf([lines], { layout }), PDF)).toBe(18);
  });

  it.each<PdfTextLayout>(["line", "separate-words", "kerned"])("counts every page and never joins words across lines or pages (%s)", async (layout) => {
    // Each line ends and each page starts with a word, so a missing break would merge two words.
    const pages = [["alpha beta", "gamma delta", "epsilon"], ["zeta eta"], [], ["theta"]];
    expect(await words(makePdf(pages, { layout }), PDF)).toBe(8);
  });

  it.each<PdfTextLayout>(["line", "separate-words", "kerned"])("does not count dashes and bullets standing alone, and counts hyphenated words once (%s)", async (layout) => {
    const pages = [["• First — the state-of-the-art model – see", "§ 12 ... and so on"]];
    expect(await words(makePdf(pages, { layout }), PDF)).toBe(9);
  });

  it("counts a generated brief of a given length exactly", async () => {
    expect(await words(briefWithWords(1, "pdf"), PDF)).toBe(1);
    expect(await words(briefWithWords(1000, "pdf"), PDF)).toBe(1000);
    expect(await words(briefWithWords(5_231, "pdf"), PDF)).toBe(5_231);
  });

  it("refuses a PDF with no text, saying a scanned brief cannot be measured", async () => {
    expect(await refusal(makePdf([[], []]), PDF)).toMatch(/must contain selectable text: a scanned brief cannot be measured/);
    expect(await refusal(makePdf([[]], { imageOnBlankPages: true }), PDF)).toMatch(/Page 1 of the PDF is an image with no selectable text/);
  });

  it("refuses a PDF in which one page is a picture with no text, so part of a brief cannot escape the count", async () => {
    const pdf = makePdf([["alpha beta"], [], ["gamma"]], { imageOnBlankPages: true });
    expect(await refusal(pdf, PDF)).toMatch(/^Page 2 of the PDF is an image with no selectable text/);
  });

  it("counts past a blank page with no picture on it", async () => {
    expect(await words(makePdf([["alpha beta"], [], ["gamma"]]), PDF)).toBe(3);
  });

  it("refuses a damaged PDF, saying how to fix it", async () => {
    expect(await refusal("%PDF-1.7\nthis is not really a PDF\n%%EOF\n", PDF)).toBe(
      "The PDF could not be read: it is damaged or is not a standard PDF. Save it again as a standard PDF and upload it.",
    );
    expect(await refusal(Buffer.alloc(0), PDF)).toMatch(/^The PDF could not be read: .* Save it again as a standard PDF and upload it\.$/);
  });

  it("refuses a password-protected PDF", async () => {
    expect(await refusal(makePdf([["alpha beta"]], { passwordProtected: true }), PDF)).toBe(
      "The PDF could not be read: it is protected by a password. Save it again as a standard PDF and upload it.",
    );
  });

  it(`refuses a PDF of more than ${MAX_PDF_PAGES} pages without reading them`, async () => {
    const pages = Array.from({ length: MAX_PDF_PAGES + 1 }, () => ["word"]);
    expect(await refusal(makePdf(pages), PDF)).toBe("This PDF has 2,001 pages. A brief can have at most 2,000 pages, so check you chose the right file.");
  });
});

describe("Word (DOCX) briefs", () => {
  it("counts paragraphs, and never joins the last word of one to the first of the next", async () => {
    expect(await words(makeDocx(["The respondent copies the model.", "Second paragraph here", "third"]), DOCX)).toBe(9);
  });

  it("joins runs without a space, because Word splits words across runs", async () => {
    const docx = makeDocx(["The respondent’s model copies attention-head configuration", "reward model training"], { splitRuns: true });
    const xml = wordprocessingText('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>respon</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>dent</w:t></w:r></w:p></w:document>');
    expect(xml).toBe("respondent\n");
    expect(await words(docx, DOCX)).toBe(9);
  });

  it("treats tabs, line breaks and carriage returns as word breaks", async () => {
    expect(await words(makeDocx(["alpha\tbeta\ngamma\rdelta", "epsilon"]), DOCX)).toBe(5);
    expect(await words(makeDocx(["alpha\tbeta\ngamma\rdelta"], { splitRuns: true }), DOCX)).toBe(4);
  });

  it("decodes XML entities, so an escaped character joins its word rather than splitting it", async () => {
    // makeDocx escapes & < > and "; the rest are written by hand.
    expect(await words(makeDocx(['AT&T <sic> "quoted" & so on']), DOCX)).toBe(5);
    const xml = (text: string) => `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
    expect(wordprocessingText(xml("a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; caf&#233; na&#xEF;ve&#160;x &#x2014; &#xD800; &unknown;"))).toBe(
      "a&b <c> \"d\" 'e' café naïve\u00a0x — \ufffd &unknown;\n",
    );
  });

  it("reads text only from <w:t>: not deleted text, field codes, or the fallback copy of a text box", () => {
    const xml =
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>' +
      '<w:p><w:r><w:t xml:space="preserve">kept </w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      "<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></mc:Choice>" +
      "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>" +
      "<w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>breaking</w:t></w:r><!-- <w:t>comment</w:t> --><w:r><w:t><![CDATA[a<b]]></w:t></w:r></w:p></w:body></w:document>";
    expect(wordprocessingText(xml)).toBe("kept boxed\nnon-breakinga<b\n");
  });

  it("includes footnotes and endnotes", async () => {
    const docx = makeDocx(["Body text of the brief."], { footnotes: ["See the claimant’s evidence.", "Ibid."], endnotes: ["A closing note"] });
    expect(await words(docx, DOCX)).toBe(5 + 4 + 1 + 3);
    expect(await words(makeDocx(["Body"], { footnotes: ["one two"], splitRuns: true }), DOCX)).toBe(3);
  });

  it("counts a generated brief of a given length exactly", async () => {
    expect(await words(briefWithWords(1, "docx"), DOCX)).toBe(1);
    expect(await words(briefWithWords(5_231, "docx"), DOCX)).toBe(5_231);
  });

  it("refuses a Word document with no text", async () => {
    expect(await refusal(makeDocx([]), DOCX)).toMatch(/must contain selectable text: a scanned brief cannot be measured/);
    expect(await refusal(briefWithWords(0, "docx"), DOCX)).toMatch(/has no text we can count/);
  });

  it("refuses a damaged Word document, saying how to fix it", async () => {
    expect(await refusal("PK\u0003\u0004 not really a zip", DOCX)).toBe(
      "The Word document could not be read: it is damaged. Save it again as a Word document (.docx) and upload it.",
    );
    const noMainPart = buildZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/styles.xml", data: "<w:styles/>" }]);
    expect(await refusal(noMainPart, DOCX)).toBe("The Word document could not be read: it has no main text part. Save it again as a Word document (.docx) and upload it.");
    const corruptData = buildZip([{ name: "word/document.xml", data: Buffer.from("not deflate data at all") }]);
    // Stored entries cannot be corrupt in this way, so mark one as deflated by hand: method field at offset 8.
    corruptData.writeUInt16LE(8, 8);
    corruptData.writeUInt16LE(8, corruptData.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expect(await refusal(corruptData, DOCX)).toMatch(/^The Word document could not be read: it is damaged\./);
  });

  it(`refuses a Word document whose text expands to more than ${MAX_DOCX_XML_BYTES / 1024 ** 2} MB`, async () => {
    const huge = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${"a ".repeat(MAX_DOCX_XML_BYTES / 2)}</w:t></w:r></w:p></w:body></w:document>`;
    const docx = buildZip([{ name: "word/document.xml", data: huge, deflate: true }]);
    expect(docx.length).toBeLessThan(1024 ** 2);
    expect(await refusal(docx, DOCX)).toMatch(/^This Word document’s text is more than 50 MB once unpacked/);
  });

  it("refuses a Word document whose zip understates how far its text expands", async () => {
    const huge = `<w:document><w:body><w:p><w:r><w:t>${"a ".repeat(1000)}</w:t></w:r></w:p></w:body></w:document>`;
    const docx = buildZip([{ name: "word/document.xml", data: huge, deflate: true, declaredUncompressedSize: 100 }]);
    expect(await refusal(docx, DOCX)).toMatch(/^The Word document could not be read: it is damaged\./);
  });
});

describe("other types", () => {
  it.each(["text/plain; charset=utf-8", "application/vnd.oasis.opendocument.text", "application/zip", "image/png", ""])("refuses %j", async (contentType) => {
    expect(await refusal(briefWithWords(10, "pdf"), contentType)).toBe("A brief must be a PDF or Word (DOCX) document.");
  });

  it("trusts the sniffed type, not the bytes: a PDF said to be DOCX is refused as a damaged Word document", async () => {
    expect(await refusal(briefWithWords(10, "pdf"), DOCX)).toMatch(/^The Word document could not be read/);
  });
});

describe("the test documents are what the evidence sniffer says they are", () => {
  it.each([
    ["makePdf", () => makePdf([["alpha beta"]]), "brief.pdf", PDF],
    ["makePdf (kerned)", () => makePdf([["alpha beta"]], { layout: "kerned" }), "brief.pdf", PDF],
    ["briefWithWords pdf", () => briefWithWords(500, "pdf"), "brief.pdf", PDF],
    ["makeDocx", () => makeDocx(["alpha beta"], { footnotes: ["gamma"], endnotes: ["delta"] }), "brief.docx", DOCX],
    ["briefWithWords docx", () => briefWithWords(500, "docx"), "brief.docx", DOCX],
  ])("%s is sniffed as its type", async (_, build, filename, contentType) => {
    const result = await sniffFile(write(build()), filename);
    expect(result).toEqual({ ok: true, contentType, label: expect.any(String) });
  });
});
