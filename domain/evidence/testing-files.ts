import { crc32 } from "node:zlib";
import { deflateRawSync } from "node:zlib";

/**
 * Small, real files for tests: just enough of each format for the sniffer (and file-type) to
 * recognise it. For tests only.
 */

export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** Compress with deflate (default: stored). */
  deflate?: boolean;
  /** Unix mode for the external attributes, e.g. 0o120777 for a symbolic link. */
  unixMode?: number;
  /** Sets the "encrypted" flag (the data is not really encrypted; the flag is what is checked). */
  encrypted?: boolean;
  /** Lies about the expanded size, as a zip bomb's central directory can. */
  declaredUncompressedSize?: number;
}

/** Builds a zip archive in memory: local headers, data, central directory, end record. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? "", "utf8");
    const body = entry.deflate ? deflateRawSync(raw) : raw;
    // Traditional zip encryption puts a 12-byte header before the data; readers check the sizes allow for it.
    const stored = entry.encrypted ? Buffer.concat([Buffer.alloc(12, 0x5a), body]) : body;
    const method = entry.deflate ? 8 : 0;
    const name = Buffer.from(entry.name, "utf8");
    const flags = 0x800 | (entry.encrypted ? 0x1 : 0);
    const crc = crc32(raw) >>> 0;
    const uncompressed = entry.declaredUncompressedSize ?? raw.length;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode !== undefined ? (3 << 8) | 20 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(uncompressed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(entry.unixMode !== undefined ? (entry.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

export const minimalPdf = (extra: Buffer | string = ""): Buffer =>
  Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"), Buffer.from(extra), Buffer.from("\n%%EOF\n")]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0, 0);
  return Buffer.concat([length, body, crc]);
}

export function minimalPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateRawSync(Buffer.from([0, 0]))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export const minimalJpeg = (): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0", "latin1"), Buffer.alloc(9), Buffer.from([0xff, 0xd9])]);

export const minimalDocx = (): Buffer =>
  buildZip([
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    { name: "word/document.xml", data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' },
  ]);

export const minimalOdt = (): Buffer =>
  buildZip([
    { name: "mimetype", data: "application/vnd.oasis.opendocument.text" },
    { name: "content.xml", data: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
  ]);

/** A safetensors file: 8-byte little-endian header length, the JSON header (space-padded), then the data. */
export function safetensors(header: Record<string, unknown>, data: Buffer, options: { declaredHeaderLength?: number } = {}): Buffer {
  let json = JSON.stringify(header);
  while ((8 + Buffer.byteLength(json)) % 8 !== 0) json += " ";
  const headerBytes = Buffer.from(json, "utf8");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(options.declaredHeaderLength ?? headerBytes.length), 0);
  return Buffer.concat([length, headerBytes, data]);
}

/** A safetensors file holding `data` as one U8 tensor: a valid model file of any size. */
export const u8Safetensors = (data: Buffer): Buffer => safetensors({ __metadata__: { format: "pt" }, bytes: { dtype: "U8", shape: [data.length], data_offsets: [0, data.length] } }, data);
