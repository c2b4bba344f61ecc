import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { LineBatchPacker, piecesOf } from "../../src/parallel/line-batch.js";
import { streamedShares } from "../../src/parallel/stream-plan.js";
import type { SourceShare } from "../../src/plan/shard-plan.js";
import { type LinePiece, LineSplitter } from "../../src/records/line-splitter.js";
import { type ScanOptions, scan } from "../../src/scan.js";
import type { Source } from "../../src/sources/source.js";
import type { Hit } from "../../src/types.js";
import { mixedJsonl, TEXTS } from "../helpers/mixed-corpus.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };
const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-streamed-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scan's report, hits and failed inputs, or the error it threw. */
async function outcome(options: ScanOptions) {
  const hits: Hit[] = [];
  try {
    const result = await scan({
      patternSet,
      maxRecordBytes: 2048,
      ...options,
      onHit: (hit) => hits.push(hit),
    });
    return { report: result.report, failedInputs: result.failedInputs, hits };
  } catch (error) {
    return { error: error instanceof InputError ? `InputError: ${error.message}` : String(error) };
  }
}

/** Splits `bytes` as a reader would, in chunks of `chunk` bytes. */
function split(bytes: Buffer, chunk: number, maxLineBytes: number): LinePiece[] {
  const splitter = new LineSplitter({ maxLineBytes });
  const pieces: LinePiece[] = [];
  for (let at = 0; at < bytes.length; at += chunk)
    pieces.push(...splitter.push(bytes.subarray(at, at + chunk)));
  pieces.push(...splitter.end());
  return pieces;
}

/** A piece as plain data, its bytes as text. */
function plain(piece: LinePiece) {
  return piece.type === "line" ? { ...piece, bytes: piece.bytes.toString("latin1") } : piece;
}

describe("batches of lines", () => {
  it("hand every line over as the splitter gave it: bytes, numbers, offsets, over-size lines", () => {
    const bytes = Buffer.from(mixedJsonl(11, 400));
    const pieces = split(bytes, 777, 2048);
    expect(pieces.some((piece) => piece.type === "oversize")).toBe(true);
    // A small capacity: most batches hold a few lines, and a long line makes the buffer grow.
    const packer = new LineBatchPacker(1500);
    const unpacked: LinePiece[] = [];
    for (const piece of pieces) {
      packer.add(piece);
      if (packer.byteLength >= 1000) unpacked.push(...piecesOf(packer.take()));
    }
    unpacked.push(...piecesOf(packer.take()));
    expect(unpacked.map(plain)).toEqual(pieces.map(plain));
  });

  it("reuse the memory of a batch that is done, and only that", () => {
    const packer = new LineBatchPacker(64);
    const line = (n: number): LinePiece => ({
      type: "line",
      bytes: Buffer.from(`line ${n}`),
      line: n,
      byteOffset: n * 7,
    });
    packer.add(line(1));
    const first = packer.take();
    packer.add(line(2));
    const second = packer.take();
    expect(second.bytes.buffer).not.toBe(first.bytes.buffer);
    packer.recycle(first);
    // The packer already fills the buffer after `second`'s; the one after that is `first`'s.
    packer.add(line(3));
    const third = packer.take();
    packer.add(line(4));
    const fourth = packer.take();
    expect(third.bytes.buffer).not.toBe(first.bytes.buffer);
    expect(fourth.bytes.buffer).toBe(first.bytes.buffer);
    expect([second, third, fourth].map((batch) => Buffer.from(batch.bytes).toString())).toEqual([
      "line 2",
      "line 3",
      "line 4",
    ]);
  });
});

describe("which inputs are streamed to the workers", () => {
  const share = (uri: string, path: string | undefined, ranges = 0): SourceShare => ({
    source: { uri, ...(path === undefined ? {} : { path }), open: () => Readable.from([]) } as Source,
    ranges: ranges > 0 ? Array.from({ length: ranges }, (_, i) => ({ start: i, end: i + 1 })) : undefined,
    span: undefined,
    bytes: undefined,
  });
  const settings = { format: undefined, textUnit: "line" as const };

  it("Hub files and stdin always; compressed files and JSON arrays while the workers lack tasks", () => {
    const hub = share("hf://datasets/a/b@main/x.jsonl.gz", undefined);
    const hubParquet = share("hf://datasets/a/b@main/x.parquet", undefined);
    const zst = share("data/a.jsonl.zst", "/d/a.jsonl.zst");
    const text = share("data/b.txt.gz", "/d/b.txt.gz");
    const plainFile = share("data/c.jsonl", "/d/c.jsonl");
    const array = share("data/d.json.gz", "/d/d.json.gz");
    const plainArray = share("data/e.json", "/d/e.json");
    const few = streamedShares([hub, hubParquet, zst, text, array, plainArray], settings, 8);
    expect([hub, hubParquet, zst, text, array, plainArray].map(few)).toEqual([
      "jsonl",
      undefined,
      "jsonl",
      "txt",
      "json",
      "json",
    ]);
    // A plain JSONL file is read in byte ranges by the workers themselves.
    expect(few(plainFile)).toBeUndefined();
    // Four local tasks keep four workers busy: each compressed file is one worker's task.
    const many = streamedShares([zst, text, share("data/c.jsonl", "/d/c.jsonl", 2)], settings, 4);
    expect([hub, zst, text, plainArray].map(many)).toEqual(["jsonl", undefined, undefined, undefined]);
    // Whole-file text is one record: nothing to cut.
    expect(streamedShares([text], { format: undefined, textUnit: "file" }, 4)(text)).toBeUndefined();
  });
});

describe("a stream read here and scanned by the workers", () => {
  const jsonl = Buffer.from(mixedJsonl(5, 900));
  const text = Buffer.from(
    TEXTS.map((t, i) => (i % 5 === 4 ? `\r\n${"y".repeat(3000)}` : `${t} ${i}`))
      .join("\n")
      .repeat(40),
  );

  it("gives the same report and hits as one thread: stdin, in batches of a few lines", async () => {
    const stdin = () => ({ inputs: ["-"], format: "jsonl" as const, stdin: Readable.from([jsonl]) });
    const one = await outcome({ ...stdin(), workers: 1 });
    const many = await outcome({ ...stdin(), workers: 2, taskBytes: 3001 });
    expect(many).toEqual(one);
    expect(one.report?.totals.errors).toBeGreaterThan(20);
    expect(one.report?.totals.flagged).toBeGreaterThan(100);
  }, 60_000);

  it("gives the same report and hits as one thread: a lone gzip or zstd file, JSONL and text", async () => {
    const root = join(tmp, "compressed");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "a.jsonl.gz"), gzipSync(jsonl));
    writeFileSync(join(root, "b.jsonl.zst"), zstd.compress(jsonl));
    writeFileSync(join(root, "c.txt.gz"), gzipSync(text));
    for (const name of ["a.jsonl.gz", "b.jsonl.zst", "c.txt.gz"]) {
      const one = await outcome({ inputs: [name], cwd: root, workers: 1 });
      const many = await outcome({ inputs: [name], cwd: root, workers: 2, taskBytes: 5000 });
      expect(many, name).toEqual(one);
      expect(one.report?.totals.records, name).toBeGreaterThan(200);
    }
  }, 60_000);

  it("gives the same report and hits as one thread: JSON arrays, plain and not, whole and cut", async () => {
    const root = join(tmp, "arrays");
    mkdirSync(root, { recursive: true });
    const elements = jsonl
      .toString()
      .split("\n")
      .filter((line) => line.startsWith("{") && line.endsWith("}") && line.length < 1500);
    const array = (items: string[]) => `[\n${items.join(",\n")}\n]\n`;
    const files: Record<string, Buffer> = {
      "plain.json": Buffer.from(`\uFEFF${array(elements)}`),
      // Not plain from element 300 on: a scalar, then an element over the record cap.
      "scalar.json": Buffer.from(array([...elements.slice(0, 300), "42", ...elements.slice(300)])),
      "oversize.json": Buffer.from(
        array([
          ...elements.slice(0, 200),
          JSON.stringify({ text: "z".repeat(3000) }),
          ...elements.slice(200),
        ]),
      ),
      "truncated.json": Buffer.from(array(elements).slice(0, 50_000)),
      "object.json": Buffer.from(JSON.stringify({ text: TEXTS[0], n: 1 })),
      "empty.json": Buffer.from("[]"),
      "packed.json.gz": gzipSync(array(elements)),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, name), bytes);
    for (const name of Object.keys(files)) {
      const one = await outcome({ inputs: [name], cwd: root, workers: 1 });
      const many = await outcome({ inputs: [name], cwd: root, workers: 2, taskBytes: 4000 });
      expect(many, name).toEqual(one);
    }
    const plain = await outcome({ inputs: ["plain.json"], cwd: root, workers: 1 });
    expect(plain.report?.totals.scanned).toBe(elements.length);
    const scalar = await outcome({ inputs: ["scalar.json"], cwd: root, workers: 1 });
    expect(scalar.report?.totals.errors).toBe(1);
    expect(scalar.report?.totals.scanned).toBe(elements.length);
  }, 60_000);

  it("counts the lines before a stream fails, fails the input, and with --strict throws as one thread", async () => {
    const root = join(tmp, "truncated");
    mkdirSync(root, { recursive: true });
    const gz = gzipSync(jsonl);
    writeFileSync(join(root, "t.jsonl.gz"), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const one = await outcome({ inputs: ["t.jsonl.gz"], cwd: root, workers: 1 });
    const many = await outcome({ inputs: ["t.jsonl.gz"], cwd: root, workers: 2, taskBytes: 4000 });
    expect(many).toEqual(one);
    expect(one.failedInputs).toBe(1);
    expect(one.report?.inputs[0]?.failed).toBe(true);
    expect(one.report?.totals.scanned).toBeGreaterThan(100);
    for (const input of ["t.jsonl.gz", "-"]) {
      const options = { inputs: [input], cwd: root, strict: true, format: "jsonl" as const };
      const stdin = () => (input === "-" ? { stdin: Readable.from([jsonl]) } : {});
      const strictOne = await outcome({ ...options, ...stdin(), workers: 1 });
      const strictMany = await outcome({ ...options, ...stdin(), workers: 2, taskBytes: 4000 });
      expect(strictOne.error, input).toMatch(/^InputError: /);
      expect(strictMany, input).toEqual(strictOne);
    }
  }, 60_000);
});
