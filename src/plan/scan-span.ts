import { shiftLines, shiftOffsets } from "../parallel/shift-lines.js";
import type { ByteRange } from "../records/byte-range.js";
import { type InputScanOptions, type RecordContext, scanInput } from "../scan-input.js";
import type { Source } from "../sources/source.js";
import type { Tally } from "../tally/tally.js";
import type { Hit } from "../types.js";
import { linesBefore } from "./lines-before.js";

/**
 * Reads the lines of a line-based file that start in `span` (a shard's share of a file it does not
 * read whole) in this thread, into `tally`, numbered as if the file had been read from its start:
 * hits are renumbered as they come (so they stream to the hits file), examples and errors at the end.
 * A Parquet file's span (`keepsFileNumbers`) is its row groups, whose rows keep their numbers.
 * @param tally a new tally for this source alone (its examples and errors are renumbered in place),
 *   which a progress meter may watch as it grows
 */
export async function scanSpan(
  source: Source,
  span: ByteRange,
  tally: Tally,
  ctx: RecordContext,
  options: InputScanOptions,
  remaining: number,
  keepsFileNumbers = false,
): Promise<{ remaining: number; failed: boolean }> {
  const lineBase = keepsFileNumbers ? 0 : await linesBefore(source, span.start);
  const onHit = ctx.onHit;
  const renumbered: RecordContext = {
    ...ctx,
    onHit:
      onHit &&
      ((hit: Hit) => {
        // A copy with the same keys in the same order: the hits file stays byte for byte the same.
        const shifted = { ...hit, record: hit.record + lineBase };
        if (hit.line !== undefined) shifted.line = hit.line + lineBase;
        onHit(shifted);
      }),
  };
  let firstByte = 0;
  const outcome = await scanInput(source, tally, renumbered, options, remaining, undefined, {
    range: span,
    onRangeStart: (offset) => {
      firstByte = offset;
    },
  });
  const sections = tally.toSections();
  shiftOffsets(sections, firstByte);
  shiftLines([], sections, lineBase);
  return outcome;
}
