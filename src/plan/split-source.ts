import { compressionOf } from "../decode/compression-of.js";
import type { ByteRange } from "../records/byte-range.js";
import { formatOf } from "../records/format.js";
import type { Source } from "../sources/source.js";
import type { InputFormat } from "../types.js";

/**
 * Bytes per task of a big file. Big enough that a task's fixed costs (a worker hop, opening the
 * file, the partial line at each end) vanish; small enough that two cores share a 256 MB file
 * evenly and a 1 TB file spreads over thousands of shards.
 */
export const DEFAULT_TASK_BYTES = 64 << 20;

/**
 * The byte ranges a source is read in, in file order, when it can be split: an uncompressed JSONL
 * or line-based `.txt` file of known size that can be read from an offset (local files), every line
 * belonging to exactly one range (the one its first byte is in; see `linesInRange`); or a Parquet
 * file with random access, every row group belonging to the range its data starts in (see
 * `groupsInRange`). Anything else — compressed files, JSON arrays, whole-file text, stdin, files up
 * to `taskBytes` — is read whole: undefined. So is a file of unknown format: reading it whole is
 * what reports it.
 * @param formatOverride the scan's `--input-format`, if any
 */
export function splitSource(
  source: Source,
  formatOverride: InputFormat | undefined,
  textUnit: "line" | "file",
  taskBytes: number = DEFAULT_TASK_BYTES,
): ByteRange[] | undefined {
  const size = source.size;
  if (size === undefined || size <= taskBytes) return undefined;
  if (compressionOf(source.uri) !== "none") return undefined;
  let format: InputFormat;
  try {
    format = formatOf(source.uri, formatOverride);
  } catch {
    return undefined;
  }
  const lineBased = format === "jsonl" || (format === "txt" && textUnit === "line");
  if (lineBased ? source.openFrom === undefined : format !== "parquet" || source.slice === undefined)
    return undefined;
  const ranges: ByteRange[] = [];
  for (let start = 0; start < size; start += taskBytes)
    ranges.push({ start, end: Math.min(size, start + taskBytes) });
  return ranges;
}
