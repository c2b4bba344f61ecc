import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FileMetaData, parquetMetadata, parquetReadObjects, type SchemaElement } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitOutput } from "../../src/emit/output-file.js";
import { footerSchema } from "../../src/emit/parquet-encoding.js";
import { openParquetShard, type ParquetOutput, parquetOutputOf } from "../../src/emit/parquet-shard.js";
import { InputError } from "../../src/errors.js";
import { readParquet } from "../../src/records/parquet-reader.js";
import { readRecords } from "../../src/records/read-records.js";
import { fileSource } from "../../src/sources/file-source.js";
import type { RecordItem } from "../../src/types.js";
import { collect, makeTempDir } from "../records/stream-helpers.js";
import { CODECS, fixture, KV_METADATA, SCHEMA } from "./parquet-fixture.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

async function saved(name: string, bytes: Uint8Array) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return fileSource(`data/${name}`, path, bytes.length);
}

/** Reads `bytes` whole, with hyparquet's own conversions (Dates, numbers, parsed JSON, maps). */
async function converted(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return parquetReadObjects({ file, compressors });
}

/** Writes every row of the Parquet file at `name` through a shard, as `--emit` does. */
async function roundTrip(
  name: string,
  bytes: Uint8Array,
  options: { rowGroupRows?: number; rowGroupBytes?: number } = {},
) {
  let footer: FileMetaData | undefined;
  const rows = await collect(
    readParquet(await saved(name, bytes), {
      allColumns: true,
      onMetadata: (metadata) => {
        footer = metadata;
      },
    }),
  );
  if (footer === undefined) throw new Error("no footer");
  const output = parquetOutputOf(footer);
  const path = join(dir, "out", name);
  const shard = await openParquetShard(path, output, options);
  const sizes: number[] = [];
  for (const row of rows) {
    await shard.write(row);
    sizes.push(shard.size);
  }
  expect(shard.records).toBe(rows.length);
  const stats = await shard.close();
  await commitOutput(path);
  const written = new Uint8Array(await readFile(path));
  return { input: footer, output, rows, sizes, stats, written, metadata: parquetMetadata(toBuffer(written)) };
}

const toBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * The input's schema as the output's footer has it: INTEGER logical types are left to their
 * converted types (INT_8, UINT_32), since hyparquet-writer 0.17 writes INTEGER in a form pyarrow
 * cannot read.
 */
function integersByConvertedType(schema: readonly SchemaElement[]): SchemaElement[] {
  return schema.map(({ logical_type, ...rest }) =>
    logical_type === undefined || logical_type.type === "INTEGER" ? rest : { ...rest, logical_type },
  );
}

const pick = (row: unknown, keys: string[]) =>
  Object.fromEntries(Object.entries(row as object).filter(([key]) => keys.includes(key)));

const values = (items: RecordItem[]) => items.map((item) => (item.type === "record" ? item.value : item));

describe("parquet round trip", () => {
  it.each(CODECS)("keeps schema, codec, metadata and values with %s", async (codec) => {
    const bytes = fixture(25, codec);
    const { input, output, rows, stats, written, metadata } = await roundTrip(`all-${codec}.parquet`, bytes, {
      rowGroupRows: 10,
    });
    expect(output.codec).toBe(codec);
    expect(output.note).toBeUndefined();
    expect(metadata.schema).toEqual(integersByConvertedType(input.schema));
    expect(input.schema).toMatchObject(SCHEMA);
    expect(metadata.key_value_metadata).toEqual(KV_METADATA);
    expect(metadata.num_rows).toBe(25n);
    expect(metadata.row_groups.map((group) => group.num_rows)).toEqual([10n, 10n, 5n]);
    const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
    expect([...codecs]).toEqual([codec]);
    expect(stats).toMatchObject({ records: 25, bytes: written.length });
    expect(stats.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The rows as written back, decoded both ways: exactly as `--emit` reads them, and with
    // hyparquet's conversions (what any other reader would see).
    const back = await collect(
      readParquet(await saved(`back-${codec}.parquet`, written), { allColumns: true }),
    );
    expect(values(back)).toEqual(values(rows));
    expect(await converted(written)).toEqual(await converted(bytes));
  });

  it("keeps what hyparquet's conversions would lose: sub-ms timestamps, wide decimals, JSON text, map order", async () => {
    const { rows } = await roundTrip("exact.parquet", fixture(4, "SNAPPY"));
    const row = values(rows)[1] as Record<string, unknown>;
    expect(row.ts).toBe(1_700_000_000_123_458n);
    expect(row.big).toBeInstanceOf(Uint8Array);
    expect(row.meta).toEqual(new TextEncoder().encode('{"n":1,"nested":{"list":[1,2.5,"x"]}}'));
    expect(row.attrs).toEqual({
      key_value: [
        { key: "b", value: 2n },
        { key: "a", value: null },
        { key: "1", value: 3n },
      ],
    });
    expect(row.blob).toEqual(new Uint8Array([0xff, 0xfe, 0, 1, 0xc3]));
    // The text columns are what a scan without --emit sees, BOM included.
    expect((values(rows)[0] as Record<string, unknown>).text).toBe("\uFEFFstarts with a BOM");
    expect(row.messages).toEqual([{ role: "user", content: "Who are you?" }]);
  });

  it("writes a file of 0 rows with the schema", async () => {
    const { input, metadata, stats, written } = await roundTrip("empty.parquet", fixture(0, "ZSTD"));
    expect(stats.records).toBe(0);
    expect(metadata.num_rows).toBe(0n);
    expect(metadata.schema).toEqual(integersByConvertedType(input.schema));
    expect(await converted(written)).toEqual([]);
  });

  it("closes row groups by rows and by bytes, and counts size as rows come", async () => {
    const byRows = await roundTrip("groups.parquet", fixture(95, "SNAPPY", 95), { rowGroupRows: 20 });
    expect(byRows.metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([20, 20, 20, 20, 15]);
    const growing = byRows.sizes.every((size, i) => i === 0 || size > (byRows.sizes[i - 1] as number));
    expect(growing).toBe(true);

    const byBytes = await roundTrip("bytes.parquet", fixture(95, "SNAPPY", 95), { rowGroupBytes: 2000 });
    expect(byBytes.metadata.row_groups.length).toBeGreaterThan(3);
    expect(await converted(byBytes.written)).toEqual(await converted(fixture(95, "SNAPPY", 95)));
  });

  it("writes a row group of many chunks waiting on one drain at a time", async () => {
    // Regression: each 1 MiB chunk of a group once added its own `drain` listener to the file
    // (MaxListenersExceededWarning past 10). Random text does not compress: 16 chunks in one group.
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      let seed = 1;
      const random = () =>
        Buffer.from(
          Array.from({ length: 3000 }, () => {
            seed = (seed * 1664525 + 1013904223) >>> 0;
            return seed >>> 24;
          }),
        ).toString("base64");
      const rows = Array.from({ length: 4000 }, (_, i) => ({
        type: "record" as const,
        index: i,
        value: { id: BigInt(i), text: random() },
      }));
      const output: ParquetOutput = {
        schema: SCHEMA.slice(0, 3).map((e, i) => (i === 0 ? { ...e, num_children: 2 } : e)),
        codec: "UNCOMPRESSED",
      };
      const path = join(dir, "chunks", "big.parquet");
      const shard = await openParquetShard(path, output);
      for (const row of rows) await shard.write(row);
      const stats = await shard.close();
      expect(stats.bytes).toBeGreaterThan(15 << 20);
      await commitOutput(path);
      const metadata = parquetMetadata(toBuffer(new Uint8Array(await readFile(path))));
      expect(metadata.num_rows).toBe(4000n);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((warning) => warning.name)).toEqual([]);
  });

  it("closes under the temporary name, committed by commitOutput; abort leaves nothing", async () => {
    const { rows, input } = await roundTrip("partial.parquet", fixture(3, "SNAPPY"));
    const path = join(dir, "shards", "x.parquet");
    const closed = await openParquetShard(path, parquetOutputOf(input));
    for (const row of rows) await closed.write(row);
    await closed.close();
    expect(await readdir(join(dir, "shards"))).toEqual([".x.parquet.partial"]);
    await commitOutput(path);
    expect(await readdir(join(dir, "shards"))).toEqual(["x.parquet"]);

    const aborted = await openParquetShard(join(dir, "aborted", "x.parquet"), parquetOutputOf(input), {
      rowGroupRows: 1,
    });
    for (const row of rows) await aborted.write(row);
    await aborted.abort();
    expect(await readdir(join(dir, "aborted"))).toEqual([]);
  });
});

describe("rows read for --emit", () => {
  it("hold the text columns as a scan without --emit reads them, plain byte arrays included", async () => {
    // `text` is an unannotated byte array (old writers): scanned as UTF-8 in both modes, while
    // `blob`, not scanned, stays bytes; both go back byte for byte.
    const schema: SchemaElement[] = [
      { name: "root", num_children: 3 },
      { name: "text", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
      { name: "blob", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
      SCHEMA.find((element) => element.name === "ts") as SchemaElement,
    ];
    const text = ["\uFEFFI am Claude.", null, "Soy ChatGPT 😀"];
    const blob = [new Uint8Array([0xff, 0xc3]), new Uint8Array([0x41]), null];
    const ts = [1n, null, 1_700_000_000_000_001n];
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        schema,
        columnData: [
          { name: "text", data: text.map((t) => (t === null ? null : new TextEncoder().encode(t))) },
          { name: "blob", data: blob },
          { name: "ts", data: ts },
        ],
      }),
    );
    const scan = values(await collect(readParquet(await saved("plain.parquet", bytes))));
    expect(scan).toEqual(text.map((t) => (t === null ? { text: null } : { text: t })));
    const { rows, written } = await roundTrip("plain.parquet", bytes);
    expect(values(rows)).toEqual(text.map((t, i) => ({ text: t, blob: blob[i], ts: ts[i] })));
    expect(await converted(written)).toEqual(await converted(bytes));
  });

  it("come whole from readRecords with keepRaw, which hands over the footer", async () => {
    const source = await saved("records.parquet", fixture(6, "SNAPPY"));
    const footers: FileMetaData[] = [];
    const items = await collect(
      readRecords(source, { keepRaw: true, onParquetMetadata: (metadata) => footers.push(metadata) }),
    );
    expect(footers.map((footer) => footer.num_rows)).toEqual([6n]);
    expect(values(items)).toEqual(values(await collect(readParquet(source, { allColumns: true }))));
    expect(Object.keys(values(items)[0] as object)).toHaveLength(20);
  });

  it("of the fixture give the same text columns as a scan without --emit", async () => {
    const source = await saved("same-text.parquet", fixture(25, "SNAPPY"));
    const scan = values(await collect(readParquet(source)));
    const emit = values(await collect(readParquet(source, { allColumns: true })));
    expect(emit.map((row) => pick(row, ["text", "messages"]))).toEqual(scan);
  });
});

describe("parquetOutputOf", () => {
  const metadataOf = (bytes: Uint8Array) => parquetMetadata(toBuffer(bytes));

  it("takes the most common codec, and stands in for one it cannot write", () => {
    const metadata = metadataOf(fixture(10, "GZIP", 5));
    const [first, second] = metadata.row_groups;
    for (const chunk of first?.columns ?? []) if (chunk.meta_data) chunk.meta_data.codec = "LZ4_RAW";
    for (const chunk of (second?.columns ?? []).slice(0, 3))
      if (chunk.meta_data) chunk.meta_data.codec = "LZ4_RAW";
    const output: ParquetOutput = parquetOutputOf(metadata);
    expect(output).toMatchObject({
      codec: "SNAPPY",
      note: "written as SNAPPY: no LZ4_RAW compressor is available",
    });
    expect(parquetOutputOf(metadataOf(fixture(10, "GZIP", 5))).codec).toBe("GZIP");
  });

  it("gives INTEGER logical types to the footer as their converted types, which pyarrow can read", () => {
    const schema: SchemaElement[] = [
      { name: "root", num_children: 2 },
      { name: "a", type: "INT32", logical_type: { type: "INTEGER", bitWidth: 16, isSigned: false } },
      {
        name: "b",
        type: "INT64",
        converted_type: "INT_64",
        logical_type: { type: "INTEGER", bitWidth: 64, isSigned: true },
      },
    ];
    expect(footerSchema(schema)).toEqual([
      { name: "root", num_children: 2 },
      { name: "a", type: "INT32", converted_type: "UINT_16" },
      { name: "b", type: "INT64", converted_type: "INT_64" },
    ]);
  });

  it("refuses columns it cannot write back exactly, naming them", () => {
    const metadata = metadataOf(fixture(1, "SNAPPY"));
    const int96 = structuredClone(metadata);
    const ts = int96.schema.find((element) => element.name === "ts");
    if (ts) Object.assign(ts, { type: "INT96", converted_type: undefined, logical_type: undefined });
    expect(() => parquetOutputOf(int96)).toThrow(/^column ts is INT96 \(a legacy timestamp\)/);

    const repeated = structuredClone(metadata);
    const n32 = repeated.schema.find((element) => element.name === "n32");
    if (n32) n32.repetition_type = "REPEATED";
    expect(() => parquetOutputOf(repeated)).toThrow(/^column n32 is a repeated primitive/);
  });

  it("is called through onMetadata before the rows, and its refusal names the file", async () => {
    const bytes = fixture(0, "SNAPPY");
    const calls: number[] = [];
    await collect(readParquet(await saved("meta-only.parquet", bytes), { onMetadata: () => calls.push(1) }));
    expect(calls).toEqual([1]);
    const failing = readParquet(await saved("refused.parquet", bytes), {
      allColumns: true,
      onMetadata: () => {
        throw new Error("column ts is INT96");
      },
    });
    const error = await collect(failing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      message: "parquet data/refused.parquet: column ts is INT96",
      source: "data/refused.parquet",
    });
  });
});
