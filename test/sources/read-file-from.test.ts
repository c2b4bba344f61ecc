import { readdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRecords } from "../../src/records/read-records.js";
import { fileSource, READ_CHUNK_BYTES } from "../../src/sources/file-source.js";
import { readFileFrom } from "../../src/sources/read-file-from.js";
import type { RecordItem } from "../../src/types.js";
import { prng } from "../helpers/prng.js";

const openDescriptors = () => readdirSync("/proc/self/fd").length;
const onLinux = process.platform === "linux";

describe("readFileFrom", () => {
  it("gives the file's bytes from an offset, in chunks read into two buffers in turn", async () => {
    const dir = await mkdtemp(join(tmpdir(), "selfid-read-from-"));
    const path = join(dir, "bytes.bin");
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    writeFileSync(path, bytes);
    for (const start of [0, 1, 63, 999, 1000, 1500]) {
      const copies: Buffer[] = [];
      const chunks: Buffer[] = [];
      for await (const chunk of readFileFrom(path, start, 64)) {
        copies.push(Buffer.from(chunk));
        chunks.push(chunk);
      }
      expect(Buffer.concat(copies), `from ${start}`).toEqual(bytes.subarray(Math.min(start, bytes.length)));
      // Chunk k + 2 is read into chunk k's buffer: they are only valid one after the other.
      if (chunks.length >= 3) {
        expect((chunks[2] as Buffer).buffer).toBe((chunks[0] as Buffer).buffer);
        expect((chunks[1] as Buffer).buffer).not.toBe((chunks[0] as Buffer).buffer);
      }
    }
  });

  it.runIf(onLinux)("closes the file when the loop over it ends early or fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), "selfid-read-from-"));
    const path = join(dir, "bytes.bin");
    writeFileSync(path, Buffer.alloc(10_000, 1));
    const before = openDescriptors();
    for (let n = 0; n < 20; n++) {
      for await (const _ of readFileFrom(path, 0, 100)) break;
      await expect(
        (async () => {
          for await (const _ of readFileFrom(path, 0, 100)) throw new Error("consumer failed");
        })(),
      ).rejects.toThrow("consumer failed");
    }
    expect(openDescriptors()).toBe(before);
  });
});

describe("byte ranges of a big file, read into reused buffers", () => {
  it("give exactly the records of the whole file, lines across chunk edges included", async () => {
    // A few MiB of JSONL: lines up to ~200 kB of multi-byte text, CRLF and blank lines, so that
    // lines, characters and CRLF pairs straddle the 1 MiB chunks of every range.
    const random = prng(9);
    const words = ["hello", "我是通义千问", "Привет", "😀", "I am ChatGPT", "x".repeat(997), "é"];
    const lines: string[] = [];
    let written = 0;
    while (written < 3.5 * READ_CHUNK_BYTES) {
      const length = random() < 0.05 ? 2_000 : 20;
      const text = Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(" ");
      const line = random() < 0.03 ? "" : JSON.stringify({ id: lines.length, text });
      lines.push(line);
      written += Buffer.byteLength(line) + 2;
    }
    const dir = await mkdtemp(join(tmpdir(), "selfid-ranges-"));
    const path = join(dir, "big.jsonl");
    writeFileSync(path, lines.map((line, i) => `${line}${i % 3 === 0 ? "\r\n" : "\n"}`).join(""));
    const size = statSync(path).size;
    const source = fileSource("big.jsonl", path, size);
    const records = async (range?: { start: number; end: number }) => {
      const out: unknown[] = [];
      for await (const item of readRecords(source, range ? { range } : {})) out.push(itemValue(item));
      return out;
    };
    const whole = await records();
    expect(whole.length).toBeGreaterThan(100);
    for (const step of [READ_CHUNK_BYTES * 3, 1_000_003, 333_333]) {
      const joined: unknown[] = [];
      for (let start = 0; start < size; start += step) {
        joined.push(...(await records({ start, end: Math.min(size, start + step) })));
      }
      expect(joined, `ranges of ${step} bytes`).toEqual(whole);
    }
  });
});

function itemValue(item: RecordItem): unknown {
  return item.type === "error" ? { error: item.message } : item.value;
}
