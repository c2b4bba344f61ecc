import { createRequire } from "node:module";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import {
  type CompressionCodec,
  type FileMetaData,
  type KeyValue,
  parquetSchema,
  type SchemaElement,
  type SchemaTree,
} from "hyparquet";
import { isListLike, isMapLike } from "hyparquet/src/schema.js";

/** What a Parquet shard is written as: the input's schema, codec and key-value metadata. */
export interface ParquetOutput {
  /**
   * The input footer's schema, written to the output footer as it is, except that INTEGER logical
   * types go as their converted types (INT_8 … UINT_64), see `footerSchema`.
   */
  schema: SchemaElement[];
  /** Codec of the data pages: the input's, or a stand-in when it cannot be written here. */
  codec: CompressionCodec;
  /** Why `codec` is not the input's, for the manifest. */
  note?: string;
  /** The input footer's key-value metadata (pandas, ARROW:schema, …), copied over. */
  keyValueMetadata?: KeyValue[];
}

/**
 * What to write for a Parquet input: its schema (the footer's, element for element), its codec
 * (the most common among its column chunks; SNAPPY for a file without any) or, when there is no
 * compressor for it here (LZ4, LZ4_RAW, LZO; ZSTD without zstd-napi), the closest one we have,
 * said in `note`; and its key-value metadata.
 *
 * Throws, naming the column, when rows of this schema could not be written back exactly:
 * INT96 (hyparquet-writer has no INT96), a repeated primitive (legacy 2-level list) or a repeated
 * group outside a standard LIST or MAP (hyparquet-writer encodes neither), a MAP whose fields are
 * not `key` and `value`, a logical type hyparquet-writer does not know; or no columns at all.
 */
export function parquetOutputOf(metadata: FileMetaData): ParquetOutput {
  checkWritable(parquetSchema(metadata));
  const counts = new Map<CompressionCodec, number>();
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec !== undefined) counts.set(codec, (counts.get(codec) ?? 0) + 1);
    }
  }
  let input: CompressionCodec = "SNAPPY";
  let most = 0;
  for (const [codec, count] of counts) {
    if (count > most) [input, most] = [codec, count];
  }
  const codec = compressorOf(input) === null ? standIn(input) : input;
  return {
    schema: metadata.schema,
    codec,
    ...(codec === input ? {} : { note: `written as ${codec}: no ${input} compressor is available` }),
    ...(metadata.key_value_metadata?.length ? { keyValueMetadata: metadata.key_value_metadata } : {}),
  };
}

type Compressor = (input: Uint8Array) => Uint8Array;

/**
 * The page compressor for `codec`: undefined where hyparquet-writer needs none (UNCOMPRESSED, and
 * SNAPPY, which it has built in), null where we have none. Brotli at quality 5: the default, 11,
 * compresses 1 MiB pages at about 1 MB/s.
 */
export function compressorOf(codec: CompressionCodec): Compressor | null | undefined {
  switch (codec) {
    case "UNCOMPRESSED":
    case "SNAPPY":
      return undefined;
    case "GZIP":
      return (input) => gzipSync(input);
    case "BROTLI":
      return (input) =>
        brotliCompressSync(input, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
        });
    case "ZSTD": {
      const napi = loadZstd();
      return napi ? (input) => napi.compress(input) : null;
    }
    default:
      return null;
  }
}

/** GZIP compresses about as well as ZSTD; SNAPPY is as light as LZ4 and LZO. */
function standIn(codec: CompressionCodec): CompressionCodec {
  return codec === "ZSTD" ? "GZIP" : "SNAPPY";
}

let zstd: { compress(data: Uint8Array): Buffer } | null | undefined;

/** zstd-napi when the optional dependency loads, else null (loaded once). */
function loadZstd(): { compress(data: Uint8Array): Buffer } | null {
  if (zstd === undefined) {
    try {
      zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };
    } catch {
      zstd = null;
    }
  }
  return zstd;
}

/** Logical types hyparquet-writer writes back to the footer; any other would be dropped. */
const LOGICAL_TYPES = new Set([
  "STRING",
  "MAP",
  "LIST",
  "ENUM",
  "DECIMAL",
  "DATE",
  "TIME",
  "TIMESTAMP",
  "INTEGER",
  "NULL",
  "JSON",
  "BSON",
  "UUID",
  "FLOAT16",
  "VARIANT",
  "GEOMETRY",
  "GEOGRAPHY",
]);

function checkWritable(root: SchemaTree): void {
  if (root.children.length === 0) throw new Error("the schema has no columns");
  const visit = (node: SchemaTree, parent: SchemaTree): void => {
    const { element } = node;
    const refuse = (why: string): never => {
      throw new Error(
        `column ${node.path.join(".")} ${why}, which --emit cannot write back to parquet exactly`,
      );
    };
    if (element.type === "INT96") refuse("is INT96 (a legacy timestamp)");
    const logical = element.logical_type?.type;
    if (logical !== undefined && !LOGICAL_TYPES.has(logical)) refuse(`has an unknown logical type`);
    if (element.repetition_type === "REPEATED") {
      if (node.children.length === 0) refuse("is a repeated primitive (a legacy list)");
      if (!isListLike(parent) && !isMapLike(parent)) refuse("is a repeated group outside a LIST or MAP");
    }
    if (isMapLike(node)) {
      const names = node.children[0]?.children.map((child) => child.element.name);
      if (names?.join() !== "key,value") refuse(`is a MAP of ${names?.join(" and ")}, not key and value`);
    }
    for (const child of node.children) visit(child, node);
  };
  for (const column of root.children) visit(column, root);
}
