import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import type { CompressionCodec, SchemaElement } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };

/** How a test column is typed in the Parquet schema. */
export type ColumnKind =
  | "string"
  | "int64"
  /** list<struct<...keys>> of strings, e.g. `messages` with `["role", "content"]`. */
  | { listOf: readonly string[] };

/** Codecs hyparquet-writer can write here: SNAPPY built in, ZSTD and GZIP through our compressors. */
export const WRITE_CODECS: readonly CompressionCodec[] = ["UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"];

const COMPRESSORS = {
  ZSTD: (input: Uint8Array) => new Uint8Array(zstd.compress(input)),
  GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
};

/** Options of {@link toParquet}. */
export interface ToParquetOptions {
  /** @default "SNAPPY" */
  codec?: CompressionCodec;
  /** Rows per row group. @default 1000 */
  rowGroupSize?: number;
  /** Target page size; a chunk of two pages or more gets an offset index. @default 1 MiB */
  pageSize?: number;
}

/**
 * `records` as Parquet bytes with an explicit schema (the probe's 3-level LIST layout for
 * `list<struct>`, DESIGN §7): a key a record lacks is a null cell.
 */
export function toParquet(
  records: readonly Record<string, unknown>[],
  columns: Record<string, ColumnKind>,
  options: ToParquetOptions = {},
): Uint8Array {
  const names = Object.keys(columns);
  const schema: SchemaElement[] = [{ name: "root", num_children: names.length }];
  for (const [name, kind] of Object.entries(columns)) schema.push(...schemaOf(name, kind));
  const buffer = parquetWriteBuffer({
    schema,
    codec: options.codec ?? "SNAPPY",
    compressors: COMPRESSORS,
    rowGroupSize: options.rowGroupSize ?? 1000,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    columnData: names.map((name) => ({
      name,
      data: records.map((record) => {
        const value = record[name];
        if (value === undefined || value === null) return null;
        return columns[name] === "int64" ? BigInt(value as number) : value;
      }),
    })),
  });
  return new Uint8Array(buffer);
}

function schemaOf(name: string, kind: ColumnKind): SchemaElement[] {
  const string = (key: string): SchemaElement => ({
    name: key,
    type: "BYTE_ARRAY",
    converted_type: "UTF8",
    repetition_type: "OPTIONAL",
  });
  if (kind === "string") return [string(name)];
  if (kind === "int64") return [{ name, type: "INT64", repetition_type: "OPTIONAL" }];
  return [
    { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", repetition_type: "OPTIONAL", num_children: kind.listOf.length },
    ...kind.listOf.map(string),
  ];
}
