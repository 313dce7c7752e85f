import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeContentType, sniffFile, type SniffOptions, type SniffResult } from "./sniff";
import { buildZip, minimalDocx, minimalJpeg, minimalOdt, minimalPdf, minimalPng, safetensors } from "./testing-files";

let dir: string;
let counter = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-sniff-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the bytes under a random name (the stored file never has the user's name) and sniffs them. */
async function sniff(bytes: Buffer | string, filename: string, options?: SniffOptions): Promise<SniffResult> {
  counter += 1;
  const file = path.join(dir, `upload-${counter}`);
  fs.writeFileSync(file, bytes);
  return sniffFile(file, filename, options);
}

async function refusal(bytes: Buffer | string, filename: string, options?: SniffOptions): Promise<string> {
  const result = await sniff(bytes, filename, options);
  if (result.ok) throw new Error(`expected a refusal, got ${result.contentType}`);
  return result.reason;
}

describe("allowed formats are recognised by their bytes", () => {
  it.each([
    ["a PDF", () => minimalPdf(), "statement.pdf", "application/pdf", "PDF"],
    ["a PNG", () => minimalPng(), "photo.png", "image/png", "PNG image"],
    ["a JPEG", () => minimalJpeg(), "photo.jpg", "image/jpeg", "JPEG image"],
    ["a Word document", () => minimalDocx(), "witness statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (DOCX)"],
    ["an OpenDocument text", () => minimalOdt(), "letter.odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"],
    ["a plain zip", () => buildZip([{ name: "src/model.py", data: "print('hello')" }, { name: "README.md", data: "# Notes" }]), "code.zip", "application/zip", "ZIP archive"],
    ["plain text", () => "Meeting notes\nAttendees: A, B\n", "notes.txt", "text/plain; charset=utf-8", "Text (TXT)"],
    ["CSV (text named .csv)", () => "date,amount\n2026-01-01,£10\n", "ledger.csv", "text/csv; charset=utf-8", "CSV"],
    ["JSON (by its content)", () => '{"layers": 32, "heads": [1, 2]}', "config.txt", "application/json", "JSON"],
    ["text with a byte-order mark", () => "\ufeffHello", "bom.txt", "text/plain; charset=utf-8", "Text (TXT)"],
    ["XML data with no active content", () => '<?xml version="1.0"?><ledger><row amount="10"/></ledger>', "ledger.xml", "text/plain; charset=utf-8", "Text (TXT)"],
    ["prose that mentions a script tag", () => "The respondent's page included <script> tags that loaded the model.", "notes.txt", "text/plain; charset=utf-8", "Text (TXT)"],
  ])("%s", async (_what, make, filename, contentType, label) => {
    expect(await sniff(make(), filename)).toEqual({ ok: true, contentType, label });
  });

  it("names a PDF by its content even when the name says otherwise", async () => {
    expect(await sniff(minimalPdf(), "scan.jpeg")).toMatchObject({ ok: true, contentType: "application/pdf" });
  });

  it("labels stored content types for pages", () => {
    expect(describeContentType("application/x-safetensors")).toBe("Safetensors model file");
    expect(describeContentType("application/pdf")).toBe("PDF");
  });
});

describe("refused formats, also when renamed", () => {
  it("refuses an HTML page renamed .pdf, listing what is allowed", async () => {
    const reason = await refusal("<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>", "report.pdf");
    expect(reason).toMatch(/HTML web page/);
    expect(reason).toMatch(/Allowed: PDF, Word \(DOCX\)/);
  });

  it("refuses HTML that starts with an ordinary tag and leading whitespace", async () => {
    expect(await refusal("\n  <div onclick=x>hi</div>", "notes.txt")).toMatch(/HTML web page/);
  });

  it("refuses SVG, with or without an XML declaration", async () => {
    expect(await refusal('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>', "chart.png")).toMatch(/SVG image/);
    expect(await refusal('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "chart.txt")).toMatch(/SVG image/);
  });

  it("refuses XML with a script, even one that starts beyond the first megabyte and straddles a read", async () => {
    const prefix = '<?xml version="1.0"?><data>';
    const filler = "a".repeat(1024 * 1024 - prefix.length - 3);
    expect(await refusal(`${prefix}${filler}<script>alert(1)</script></data>`, "data.xml")).toMatch(/containing scripts/);
  });

  it("refuses ELF, Windows and macOS programs", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect(await refusal(elf, "data.pdf")).toMatch(/Linux program/);
    const pe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126)]);
    expect(await refusal(pe, "invoice.pdf")).toMatch(/Windows program/);
    const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(120)]);
    expect(await refusal(macho, "photo.png")).toMatch(/macOS program/);
  });

  it("refuses a shell script renamed .txt", async () => {
    expect(await refusal("#!/bin/sh\nrm -rf ~\n", "notes.txt")).toMatch(/script \(it starts with “#!”\)/);
  });

  it("refuses names that mark a program or script whatever the bytes", async () => {
    expect(await refusal(minimalPdf(), "statement.pdf.exe")).toMatch(/names end in \.exe/);
    expect(await refusal("echo hello", "run.BAT")).toMatch(/names end in \.bat/);
  });

  it("refuses a recognised format that is not on the list, naming it", async () => {
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.alloc(20)]);
    expect(await refusal(gif, "photo.png")).toMatch(/^This file is a GIF file, which cannot be filed as evidence\. Allowed: /);
  });

  it("refuses an empty file", async () => {
    expect(await refusal("", "empty.pdf")).toMatch(/empty/);
  });

  it("refuses bytes it cannot recognise", async () => {
    expect(await refusal(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x00, 0x10, 0x20]), "data.bin")).toMatch(/could not recognise/);
  });

  it("tells the filer to save text as UTF-8 when it is UTF-16 or Windows-1252", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("date,amount\n", "utf16le")]);
    expect(await refusal(utf16, "ledger.csv")).toMatch(/not saved as UTF-8/);
    expect(await refusal(Buffer.from([0x64, 0x61, 0x74, 0x65, 0x2c, 0xa3, 0x31, 0x30, 0x0a]), "ledger.csv")).toMatch(/not saved as UTF-8/);
  });

  it("refuses Office files with macros", async () => {
    const docm = buildZip([
      { name: "[Content_Types].xml", data: '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>' },
      { name: "word/document.xml", data: "<w:document/>" },
    ]);
    expect(await refusal(docm, "letter.docx")).toMatch(/macros/);
  });
});

describe("zip archives", () => {
  it("refuses an entry that climbs out with ..", async () => {
    expect(await refusal(buildZip([{ name: "docs/../../evil.sh", data: "x" }]), "bundle.zip")).toMatch(/a “\.\.” path \(“docs\/\.\.\/\.\.\/evil\.sh”\)/);
  });

  it("refuses a Windows-style .. path", async () => {
    expect(await refusal(buildZip([{ name: "..\\evil.bat", data: "x" }]), "bundle.zip")).toMatch(/“\.\.” path/);
  });

  it("refuses absolute paths, Unix and Windows", async () => {
    expect(await refusal(buildZip([{ name: "/etc/cron.d/evil", data: "x" }]), "bundle.zip")).toMatch(/absolute path/);
    expect(await refusal(buildZip([{ name: "C:/Windows/evil.dll", data: "x" }]), "bundle.zip")).toMatch(/absolute path/);
  });

  it("refuses a symbolic link", async () => {
    expect(await refusal(buildZip([{ name: "notes.txt", data: "ok" }, { name: "link", data: "/etc/passwd", unixMode: 0o120777 }]), "bundle.zip")).toMatch(/symbolic link \(“link”\)/);
  });

  it("accepts ordinary Unix file modes", async () => {
    expect(await sniff(buildZip([{ name: "notes.txt", data: "ok", unixMode: 0o100644 }]), "bundle.zip")).toMatchObject({ ok: true, contentType: "application/zip" });
  });

  it("refuses a zip that would expand beyond the bound (real deflated zeros)", async () => {
    const zeros = Buffer.alloc(2 * 1024 * 1024);
    const bomb = buildZip([{ name: "zeros.bin", data: zeros, deflate: true }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await refusal(bomb, "bundle.zip", { maxZipExpandedBytes: 1024 * 1024 })).toMatch(/expand to more than 1 MB/);
    expect(await sniff(bomb, "bundle.zip", { maxZipExpandedBytes: 4 * 1024 * 1024 })).toMatchObject({ ok: true });
  });

  it("refuses a zip whose directory claims more than 10 GB in total, by default", async () => {
    const entries = [1, 2, 3].map((n) => ({ name: `part${n}.bin`, data: "x", deflate: true, declaredUncompressedSize: 0xfffffff0 }));
    expect(await refusal(buildZip(entries), "bundle.zip")).toMatch(/expand to more than 10 GB/);
  });

  it("refuses too many entries", async () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }));
    expect(await refusal(buildZip(entries), "bundle.zip", { maxZipEntries: 3 })).toMatch(/more than 3 entries/);
  });

  it("refuses a password-protected zip", async () => {
    expect(await refusal(buildZip([{ name: "secret.txt", data: "x", encrypted: true }]), "bundle.zip")).toMatch(/password-protected/);
  });

  it("applies the same checks to an Office document, which is a zip too", async () => {
    const docx = buildZip([
      { name: "[Content_Types].xml", data: '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
      { name: "word/../../evil", data: "x" },
    ]);
    expect(await refusal(docx, "letter.docx")).toMatch(/Word document \(DOCX\) contains an entry with a “\.\.” path/);
  });

  it("refuses a damaged zip", async () => {
    const truncated = buildZip([{ name: "a.txt", data: "hello" }]).subarray(0, 40);
    expect(await refusal(truncated, "bundle.zip")).toMatch(/damaged/);
  });
});

describe("safetensors", () => {
  const weights = Buffer.alloc(16 + 6);
  const header = {
    __metadata__: { format: "pt" },
    "attn.q.weight": { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] },
    "attn.scale": { dtype: "F16", shape: [3], data_offsets: [16, 22] },
  };

  it("accepts a valid file whatever its name", async () => {
    expect(await sniff(safetensors(header, weights), "model.safetensors")).toEqual({ ok: true, contentType: "application/x-safetensors", label: "Safetensors model file" });
    expect(await sniff(safetensors(header, weights), "weights.dat")).toMatchObject({ ok: true, contentType: "application/x-safetensors" });
  });

  it("refuses a header length beyond the file", async () => {
    expect(await refusal(safetensors(header, weights, { declaredHeaderLength: 10_000 }), "model.safetensors")).toMatch(/header is longer than the file/);
  });

  it("refuses a header length beyond 100 MB", async () => {
    expect(await refusal(safetensors(header, weights, { declaredHeaderLength: 200_000_000 }), "model.safetensors")).toMatch(/larger than 100 MB/);
  });

  it("refuses a header that is not JSON", async () => {
    const bytes = Buffer.concat([Buffer.from([16, 0, 0, 0, 0, 0, 0, 0]), Buffer.from("{not json at all"), weights]);
    expect(await refusal(bytes, "model.safetensors")).toMatch(/not valid JSON/);
  });

  it("refuses tensors that point outside the file, overlap, or do not match their shape", async () => {
    const outside = { t: { dtype: "F32", shape: [4], data_offsets: [0, 64] } };
    expect(await refusal(safetensors(outside, Buffer.alloc(16)), "model.safetensors")).toMatch(/points outside the file/);
    const overlap = { a: { dtype: "U8", shape: [8], data_offsets: [0, 8] }, b: { dtype: "U8", shape: [8], data_offsets: [4, 12] } };
    expect(await refusal(safetensors(overlap, Buffer.alloc(12)), "model.safetensors")).toMatch(/overlaps another or leaves a gap/);
    const wrongSize = { t: { dtype: "F32", shape: [3], data_offsets: [0, 16] } };
    expect(await refusal(safetensors(wrongSize, Buffer.alloc(16)), "model.safetensors")).toMatch(/not the size its shape says/);
    const unknownType = { t: { dtype: "Q9", shape: [1], data_offsets: [0, 1] } };
    expect(await refusal(safetensors(unknownType, Buffer.alloc(1)), "model.safetensors")).toMatch(/unknown data type/);
  });

  it("refuses a file named .safetensors that is something else", async () => {
    expect(await refusal(minimalPdf(), "model.safetensors")).toMatch(/not a valid safetensors model file/);
  });
});
