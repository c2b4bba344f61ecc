import { stripCompressionSuffix } from "../decode/compression-of.js";
import { InputError } from "../errors.js";
import type { InputFormat } from "../types.js";

const BY_EXTENSION: Record<string, InputFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".txt": "txt",
};

/**
 * The format of an input: `override` (`--format`) when given; else its extension once `.gz`/`.zst`
 * is stripped (`.jsonl`/`.ndjson` → jsonl, `.json` → json, `.txt` → txt, any case); stdin (`-`)
 * is jsonl. Throws an {@link InputError} for Parquet (not supported yet) and for unknown
 * extensions, suggesting `--format`.
 */
export function formatOf(uri: string, override?: InputFormat): InputFormat {
  if (override !== undefined) return override;
  if (uri === "-") return "jsonl";
  const name = stripCompressionSuffix(uri);
  const dot = name.lastIndexOf(".");
  const extension = dot > name.lastIndexOf("/") ? name.slice(dot).toLowerCase() : "";
  const format = BY_EXTENSION[extension];
  if (format !== undefined) return format;
  if (extension === ".parquet") throw new InputError(`input ${uri}: parquet is not supported yet`, uri);
  const what = extension === "" ? "no extension" : `unknown extension ${extension}`;
  throw new InputError(
    `input ${uri}: cannot tell the format (${what}; expected .jsonl, .ndjson, .json or .txt, optionally .gz or .zst); pass --format jsonl|json|txt`,
    uri,
  );
}
