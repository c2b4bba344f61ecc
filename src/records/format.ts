import { compressionOf, stripCompressionSuffix } from "../decode/compression-of.js";
import { InputError } from "../errors.js";
import type { InputFormat } from "../types.js";

const BY_EXTENSION: Record<string, InputFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".txt": "txt",
  ".parquet": "parquet",
};

/**
 * The format of an input: `override` (`--format`) when given; else its extension once `.gz`/`.zst`
 * is stripped (`.jsonl`/`.ndjson` → jsonl, `.json` → json, `.txt` → txt, `.parquet` → parquet, any
 * case); stdin (`-`) is jsonl. Throws an {@link InputError} for unknown extensions, suggesting
 * `--format`, and for `.parquet.gz`/`.parquet.zst`: Parquet compresses its column chunks itself and
 * needs random access, which a compressed stream cannot give.
 */
export function formatOf(uri: string, override?: InputFormat): InputFormat {
  if (override !== undefined) return override;
  if (uri === "-") return "jsonl";
  const name = stripCompressionSuffix(uri);
  const dot = name.lastIndexOf(".");
  const extension = dot > name.lastIndexOf("/") ? name.slice(dot).toLowerCase() : "";
  const format = BY_EXTENSION[extension];
  if (format === "parquet" && name !== uri) {
    const suffix = compressionOf(uri) === "gzip" ? ".gz" : ".zst";
    throw new InputError(
      `input ${uri}: a compressed parquet file cannot be read (parquet compresses its own column chunks and needs random access); decompress the ${suffix} first`,
      uri,
    );
  }
  if (format !== undefined) return format;
  const what = extension === "" ? "no extension" : `unknown extension ${extension}`;
  throw new InputError(
    `input ${uri}: cannot tell the format (${what}; expected .jsonl, .ndjson, .json or .txt, optionally .gz or .zst, or .parquet); pass --format jsonl|json|txt|parquet`,
    uri,
  );
}
