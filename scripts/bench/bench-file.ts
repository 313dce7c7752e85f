import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const MiB = 1024 * 1024;
// Room for the JSON header with 16-digit sizes; 8 + 128 keeps the data 8-byte aligned as the format wants.
const HEADER_BYTES = 128;

async function writeAll(handle: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
}

/**
 * A valid safetensors model file of exactly `totalBytes` (one U8 tensor over all the data), so the
 * upload is accepted by the sniffer and its completion (hash and move into the blob store) is part
 * of what is measured. The data is a random 1 MiB block with a counter written through it, so no
 * two blocks are the same and nothing along the way can shortcut it by compressing or deduplicating.
 */
export async function writeSafetensorsFile(file: string, totalBytes: number): Promise<void> {
  const dataBytes = totalBytes - 8 - HEADER_BYTES;
  if (dataBytes < 1) throw new Error(`A test file must be larger than ${8 + HEADER_BYTES} bytes.`);
  const json = JSON.stringify({ __metadata__: { format: "pt" }, bytes: { dtype: "U8", shape: [dataBytes], data_offsets: [0, dataBytes] } });
  const header = Buffer.alloc(8 + HEADER_BYTES, " ");
  header.writeBigUInt64LE(BigInt(HEADER_BYTES), 0);
  header.write(json, 8, "utf8");

  const block = randomBytes(MiB);
  const handle = await fs.promises.open(file, "wx");
  try {
    await writeAll(handle, header);
    for (let written = 0, counter = 0; written < dataBytes; counter++) {
      for (let at = 0; at < block.length; at += 4096) block.writeUInt32LE(counter, at);
      const length = Math.min(block.length, dataBytes - written);
      await writeAll(handle, block.subarray(0, length));
      written += length;
    }
    // On disk before anything is timed, so neither measurement pays for writing the source back.
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The least any server must do to store a file safely, timed: read it, hash it with SHA-256 while
 * copying it to a temp file in `dir`, fsync, rename to its hash, fsync the folder (as the blob
 * store does). The copy is removed afterwards.
 */
export async function timeLocalStore(source: string, dir: string): Promise<{ seconds: number; sha256: string; bytes: number }> {
  const started = process.hrtime.bigint();
  const tempPath = path.join(dir, `.baseline-${randomUUID()}`);
  const hash = createHash("sha256");
  let bytes = 0;
  const out = await fs.promises.open(tempPath, "wx");
  try {
    for await (const chunk of fs.createReadStream(source, { highWaterMark: MiB }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      await writeAll(out, chunk);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  const sha256 = hash.digest("hex");
  const finalPath = path.join(dir, `baseline-${sha256}`);
  await fs.promises.rename(tempPath, finalPath);
  const folder = await fs.promises.open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await fs.promises.rm(finalPath, { force: true });
  return { seconds, sha256, bytes };
}
