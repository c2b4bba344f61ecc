import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../src/sources/file-source.js";
import { makeTempDir } from "../records/stream-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
const BYTES = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await writeFile(join(dir, "f.bin"), BYTES);
});
afterAll(() => cleanup());

/** Descriptors this process holds on `path` (Linux); null where /proc is not there to ask. */
function openDescriptors(path: string): number | null {
  if (!existsSync("/proc/self/fd")) return null;
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++;
    } catch {
      // closed between the listing and the look
    }
  }
  return count;
}

describe("fileSource slice", () => {
  it("reads byte ranges, like Blob.slice past the end", async () => {
    const path = join(dir, "f.bin");
    const source = fileSource("f.bin", path, BYTES.length);
    const slice = source.slice as NonNullable<typeof source.slice>;
    expect(Buffer.from(await slice(10, 20))).toEqual(BYTES.subarray(10, 20));
    expect(Buffer.from(await slice(0, BYTES.length))).toEqual(BYTES);
    expect((await slice(2990, 4000)).byteLength).toBe(10);
    expect((await slice(5, 5)).byteLength).toBe(0);
  });

  it("shares one descriptor among concurrent reads and closes it when they are done", async () => {
    const path = join(dir, "f.bin");
    const slice = fileSource("f.bin", path, BYTES.length).slice as (
      s: number,
      e: number,
    ) => Promise<ArrayBuffer>;
    const reads = Array.from({ length: 8 }, (_, i) => slice(i * 100, i * 100 + 50));
    const parts = await Promise.all(reads);
    expect(parts.map((p) => Buffer.from(p))).toEqual(
      Array.from({ length: 8 }, (_, i) => BYTES.subarray(i * 100, i * 100 + 50)),
    );
    expect(openDescriptors(path) ?? 0).toBe(0);
  });

  it("gives no random access without a size (a pipe), and fails a read of a missing file cleanly", async () => {
    expect(fileSource("p", "/dev/stdin").slice).toBeUndefined();
    const gone = fileSource("gone", join(dir, "gone.bin"), 10).slice as (
      s: number,
      e: number,
    ) => Promise<ArrayBuffer>;
    await expect(gone(0, 5)).rejects.toMatchObject({ code: "ENOENT" });
    // The failed open left nothing behind: the next read tries again.
    await writeFile(join(dir, "gone.bin"), BYTES.subarray(0, 10));
    expect(Buffer.from(await gone(0, 5))).toEqual(BYTES.subarray(0, 5));
  });
});
