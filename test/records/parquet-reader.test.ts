import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parquetMetadata } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNativeZstd } from "../../src/decode/zstd-decoder.js";
import { InputError } from "../../src/errors.js";
import { extractSegments } from "../../src/fields/extract-segments.js";
import { parseFieldPath } from "../../src/fields/field-path.js";
import { MAX_BATCH_ROWS, planBatches, SMALL_CHUNK_BYTES } from "../../src/records/parquet-plan.js";
import { readParquet } from "../../src/records/parquet-reader.js";
import { readRecords } from "../../src/records/read-records.js";
import { fileSource, stdinSource } from "../../src/sources/file-source.js";
import type { Source } from "../../src/sources/source.js";
import type { RecordItem } from "../../src/types.js";
import { type ColumnKind, toParquet, WRITE_CODECS } from "./parquet-helpers.js";
import { collect, makeTempDir } from "./stream-helpers.js";

const RECORDS: Record<string, unknown>[] = [
  {
    id: 1,
    messages: [
      { role: "system", content: "You are ChatGPT, a large language model trained by OpenAI." },
      { role: "user", content: "你是谁？" },
      { role: "assistant", content: "我是通义千问，由阿里云开发的AI助手。" },
    ],
    meta: "m".repeat(5000),
  },
  {
    id: 2,
    conversations: [
      { from: "human", value: "Who are you?" },
      { from: "gpt", value: "Soy Claude 😀" },
    ],
  },
  { id: 3, text: '저는 Gemini입니다. Brackets ] } and quotes " in text.' },
  { id: 4, instruction: "Who made you?", input: "", output: "I was trained by Google." },
  { id: 5, messages: [] },
  { id: 6, meta: "no text at all" },
];

const COLUMNS: Record<string, ColumnKind> = {
  id: "int64",
  messages: { listOf: ["role", "content"] },
  conversations: { listOf: ["from", "value"] },
  text: "string",
  instruction: "string",
  input: "string",
  output: "string",
  meta: "string",
};

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

/** A file source over `bytes`, written under `name`, that records every range read. */
async function parquetFile(
  name: string,
  bytes: Uint8Array,
): Promise<Source & { ranges: [number, number][] }> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const inner = fileSource(`data/${name}`, path, bytes.length);
  const ranges: [number, number][] = [];
  return {
    ...inner,
    ranges,
    slice: (start, end) => {
      ranges.push([start, end]);
      return (inner.slice as NonNullable<Source["slice"]>)(start, end);
    },
  };
}

const records = (items: RecordItem[]) =>
  items.map((item) =>
    item.type === "record" ? [item.index, withoutNulls(item.value)] : ["error", item.message],
  );

/** What the record would give shape detection as a JSONL line: the same segments. */
const segmentsOf = (value: unknown) => extractSegments(value);

/** The columns of a record that shape detection reads, without the others. */
function textColumns(record: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, meta: _meta, ...rest } = record;
  return rest;
}

/**
 * A row without its null cells: hyparquet gives a null string cell as `null` and a null list as an
 * absent key, and a JSONL line would simply lack both. Shape detection treats all three alike.
 */
function withoutNulls(value: unknown): unknown {
  return Object.fromEntries(Object.entries(value as object).filter(([, v]) => v !== null && v !== undefined));
}

describe("readParquet", () => {
  it("gives rows as records numbered by row, with nested list<struct> columns as arrays of objects", async () => {
    const source = await parquetFile("shapes.parquet", toParquet(RECORDS, COLUMNS, { rowGroupSize: 4 }));
    const items = await collect(readParquet(source));
    expect(records(items)).toEqual(RECORDS.map((record, i) => [i, textColumns(record)]));
    for (const [i, item] of items.entries()) {
      expect(item).not.toHaveProperty("line");
      if (item.type !== "record") throw new Error("expected a record");
      // The same shape and segments as the JSON record: detection sees no difference.
      expect(segmentsOf(item.value)).toEqual(segmentsOf(RECORDS[i]));
    }
    expect(segmentsOf((items[0] as { value: unknown }).value).shape).toBe("messages");
    expect(segmentsOf((items[1] as { value: unknown }).value).shape).toBe("sharegpt");
  });

  it("decodes every codec the same way, with native and JS zstd", async () => {
    const expected = RECORDS.map((record, i) => [i, textColumns(record)]);
    const zstdKinds = loadNativeZstd() ? (["native", "js"] as const) : (["js"] as const);
    for (const codec of WRITE_CODECS) {
      const source = await parquetFile(`codec-${codec}.parquet`, toParquet(RECORDS, COLUMNS, { codec }));
      for (const zstd of zstdKinds) {
        expect(records(await collect(readParquet(source, { zstd }))), `${codec} ${zstd}`).toEqual(expected);
      }
    }
  });

  it("keeps row numbers across many row groups", async () => {
    const many = Array.from({ length: 103 }, (_, i) => ({ id: i, text: `row ${i}` }));
    const source = await parquetFile(
      "groups.parquet",
      toParquet(many, { id: "int64", text: "string" }, { rowGroupSize: 10 }),
    );
    const items = await collect(readParquet(source));
    expect(records(items)).toEqual(many.map((r, i) => [i, { text: r.text }]));
  });

  it("shares the row groups out among byte ranges: each row once, file row numbers, bytes adding up", async () => {
    const many = Array.from({ length: 257 }, (_, i) => ({ id: i, text: `row ${i} ${"x".repeat(i % 50)}` }));
    const source = await parquetFile(
      "ranges.parquet",
      toParquet(many, { id: "int64", text: "string" }, { rowGroupSize: 16 }),
    );
    let wholeBytes = 0;
    const whole = records(await collect(readParquet(source, { onBytes: (n) => (wholeBytes += n) })));
    const size = source.size as number;
    for (const parts of [1, 2, 3, 7, 40]) {
      const step = Math.ceil(size / parts);
      const joined: unknown[] = [];
      let bytes = 0;
      for (let start = 0; start < size; start += step) {
        const range = { start, end: Math.min(size, start + step) };
        joined.push(...records(await collect(readParquet(source, { range, onBytes: (n) => (bytes += n) }))));
      }
      expect(joined, `${parts} ranges`).toEqual(whole);
      expect(bytes, `${parts} ranges`).toBe(wholeBytes);
    }
    // A range holding no group's start reads no rows (but still checks the footer).
    const none = await collect(readParquet(source, { range: { start: size - 1, end: size } }));
    expect(none).toEqual([]);
  });

  it("splits a huge row group into bounded row ranges through its offset index", async () => {
    const rows = MAX_BATCH_ROWS * 2 + 123;
    const many = Array.from({ length: rows }, (_, i) => ({ text: `t${i}` }));
    const bytes = toParquet(many, { text: "string" }, { rowGroupSize: rows, pageSize: 16 << 10 });
    const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
    expect(metadata.row_groups).toHaveLength(1);
    expect(planBatches(metadata, ["text"])).toEqual([
      { group: 0, rowStart: 0, rowEnd: MAX_BATCH_ROWS },
      { group: 0, rowStart: MAX_BATCH_ROWS, rowEnd: 2 * MAX_BATCH_ROWS },
      { group: 0, rowStart: 2 * MAX_BATCH_ROWS, rowEnd: rows },
    ]);
    // Without an offset index, a split would decode a big chunk once per part: the group is read
    // whole. A small chunk (this one is) is cheap to decode again, so it is split all the same.
    const unindexed = structuredClone(metadata);
    for (const chunk of unindexed.row_groups[0]?.columns ?? []) delete chunk.offset_index_offset;
    expect(planBatches(unindexed, ["text"])).toHaveLength(3);
    for (const chunk of unindexed.row_groups[0]?.columns ?? []) {
      if (chunk.meta_data) chunk.meta_data.total_compressed_size = BigInt(SMALL_CHUNK_BYTES + 1);
    }
    expect(planBatches(unindexed, ["text"])).toEqual([{ group: 0, rowStart: 0, rowEnd: rows }]);

    const items = await collect(readParquet(await parquetFile("huge-group.parquet", bytes)));
    expect(items).toHaveLength(rows);
    expect(items.every((item, i) => item.type === "record" && item.index === i)).toBe(true);
    expect(items.at(-1)).toEqual({ type: "record", value: { text: `t${rows - 1}` }, index: rows - 1 });
  });

  it("reads only the text columns: a big meta column is never fetched, nor decoded", async () => {
    const big = RECORDS.map((record) => ({ ...record, meta: "x".repeat(400_000) }));
    const bytes = toParquet(big, COLUMNS, { codec: "UNCOMPRESSED", rowGroupSize: 2 });
    const metaChunks = chunkRanges(bytes, "meta");
    // Garbage in place of the meta chunks: a read of them would fail to decode.
    for (const [start, end] of metaChunks) bytes.fill(0xff, start, end);
    const source = await parquetFile("meta.parquet", bytes);
    const items = await collect(readParquet(source));
    expect(records(items)).toEqual(RECORDS.map((record, i) => [i, textColumns(record)]));
    // The first read is the footer's: the file's last 512 kB, whatever they hold. After it, no
    // range touches a meta chunk.
    const [footer, ...data] = source.ranges;
    expect(footer?.[1]).toBe(bytes.length);
    expect(data.length).toBeGreaterThan(0);
    for (const [start, end] of data) {
      for (const [metaStart, metaEnd] of metaChunks) expect(start < metaEnd && metaStart < end).toBe(false);
    }

    // Naming the column reads it, and its garbage is a clear error.
    await expect(collect(readParquet(source, { fields: ["meta"] }))).rejects.toThrow(
      /^parquet data\/meta\.parquet row group 0 \(rows 0–1\): cannot decode the data \(.+\)$/,
    );
  });

  it("reads the columns --field paths start with, and no others", async () => {
    const source = await parquetFile("fields.parquet", toParquet(RECORDS, COLUMNS));
    const items = await collect(readParquet(source, { fields: ["messages[].content", "id"] }));
    expect(records(items)).toEqual(
      RECORDS.map((record, i) => {
        const value: Record<string, unknown> = { id: BigInt(record.id as number) };
        if (record.messages !== undefined) value.messages = record.messages;
        return [i, value];
      }),
    );
    const segments = extractSegments((items[0] as { value: unknown }).value, {
      fields: [parseFieldPath("messages[].content")],
    }).segments;
    expect(segments.map((s) => [s.field, s.role])).toEqual([
      ["messages[0].content", "system"],
      ["messages[1].content", "user"],
      ["messages[2].content", "assistant"],
    ]);
  });

  it("yields each row as a record without text when no column holds text", async () => {
    const source = await parquetFile("ids.parquet", toParquet([{ id: 1 }, { id: 2 }], { id: "int64" }));
    expect(records(await collect(readParquet(source)))).toEqual([
      [0, {}],
      [1, {}],
    ]);
    expect(source.ranges).toHaveLength(1); // the footer only
  });

  it("rejects a truncated file, or a footer that points past the end, naming the file", async () => {
    const bytes = toParquet(RECORDS, COLUMNS, { rowGroupSize: 2 });
    const truncated = await parquetFile("truncated.parquet", bytes.subarray(0, bytes.length - 100));
    await expect(collect(readParquet(truncated))).rejects.toThrow(
      new InputError(
        "parquet data/truncated.parquet: invalid footer (magic bytes PAR1 missing at the end; the file is truncated or not parquet)",
        "data/truncated.parquet",
      ),
    );
    const tiny = await parquetFile("tiny.parquet", bytes.subarray(0, 5));
    await expect(collect(readParquet(tiny))).rejects.toThrow(
      "parquet data/tiny.parquet: the file is 5 bytes, too short to be parquet",
    );
    // The footer kept, half the data cut out: the chunk offsets lie.
    const dataEnd = bytes.length - 8 - new DataView(bytes.buffer).getUint32(bytes.length - 8, true);
    const lying = await parquetFile(
      "lying.parquet",
      Buffer.concat([bytes.subarray(0, 4), bytes.subarray(dataEnd / 2)]),
    );
    await expect(collect(readParquet(lying))).rejects.toThrow(
      /^parquet data\/lying\.parquet: invalid footer \(row group \d+ column [\w.]+ at bytes \d+–\d+, outside the data \(bytes 4–\d+\)\)$/,
    );
    // Garbage where the footer says row group 2's messages are: a decoding error, after the rows before it.
    const garbled = Uint8Array.from(bytes);
    for (const [start, end] of chunkRanges(bytes, "messages").slice(4)) garbled.fill(0xff, start, end);
    const items: RecordItem[] = [];
    const error = await (async () => {
      try {
        for await (const item of readParquet(await parquetFile("garbled.parquet", garbled))) items.push(item);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^parquet data\/garbled\.parquet row group 2 \(rows 4–5\): cannot decode the data \(.+\)$/,
    );
    expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3]);
  });

  it("never crashes or hangs on a corrupt footer or corrupt data: records or an InputError", async () => {
    const bytes = toParquet(RECORDS, COLUMNS, { rowGroupSize: 2 });
    const footerStart = bytes.length - 8 - new DataView(bytes.buffer).getUint32(bytes.length - 8, true);
    const positions = new Set<number>();
    for (let p = footerStart; p < bytes.length - 8; p += 3) positions.add(p);
    for (let p = 4; p < footerStart; p += Math.ceil(footerStart / 60)) positions.add(p);
    const outcomes = { records: 0, errors: 0 };
    for (const p of positions) {
      const corrupt = Uint8Array.from(bytes);
      corrupt[p] = (corrupt[p] as number) ^ 0x5a;
      const memory: Source = {
        uri: "c.parquet",
        size: corrupt.length,
        open: () => Readable.from([]),
        slice: async (start, end) => corrupt.slice(start, end).buffer,
      };
      try {
        await collect(readParquet(memory));
        outcomes.records++;
      } catch (error) {
        if (!(error instanceof InputError)) throw new Error(`byte ${p}: ${String(error)}`, { cause: error });
        expect(error.message).toMatch(/^parquet c\.parquet[ :]/);
        outcomes.errors++;
      }
    }
    expect(outcomes.errors).toBeGreaterThan(0);
  });

  it("refuses stdin and pipes: parquet needs random access", async () => {
    await expect(collect(readRecords(stdinSource(Readable.from([])), { format: "parquet" }))).rejects.toThrow(
      new InputError(
        "input -: parquet needs a file (random access), not stdin; save it to a file first",
        "-",
      ),
    );
    await expect(collect(readParquet(fileSource("p.parquet", "/dev/null")))).rejects.toThrow(
      "input p.parquet: parquet needs a file (random access), not a pipe or stream; save it to a file first",
    );
  });

  it("is what readRecords gives for a .parquet name, and counts the bytes read", async () => {
    const bytes = toParquet(RECORDS, COLUMNS);
    const source = await parquetFile("via.parquet", bytes);
    let read = 0;
    const items = await collect(readRecords(source, { onBytes: (n) => (read += n) }));
    expect(records(items)).toEqual(RECORDS.map((record, i) => [i, textColumns(record)]));
    expect(read).toBe(source.ranges.reduce((sum, [start, end]) => sum + (end - start), 0));
    expect(read).toBeGreaterThan(0);
  });
});

/** Byte ranges of a column's chunks in every row group. */
function chunkRanges(bytes: Uint8Array, column: string): [number, number][] {
  const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
  const out: [number, number][] = [];
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (meta?.path_in_schema[0] !== column) continue;
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      out.push([start, start + Number(meta.total_compressed_size)]);
    }
  }
  return out;
}
