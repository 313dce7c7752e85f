import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiFallback, contentDisposition, encodeRfc5987, revealHiddenCharacters, safeFilename } from "./content-disposition";

/** What a browser would take from the header: the decoded filename* value. */
const extendedName = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]*)$/.exec(header)![1]!);
const quotedName = (header: string) => /filename="([^"]*)"/.exec(header)![1]!;

describe("contentDisposition", () => {
  it("offers an ordinary name as it is", () => {
    expect(contentDisposition("Witness statement.pdf")).toBe(`attachment; filename="Witness statement.pdf"; filename*=UTF-8''Witness%20statement.pdf`);
  });

  it("keeps only the last path segment of a traversal attempt", () => {
    const header = contentDisposition("../../etc/passwd");
    expect(quotedName(header)).toBe("passwd");
    expect(extendedName(header)).toBe("passwd");
    expect(extendedName(contentDisposition("C:\\Windows\\..\\system32\\evil.dll"))).toBe("evil.dll");
    expect(extendedName(contentDisposition("../"))).toBe("evidence");
    expect(extendedName(contentDisposition(".."))).toBe("evidence");
  });

  it("drops NUL and other control characters, which could end or split the header", () => {
    const header = contentDisposition("report\u0000.pdf\r\nSet-Cookie: a=b");
    expect(header).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(extendedName(header)).toBe("report.pdfSet-Cookie: a=b");
  });

  it("drops a right-to-left override so the offered name reads as it really is", () => {
    const header = contentDisposition("invoice\u202Efdp.exe");
    expect(extendedName(header)).toBe("invoicefdp.exe");
    expect(header).not.toContain("\u202E");
    expect(header).not.toMatch(/%E2%80%AE/i);
  });

  it("cannot be broken out of by quotes or backslashes, in either form", () => {
    const header = contentDisposition(`a"b\\c; filename="evil.html`);
    // Backslash is a path separator, so the name starts after it; the quote cannot close the string.
    expect(quotedName(header)).toBe("c; filename=_evil.html");
    expect(header.match(/"/g)).toHaveLength(2);
    expect(extendedName(header)).toBe(`c; filename="evil.html`);
    expect(header).toMatch(/filename\*=UTF-8''c%3B%20filename%3D%22evil.html$/);
  });

  it("keeps non-ASCII names exactly in filename* and gives old clients an ASCII approximation", () => {
    const header = contentDisposition("Résumé – données 模型.pdf");
    expect(extendedName(header)).toBe("Résumé – données 模型.pdf");
    expect(quotedName(header)).toBe("Resume _ donnees __.pdf");
  });

  it("shortens a 300-character name but keeps its extension", () => {
    const name = `${"a".repeat(296)}.pdf`;
    const offered = extendedName(contentDisposition(name));
    expect(offered.length).toBe(150);
    expect(offered.endsWith(".pdf")).toBe(true);
  });

  it("never splits a character made of two UTF-16 units when shortening", () => {
    const offered = safeFilename("😀".repeat(300));
    expect([...offered]).toHaveLength(150);
    expect(() => encodeURIComponent(offered)).not.toThrow();
  });

  it("percent-encodes the characters RFC 5987 does not allow literally", () => {
    expect(encodeRfc5987("it's (draft) *final*")).toBe("it%27s%20%28draft%29%20%2Afinal%2A");
  });

  it("leaves no header-breaking character for any name at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (name) => {
        const header = contentDisposition(name);
        expect(header).toMatch(/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        const offered = extendedName(header);
        expect(offered).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
        expect(asciiFallback(offered).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("revealHiddenCharacters", () => {
  it("shows a right-to-left override and NUL as their codes, leaving everything else alone", () => {
    expect(revealHiddenCharacters("invoice\u202Efdp.exe")).toBe("invoice\\u202Efdp.exe");
    expect(revealHiddenCharacters("a\u0000b")).toBe("a\\u0000b");
    expect(revealHiddenCharacters("Résumé <script>.pdf")).toBe("Résumé <script>.pdf");
  });
});
