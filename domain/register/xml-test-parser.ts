/**
 * For tests only: a small, strict XML 1.0 reader, enough to prove a feed is well-formed and to read
 * it back. It throws on anything a conforming parser would reject that our feeds could contain:
 * unbalanced or crossed tags, a raw `<` or `&` in text or attributes, unknown entities, unquoted or
 * repeated attributes, a second root, text outside the root, and characters XML forbids.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, entities decoded (children's text not included). */
  text: string;
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const isNameStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === ":";
const isNameChar = (c: string) => isNameStart(c) || (c >= "0" && c <= "9") || c === "-" || c === ".";
const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(source: string): XmlElement {
  for (const char of source) {
    const code = char.codePointAt(0)!;
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  }
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${pos}: ${JSON.stringify(source.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (isSpace(source[pos])) pos += 1;
  };
  const readName = () => {
    const start = pos;
    if (!isNameStart(source[pos] ?? "")) fail("expected a name");
    while (pos < source.length && isNameChar(source[pos]!)) pos += 1;
    return source.slice(start, pos);
  };
  const readReference = () => {
    // At "&": returns the decoded character(s).
    const end = source.indexOf(";", pos);
    if (end === -1 || end - pos > 12) fail("unterminated entity reference");
    const body = source.slice(pos + 1, end);
    pos = end + 1;
    if (body.startsWith("#x")) {
      const hex = body.slice(2);
      if (hex === "" || [...hex].some((c) => !"0123456789abcdefABCDEF".includes(c))) fail("bad character reference");
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (body.startsWith("#")) {
      const dec = body.slice(1);
      if (dec === "" || [...dec].some((c) => c < "0" || c > "9")) fail("bad character reference");
      return String.fromCodePoint(parseInt(dec, 10));
    }
    const value = PREDEFINED[body];
    if (value === undefined) fail(`unknown entity &${body};`);
    return value!;
  };

  if (source.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end === -1) fail("unterminated XML declaration");
    pos = end + 2;
  }
  skipSpace();

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (pos < source.length) {
    const c = source[pos]!;
    if (c === "<") {
      if (source.startsWith("</", pos)) {
        pos += 2;
        const name = readName();
        skipSpace();
        if (source[pos] !== ">") fail("expected > after end tag");
        pos += 1;
        const open = stack.pop();
        if (!open || open.name !== name) fail(`end tag </${name}> does not match <${open?.name ?? "nothing"}>`);
        if (stack.length === 0) {
          skipSpace();
          if (pos < source.length) fail("content after the root element");
        }
        continue;
      }
      if (source.startsWith("<!--", pos)) {
        const end = source.indexOf("-->", pos + 4);
        if (end === -1) fail("unterminated comment");
        pos = end + 3;
        continue;
      }
      pos += 1;
      const element: XmlElement = { name: readName(), attributes: {}, children: [], text: "" };
      for (;;) {
        const hadSpace = isSpace(source[pos]);
        skipSpace();
        if (source[pos] === ">" || source.startsWith("/>", pos)) break;
        if (!hadSpace) fail("expected space before attribute");
        const attribute = readName();
        skipSpace();
        if (source[pos] !== "=") fail("expected = after attribute name");
        pos += 1;
        skipSpace();
        const quote = source[pos];
        if (quote !== '"' && quote !== "'") fail("attribute value must be quoted");
        pos += 1;
        let value = "";
        while (source[pos] !== quote) {
          if (pos >= source.length) fail("unterminated attribute value");
          if (source[pos] === "<") fail("< in attribute value");
          if (source[pos] === "&") value += readReference();
          else value += source[pos++];
        }
        pos += 1;
        if (attribute in element.attributes) fail(`repeated attribute ${attribute}`);
        element.attributes[attribute] = value;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail("a second root element");
      else root = element;
      if (source.startsWith("/>", pos)) {
        pos += 2;
        if (stack.length === 0) {
          skipSpace();
          if (pos < source.length) fail("content after the root element");
        }
      } else {
        pos += 1;
        stack.push(element);
      }
      continue;
    }
    const current = stack[stack.length - 1];
    if (!current) fail("text outside the root element");
    if (c === "&") current!.text += readReference();
    else if (source.startsWith("]]>", pos)) fail("]]> in text");
    else {
      current!.text += c;
      pos += 1;
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (!root) fail("no root element");
  return root!;
}

/** The children of an element with a given name. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((child) => child.name === name);
