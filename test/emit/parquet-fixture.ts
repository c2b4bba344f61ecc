import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import type { CompressionCodec, SchemaElement } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };
const COMPRESSORS = {
  ZSTD: (input: Uint8Array) => new Uint8Array(zstd.compress(input)),
  GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
};
export const CODECS: readonly CompressionCodec[] = ["UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"];

const optional = "OPTIONAL" as const;
const utf8 = { type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" } } as const;

/**
 * One column of every kind a dataset is likely to hold, including those hyparquet converts in a
 * way hyparquet-writer cannot undo on its own (µs/ns timestamps, decimals, JSON, maps, unsigned).
 */
export const SCHEMA: SchemaElement[] = [
  { name: "schema", num_children: 20 },
  { name: "id", type: "INT64", repetition_type: "REQUIRED" },
  { name: "text", ...utf8, repetition_type: optional },
  { name: "n32", type: "INT32", repetition_type: optional },
  {
    name: "small",
    type: "INT32",
    converted_type: "INT_8",
    logical_type: { type: "INTEGER", bitWidth: 8, isSigned: true },
    repetition_type: optional,
  },
  {
    name: "u32",
    type: "INT32",
    converted_type: "UINT_32",
    logical_type: { type: "INTEGER", bitWidth: 32, isSigned: false },
    repetition_type: optional,
  },
  { name: "score", type: "DOUBLE", repetition_type: optional },
  { name: "f32", type: "FLOAT", repetition_type: optional },
  { name: "ok", type: "BOOLEAN", repetition_type: optional },
  {
    name: "ts",
    type: "INT64",
    converted_type: "TIMESTAMP_MICROS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
    repetition_type: optional,
  },
  {
    name: "ts_ns",
    type: "INT64",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: false, unit: "NANOS" },
    repetition_type: optional,
  },
  {
    name: "day",
    type: "INT32",
    converted_type: "DATE",
    logical_type: { type: "DATE" },
    repetition_type: optional,
  },
  {
    name: "price",
    type: "INT64",
    converted_type: "DECIMAL",
    scale: 2,
    precision: 18,
    logical_type: { type: "DECIMAL", scale: 2, precision: 18 },
    repetition_type: optional,
  },
  {
    name: "big",
    type: "FIXED_LEN_BYTE_ARRAY",
    type_length: 16,
    converted_type: "DECIMAL",
    scale: 4,
    precision: 38,
    logical_type: { type: "DECIMAL", scale: 4, precision: 38 },
    repetition_type: optional,
  },
  { name: "blob", type: "BYTE_ARRAY", repetition_type: optional },
  {
    name: "meta",
    type: "BYTE_ARRAY",
    converted_type: "JSON",
    logical_type: { type: "JSON" },
    repetition_type: optional,
  },
  {
    name: "uuid",
    type: "FIXED_LEN_BYTE_ARRAY",
    type_length: 16,
    logical_type: { type: "UUID" },
    repetition_type: optional,
  },
  {
    name: "tags",
    repetition_type: optional,
    converted_type: "LIST",
    logical_type: { type: "LIST" },
    num_children: 1,
  },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", ...utf8, repetition_type: optional },
  {
    name: "messages",
    repetition_type: optional,
    converted_type: "LIST",
    logical_type: { type: "LIST" },
    num_children: 1,
  },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: optional, num_children: 2 },
  { name: "role", ...utf8, repetition_type: optional },
  { name: "content", ...utf8, repetition_type: optional },
  {
    name: "attrs",
    repetition_type: optional,
    converted_type: "MAP",
    logical_type: { type: "MAP" },
    num_children: 1,
  },
  { name: "key_value", repetition_type: "REPEATED", num_children: 2 },
  { name: "key", ...utf8, repetition_type: "REQUIRED" },
  { name: "value", type: "INT64", repetition_type: optional },
  { name: "point", repetition_type: optional, num_children: 2 },
  { name: "x", type: "DOUBLE", repetition_type: "REQUIRED" },
  { name: "y", type: "DOUBLE", repetition_type: optional },
];

export const KV_METADATA = [{ key: "pandas", value: '{"index_columns": [], "columns": []}' }];

/** Row `i` of the fixture, as hyparquet-writer takes it: nulls, empties and edge values spread over the rows. */
function fixtureRow(i: number): Record<string, unknown> {
  const none = i % 5 === 4;
  return {
    id: BigInt(i) * 1_000_000_007n,
    text: none ? null : ["\uFEFFstarts with a BOM", "", "我是通义千问 😀", `row ${i}`][i % 4],
    n32: none ? null : i * 1000 - 7,
    small: none ? null : (i % 256) - 128,
    u32: none ? null : 4_294_967_295 - i,
    score: none ? null : [0.1, -0, Number.NaN, 1e300][i % 4],
    f32: none ? null : [1.5, -2.25, 0][i % 3],
    ok: none ? null : i % 2 === 0,
    ts: none ? null : 1_700_000_000_123_457n + BigInt(i), // sub-millisecond digits
    ts_ns: none ? null : -1_234_567_891n * BigInt(i + 1),
    day: none ? null : 19_000 + i,
    price: none ? null : 123_456_789_012_345_678n - BigInt(i),
    big: none ? null : -(10n ** 37n) + BigInt(i), // far beyond a double's precision
    blob: none ? null : new Uint8Array([0xff, 0xfe, 0, i % 256, 0xc3]), // not UTF-8
    meta: none ? null : { n: i, nested: { list: [1, 2.5, "x"] } },
    uuid: none ? null : `00112233-4455-6677-8899-aabbccddee${(i % 256).toString(16).padStart(2, "0")}`,
    tags: none ? null : [[], ["a"], ["a", null, "c"]][i % 3],
    messages: none
      ? null
      : [
          [],
          [{ role: "user", content: "Who are you?" }],
          [
            { role: "system", content: null },
            { role: "assistant", content: "I am ChatGPT." },
          ],
        ][i % 3],
    // Entries in an order a JS object would not keep ("1" would come first).
    attrs: none
      ? null
      : [
          [],
          [
            { key: "b", value: 2n },
            { key: "a", value: null },
            { key: "1", value: 3n },
          ],
        ][i % 2],
    point: none ? null : { x: i / 3, y: i % 2 ? null : -i },
  };
}

/** The fixture as Parquet bytes, written by hyparquet-writer with the given codec and group size. */
export function fixture(rows: number, codec: CompressionCodec, rowGroupSize = 7): Uint8Array {
  const data = Array.from({ length: rows }, (_, i) => fixtureRow(i));
  const names = SCHEMA.slice(1)
    .filter((_, i, all) => isTopLevel(all, i))
    .map((element) => element.name);
  return new Uint8Array(
    parquetWriteBuffer({
      schema: SCHEMA,
      codec,
      compressors: COMPRESSORS,
      rowGroupSize,
      kvMetadata: KV_METADATA,
      columnData: names.map((name) => ({ name, data: data.map((row) => row[name]) })),
    }),
  );
}

/** Whether `elements[i]` (the schema without its root) is a top-level column. */
function isTopLevel(elements: readonly SchemaElement[], i: number): boolean {
  let index = 0;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (elements[at]?.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (index < i) index = skip(index);
  return index === i;
}
