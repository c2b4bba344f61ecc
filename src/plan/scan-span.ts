import type { InputEmitter } from "../emit/emit-writer.js";
import type { ByteRange } from "../records/byte-range.js";
import { type InputScanOptions, type RecordContext, scanInput } from "../scan-input.js";
import type { Source } from "../sources/source.js";
import type { Tally } from "../tally/tally.js";
import { linesBefore } from "./lines-before.js";

/**
 * Reads the records of a file that start in `span` (a shard's share of a file it does not read
 * whole) in this thread, into `tally` and `emit`, numbered as if the file had been read from its
 * start: for a line-based file the lines before the span are counted first; a Parquet file's span
 * (`keepsFileNumbers`) is its row groups, whose rows keep their numbers.
 */
export async function scanSpan(
  source: Source,
  span: ByteRange,
  tally: Tally,
  ctx: RecordContext,
  options: InputScanOptions,
  remaining: number,
  keepsFileNumbers: boolean,
  emit: InputEmitter | undefined,
): Promise<{ remaining: number; failed: boolean }> {
  const lineBase = keepsFileNumbers ? 0 : await linesBefore(source, span.start);
  return scanInput(source, tally, ctx, options, remaining, emit, { range: span, lineBase });
}
