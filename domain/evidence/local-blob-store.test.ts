import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { LocalBlobStore, sweepBlobTempFiles, type BlobStoreFaults } from "./local-blob-store";

let dir: string;
let store: LocalBlobStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-blobs-"));
  store = new LocalBlobStore(path.join(dir, "blobs"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

function source(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("LocalBlobStore", () => {
  it("stores a file under its hash, fanned out by the first two characters, and removes the source", async () => {
    const file = source("upload-1", "exhibit bytes");
    const stored = await store.putFile(file);
    expect(stored).toEqual({ sha256: sha256("exhibit bytes"), sizeBytes: 13 });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(path.join(dir, "blobs", stored.sha256.slice(0, 2), stored.sha256), "utf8")).toBe("exhibit bytes");
    expect(store.has(stored.sha256)).toBe(true);
    expect(await text(store.openRead(stored.sha256))).toBe("exhibit bytes");
    // No temp file is left beside the blobs.
    expect(fs.readdirSync(path.join(dir, "blobs")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  it("renames a finished upload on the same filesystem into place instead of writing it a second time", async () => {
    const file = source("upload-same-fs", "bytes that should be moved, not copied");
    const inode = fs.statSync(file).ino;
    const stored = await store.putFile(file);
    expect(fs.statSync(store.pathFor(stored.sha256)).ino).toBe(inode);
    expect(stored.sha256).toBe(sha256("bytes that should be moved, not copied"));
  });

  it("hashes files larger than one read buffer correctly", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
    const stored = await store.putFile(source("big", bytes));
    expect(stored).toEqual({ sha256: sha256(bytes), sizeBytes: bytes.length });
    expect(await store.verify(stored.sha256)).toEqual({ status: "ok" });
  });

  it("stores the same bytes once", async () => {
    const first = await store.putFile(source("a", "same"));
    const second = await store.putFile(source("b", "same"));
    expect(second).toEqual(first);
    const folder = path.join(dir, "blobs", first.sha256.slice(0, 2));
    expect(fs.readdirSync(folder)).toEqual([first.sha256]);
    expect(fs.existsSync(path.join(dir, "b"))).toBe(false);
  });

  it("stores an empty file", async () => {
    expect(await store.putFile(source("empty", ""))).toEqual({ sha256: sha256(""), sizeBytes: 0 });
  });

  it("verifies intact, tampered and missing blobs", async () => {
    const { sha256: hash } = await store.putFile(source("x", "original"));
    expect(await store.verify(hash)).toEqual({ status: "ok" });
    fs.writeFileSync(path.join(dir, "blobs", hash.slice(0, 2), hash), "tampered");
    expect(await store.verify(hash)).toEqual({ status: "mismatch", actualSha256: sha256("tampered") });
    fs.rmSync(path.join(dir, "blobs", hash.slice(0, 2), hash));
    expect(await store.verify(hash)).toEqual({ status: "missing" });
    expect(store.has(hash)).toBe(false);
  });

  it("reports a missing blob as not_found when opened, and never reads outside the store", () => {
    expect(() => store.openRead(sha256("never stored"))).toThrow(DomainError);
    expect(() => store.openRead("../../etc/passwd")).toThrow(DomainError);
    expect(store.has("../../etc/passwd")).toBe(false);
  });

  it("throws when the source is missing, leaving no temp file", async () => {
    await expect(store.putFile(path.join(dir, "nope"))).rejects.toThrow();
    expect(fs.readdirSync(path.join(dir, "blobs"))).toEqual([]);
  });
});

describe("LocalBlobStore on a full disk (injected faults)", () => {
  it("fails a copy with ENOSPC leaving no partial blob or temp file, and keeps the source for a retry", async () => {
    const faults: BlobStoreFaults = { crossFilesystem: true, noSpaceAfterBytes: 1024 * 1024 + 5 };
    const full = new LocalBlobStore(path.join(dir, "blobs"), faults);
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    const file = source("upload-on-full-disk", bytes);

    await expect(full.putFile(file)).rejects.toMatchObject({ code: "ENOSPC" });
    expect(full.has(sha256(bytes))).toBe(false);
    expect(fs.readdirSync(path.join(dir, "blobs"))).toEqual([]);
    expect(sha256(fs.readFileSync(file))).toBe(sha256(bytes));

    // Space freed: the same file now goes in whole.
    delete faults.noSpaceAfterBytes;
    expect(await full.putFile(file)).toEqual({ sha256: sha256(bytes), sizeBytes: bytes.length });
    expect(await full.verify(sha256(bytes))).toEqual({ status: "ok" });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.join(dir, "blobs")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  it("fails even a file smaller than one chunk, and one that exactly fills the space left is stored", async () => {
    const faults: BlobStoreFaults = { crossFilesystem: true, noSpaceAfterBytes: 10 };
    const full = new LocalBlobStore(path.join(dir, "blobs"), faults);
    await expect(full.putFile(source("eleven", "eleven byte"))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(fs.readdirSync(path.join(dir, "blobs"))).toEqual([]);
    expect(await full.putFile(source("ten", "ten bytes!"))).toEqual({ sha256: sha256("ten bytes!"), sizeBytes: 10 });
  });
});

describe("sweepBlobTempFiles", () => {
  it("removes only temp files older than the threshold", async () => {
    const root = path.join(dir, "blobs");
    fs.mkdirSync(root, { recursive: true });
    const old = path.join(root, ".tmp-old");
    const fresh = path.join(root, ".tmp-fresh");
    fs.writeFileSync(old, "partial");
    fs.writeFileSync(fresh, "partial");
    const { sha256: kept } = await store.putFile(source("k", "kept"));
    const now = new Date();
    fs.utimesSync(old, new Date(now.getTime() - 2 * 3600_000), new Date(now.getTime() - 2 * 3600_000));
    expect(await sweepBlobTempFiles(root, now)).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(store.has(kept)).toBe(true);
  });

  it("does nothing when the folder does not exist yet", async () => {
    expect(await sweepBlobTempFiles(path.join(dir, "absent"), new Date())).toBe(0);
  });
});
