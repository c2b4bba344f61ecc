import type { Source } from "../sources/source.js";
import type { SourceShare } from "./shard-plan.js";

const LF = 0x0a;

/** Bytes per read while counting: big reads keep the count at the speed of the disk. */
const COUNT_CHUNK_BYTES = 16 << 20;

/**
 * How many lines of a line-based file start before byte `offset` (blank ones too): the record
 * index of the first line a byte range starting at `offset` holds, which is what a shard whose
 * first task starts inside a file shifts its line numbers by. A line belongs to the range its
 * first byte is in (`linesInRange`), so the line that holds byte `offset - 1` counts whether or
 * not its newline comes before `offset`: the count is one more than the newlines in
 * `[0, offset - 1)`.
 *
 * Reads the whole prefix of the file through `slice`: the cost of knowing the line numbers
 * without an index.
 */
export async function linesBefore(source: Pick<Source, "uri" | "slice">, offset: number): Promise<number> {
  if (offset <= 0) return 0;
  if (source.slice === undefined) throw new Error(`plan: ${source.uri} cannot be read at an offset`);
  const stop = offset - 1;
  let lines = 1;
  for (let at = 0; at < stop; at += COUNT_CHUNK_BYTES) {
    const want = Math.min(COUNT_CHUNK_BYTES, stop - at);
    const chunk = Buffer.from(await source.slice(at, at + want));
    if (chunk.length < want) throw new Error(`plan: ${source.uri} is shorter than ${offset} bytes`);
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) lines++;
  }
  return lines;
}

/**
 * The record index of a share's first record in its file: 0 for a whole source, a span from the
 * file's start, or Parquet rows (which keep their numbers); else the lines before the span.
 */
export function lineBaseOf({ source, span, keepsFileNumbers }: SourceShare): Promise<number> {
  if (span === undefined || span.start === 0 || keepsFileNumbers) return Promise.resolve(0);
  return linesBefore(source, span.start);
}
