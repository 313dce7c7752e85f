import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Upload } from "@tus/utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FlushingFileStore } from "./flushing-file-store";

let folder: string;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-flush-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function newUpload(store: FlushingFileStore, id: string, size: number) {
  await store.create(new Upload({ id, size, offset: 0 }));
}

/** The paths opened for a flush (read-only), in order. */
function watchFlushes() {
  const opened: string[] = [];
  const open = fs.promises.open;
  vi.spyOn(fs.promises, "open").mockImplementation(async (file, flags, mode) => {
    if (flags === "r") opened.push(String(file));
    return open(file, flags, mode);
  });
  return opened;
}

describe("FlushingFileStore", () => {
  it("stores each chunk where tus expects it and starts flushing the file after each", async () => {
    const store = new FlushingFileStore(folder);
    await newUpload(store, "upload-a", 6);
    const opened = watchFlushes();
    expect(await store.write(Readable.from([Buffer.from("abc")]), "upload-a", 0)).toBe(3);
    await store.idle("upload-a");
    expect(await store.write(Readable.from([Buffer.from("def")]), "upload-a", 3)).toBe(6);
    await store.idle("upload-a");
    expect(fs.readFileSync(path.join(folder, "upload-a"), "utf8")).toBe("abcdef");
    expect(opened).toEqual([path.join(folder, "upload-a"), path.join(folder, "upload-a")]);
  });

  it("runs one flush at a time per upload, and one more for chunks that arrived during it", async () => {
    const store = new FlushingFileStore(folder);
    await newUpload(store, "upload-b", 9);
    // The first flush is held until two more chunks have arrived.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const opened: string[] = [];
    const open = fs.promises.open;
    vi.spyOn(fs.promises, "open").mockImplementation(async (file, flags, mode) => {
      if (flags === "r") {
        opened.push(String(file));
        if (opened.length === 1) await held;
      }
      return open(file, flags, mode);
    });
    await store.write(Readable.from([Buffer.from("abc")]), "upload-b", 0);
    await store.write(Readable.from([Buffer.from("def")]), "upload-b", 3);
    await store.write(Readable.from([Buffer.from("ghi")]), "upload-b", 6);
    expect(opened).toHaveLength(1);
    release();
    await store.idle("upload-b");
    expect(opened).toHaveLength(2);
    expect(fs.readFileSync(path.join(folder, "upload-b"), "utf8")).toBe("abcdefghi");
  });

  it("leaves a file that has gone (finished or cancelled) alone, without an error", async () => {
    const store = new FlushingFileStore(folder);
    await newUpload(store, "upload-c", 3);
    await store.write(Readable.from([Buffer.from("abc")]), "upload-c", 0);
    fs.rmSync(path.join(folder, "upload-c"));
    await expect(store.idle("upload-c")).resolves.toBeUndefined();
  });
});

describe("FlushingFileStore across uploads", () => {
  it("flushes one file at a time, whichever uploads are writing", async () => {
    const store = new FlushingFileStore(folder);
    await newUpload(store, "upload-d", 3);
    await newUpload(store, "upload-e", 3);
    let inFlight = 0;
    let most = 0;
    const open = fs.promises.open;
    vi.spyOn(fs.promises, "open").mockImplementation(async (file, flags, mode) => {
      const handle = await open(file, flags, mode);
      if (flags !== "r") return handle;
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const close = handle.close.bind(handle);
      handle.close = async () => {
        inFlight--;
        return close();
      };
      return handle;
    });
    await Promise.all([store.write(Readable.from([Buffer.from("abc")]), "upload-d", 0), store.write(Readable.from([Buffer.from("xyz")]), "upload-e", 0)]);
    await store.idle("upload-d");
    await store.idle("upload-e");
    expect(most).toBe(1);
  });
});
