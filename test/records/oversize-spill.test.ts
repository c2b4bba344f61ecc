import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJsonl } from "../../src/records/jsonl-reader.js";
import { LineSplitter } from "../../src/records/line-splitter.js";
import { readRecords } from "../../src/records/read-records.js";
import { readText } from "../../src/records/text-reader.js";
import type { RecordItem } from "../../src/types.js";
import { prng } from "../helpers/prng.js";
import { chunked, collect, makeTempDir, memorySource, splitMeasured } from "./stream-helpers.js";

const CAP = 1 << 20;

/** 3 MB of arbitrary bytes with no `\n`, lone `\r`s included, not ending in `\r`. */
function bigLine(seed: number): Buffer {
  const next = prng(seed);
  const bytes = Buffer.allocUnsafe(3_000_000);
  for (let i = 0; i < bytes.length; i++) {
    const b = Math.floor(next() * 256);
    bytes[i] = b === 0x0a ? 0x0d : b;
  }
  bytes[bytes.length - 1] = 0x41;
  return bytes;
}

interface Fixture {
  bytes: Buffer;
  /** Each line's raw bytes (no `\n`, with the `\r` of a `\r\n`), and whether it is the big one. */
  lines: { raw: Buffer; big: boolean }[];
  /** Where the big line starts, and where its `\r` (if any) is. */
  bigStart: number;
  crAt: number;
}

/**
 * Normal lines around a 3 MB one, with `\n` or `\r\n` endings; `last` puts the big line last,
 * without a newline (but with the `\r`, which its raw bytes keep, as for any last line).
 */
function fixture(kind: "jsonl" | "txt", eol: "\n" | "\r\n", last: boolean, big: Buffer): Fixture {
  const count = last ? 3 : 5;
  const bigIndex = last ? count - 1 : 2;
  const cr = Buffer.from(eol === "\r\n" ? "\r" : "");
  const lines: Fixture["lines"] = [];
  const parts: Buffer[] = [];
  let bigStart = 0;
  for (let i = 0; i < count; i++) {
    const isBig = i === bigIndex;
    if (isBig) bigStart = Buffer.concat(parts).length;
    const text = kind === "jsonl" ? `{"text":"line ${i} 我是"}` : `line ${i} 我是`;
    const raw = Buffer.concat([isBig ? big : Buffer.from(text), cr]);
    lines.push({ raw, big: isBig });
    parts.push(raw);
    if (!(last && i === count - 1)) parts.push(Buffer.from("\n"));
  }
  return { bytes: Buffer.concat(parts), lines, bigStart, crAt: cr.length > 0 ? bigStart + big.length : -1 };
}

/** `bytes` cut at `cuts` (positions in the stream), each piece a fresh copy. */
async function* cutAt(bytes: Buffer, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    yield Buffer.from(bytes.subarray(at, cut));
    at = cut;
  }
  yield Buffer.from(bytes.subarray(at));
}

/** Random cuts (seeded), steps up to `maxStep`, plus the cuts that matter around the big line. */
function chunkings(f: Fixture, seed: number): { name: string; cuts: number[] }[] {
  const next = prng(seed);
  const randomCuts = (maxStep: number) => {
    const cuts: number[] = [];
    for (let at = 0; at < f.bytes.length; at += 1 + Math.floor(next() * maxStep)) cuts.push(at);
    return cuts;
  };
  const s = f.bigStart;
  const special = [s + 10, s + CAP - 1, s + CAP, s + CAP + 1, s + CAP + 2, s + 1_234_567];
  if (f.crAt >= 0) special.push(f.crAt, f.crAt + 1);
  return [
    { name: "one chunk", cuts: [] },
    { name: "random, small", cuts: randomCuts(4096) },
    { name: "random, large, with the special cuts", cuts: [...randomCuts(300_000), ...special] },
    { name: "starts in a chunk, ends in the next", cuts: [s + 10] },
    { name: "held start of exactly the cap + 1", cuts: [s + CAP + 1] },
    { name: "held start just over the cap", cuts: [s + CAP + 2] },
    ...(f.crAt >= 0
      ? [
          { name: "cut before the \\r", cuts: [s + 5, f.crAt] },
          { name: "cut after the \\r", cuts: [s + 5, f.crAt + 1] },
        ]
      : []),
  ];
}

type Reader = (
  bytes: AsyncIterable<Uint8Array>,
  spillDir: string,
  keepRaw?: boolean,
) => AsyncGenerator<RecordItem>;
const READERS: { kind: "jsonl" | "txt"; read: Reader }[] = [
  {
    kind: "jsonl",
    read: (b, spillDir, keepRaw = true) => readJsonl(b, { maxRecordBytes: CAP, keepRaw, spillDir }),
  },
  {
    kind: "txt",
    read: (b, spillDir, keepRaw = true) => readText(b, { maxRecordBytes: CAP, keepRaw, spillDir }),
  },
];

let dir = "";
let cleanup: () => Promise<void> = async () => {};
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(() => cleanup());

/** The files in the spill folder, as full paths. */
const paths = () => readdirSync(dir).map((name) => join(dir, name));

describe("over-size lines with keepRaw", () => {
  const big = bigLine(7);

  for (const { kind, read } of READERS) {
    for (const eol of ["\n", "\r\n"] as const) {
      for (const last of [false, true]) {
        const label = `${kind}, ${JSON.stringify(eol)} endings, big line ${last ? "last, no newline" : "amid others"}`;
        it(`spills the line byte for byte, at any chunking: ${label}`, async () => {
          const f = fixture(kind, eol, last, big);
          for (const { name, cuts } of chunkings(f, eol.length * 10 + (last ? 1 : 0))) {
            const items = await collect(read(cutAt(f.bytes, cuts), dir));
            expect(
              items.map((i) => i.line),
              name,
            ).toEqual(f.lines.map((_, i) => i + 1));
            for (const [i, item] of items.entries()) {
              const expected = f.lines[i] as { raw: Buffer; big: boolean };
              if (expected.big) {
                expect(item, name).toMatchObject({
                  type: "error",
                  message: `line is ${big.length} bytes, over the ${CAP}-byte record cap`,
                });
                expect(item.raw, name).toBeUndefined();
                expect(item.rawFile && join(item.rawFile, ".."), name).toBe(dir);
                expect(readFileSync(item.rawFile as string).equals(expected.raw), name).toBe(true);
              } else {
                expect(item.type, name).toBe("record");
                expect(item.rawFile, name).toBeUndefined();
                expect(Buffer.from(item.raw as Uint8Array).toString("hex"), name).toBe(
                  expected.raw.toString("hex"),
                );
              }
            }
            // The one file handed out, and nothing else.
            const handed = items.flatMap((i) => (i.rawFile ? [i.rawFile] : []));
            expect(handed, name).toHaveLength(1);
            expect(paths(), name).toEqual(handed);
            for (const path of handed) rmSync(path);
          }
        });
      }
    }

    it(`${kind}: writes no spill file without keepRaw, and items carry no raw bytes`, async () => {
      const f = fixture(kind, "\r\n", false, big);
      const items = await collect(read(chunked(f.bytes, 65536), dir, false));
      expect(items.map((i) => i.type)).toEqual(["record", "record", "error", "record", "record"]);
      expect(items.some((i) => i.raw !== undefined || i.rawFile !== undefined)).toBe(false);
      expect(paths()).toEqual([]);
    });

    it(`${kind}: stopping early leaves only the files handed out`, async () => {
      const f = fixture(kind, "\n", false, big);
      // Inside: the record before the big line comes from the chunk that starts spilling it.
      for await (const item of read(cutAt(f.bytes, [f.bigStart + CAP + 100]), dir)) {
        if (item.line === 2) {
          expect(paths()).toHaveLength(1);
          break;
        }
      }
      expect(paths()).toEqual([]);
      // Right after: the big line's item is handed out, so its file stays, the caller's to delete.
      let handed = "";
      for await (const item of read(chunked(f.bytes, 65536), dir)) {
        if (item.rawFile) {
          handed = item.rawFile;
          break;
        }
      }
      expect(paths()).toEqual([handed]);
    });
  }

  it("deletes the complete spill files of lines in the same chunk that were never handed out", async () => {
    const line = Buffer.alloc(CAP + 5, 0x61);
    const bytes = Buffer.concat([line, Buffer.from("\n"), line, Buffer.from("\n"), line]);
    const handed: string[] = [];
    for await (const item of readJsonl(chunked(bytes, Number.POSITIVE_INFINITY), {
      maxRecordBytes: CAP,
      keepRaw: true,
      spillDir: dir,
    })) {
      handed.push(item.rawFile as string);
      break;
    }
    expect(paths()).toEqual(handed);
  });

  it("deletes the half-written spill file when the input fails mid-line", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"a":1}\n');
      yield Buffer.alloc(CAP + 10, 0x61);
      throw new Error("zstd: truncated frame");
    }
    const reading = collect(readText(failing(), { maxRecordBytes: CAP, keepRaw: true, spillDir: dir }));
    await expect(reading).rejects.toThrow("zstd: truncated frame");
    expect(paths()).toEqual([]);
  });

  it("throws a clear error when the spill folder cannot be written, and leaves nothing behind", async () => {
    const missing = join(dir, "missing");
    const bytes = Buffer.from(`{"a":1}\n${"x".repeat(CAP + 1)}\n`);
    const reading = collect(
      readJsonl(chunked(bytes, 4096), { maxRecordBytes: CAP, keepRaw: true, spillDir: missing }),
    );
    await expect(reading).rejects.toThrow(
      `records: cannot write over-size line 2 to a temporary file in ${missing} (no such file or directory)`,
    );
    expect(paths()).toEqual([]);
  });

  it("keeps memory bounded by the cap: 48 MiB spilled through a 1 KiB cap", async () => {
    const chunk = Buffer.alloc(1 << 20, 0x62);
    async function* huge(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 48; i++) yield chunk;
      yield Buffer.from("\r\nok\n");
    }
    const { pieces, peak } = await splitMeasured(
      new LineSplitter({ maxLineBytes: 1024, keepRaw: true, spillDir: dir }),
      huge(),
    );
    const [over] = pieces;
    expect(over).toMatchObject({ type: "oversize", line: 1, size: 48 << 20 });
    const spilled = readFileSync((over as { spill: string }).spill);
    expect(spilled.length).toBe((48 << 20) + 1);
    expect(spilled[spilled.length - 1]).toBe(0x0d);
    expect(peak).toBeLessThan(16 << 20);
  });

  it("readRecords passes spillDir through for JSONL and text inputs", async () => {
    const bytes = Buffer.from(`{"a":1}\n${"y".repeat(200)}\r\n`);
    for (const uri of ["data.jsonl", "data.txt"]) {
      const items = await collect(
        readRecords(memorySource(uri, bytes, 16), { maxRecordBytes: 100, keepRaw: true, spillDir: dir }),
      );
      const rawFile = items[1]?.rawFile as string;
      expect(join(rawFile, "..")).toBe(dir);
      expect(readFileSync(rawFile, "latin1")).toBe(`${"y".repeat(200)}\r`);
    }
  });
});
