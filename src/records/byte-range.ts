const LF = 0x0a;

/** A task's share of a line-based file: the lines that start in `[start, end)`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The bytes of the lines that start in `range`, from a stream that begins at byte
 * `max(0, range.start - 1)` of the file: the bytes up to the first line start at or after `start`
 * are dropped (a line that began before it belongs to the range before), and the stream is cut after
 * the newline that ends the line holding byte `end - 1` (the last line that starts in the range).
 * Every line of the file thus falls in exactly one range. `onStart` receives the file offset of the
 * first line kept; `onLines`, at the end, how many lines were kept (blank ones too), which is what
 * the line numbers of the ranges after it are shifted by.
 */
export async function* linesInRange(
  bytes: AsyncIterable<Uint8Array>,
  range: ByteRange,
  onStart: (offset: number) => void,
  onLines: (lines: number) => void = () => {},
): AsyncGenerator<Uint8Array> {
  let lines = 0;
  let endsInNewline = true;
  for await (const part of keptBytes(bytes, range, onStart)) {
    for (let at = part.indexOf(LF); at !== -1; at = part.indexOf(LF, at + 1)) lines++;
    endsInNewline = part[part.length - 1] === LF;
    yield part;
  }
  onLines(endsInNewline ? lines : lines + 1);
}

async function* keptBytes(
  bytes: AsyncIterable<Uint8Array>,
  range: ByteRange,
  onStart: (offset: number) => void,
): AsyncGenerator<Buffer> {
  // File offset of the next chunk's first byte.
  let offset = Math.max(0, range.start - 1);
  let started = range.start === 0;
  if (started) onStart(0);
  for await (const chunk of bytes) {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    if (!started) {
      // Byte start - 1 is the first we read: a newline there means a line starts exactly at start.
      const newline = buf.indexOf(LF);
      if (newline === -1) {
        offset += buf.length;
        continue;
      }
      from = newline + 1;
      // The first line start is past the range: no line starts in it.
      if (offset + from >= range.end) return;
      started = true;
      onStart(offset + from);
    }
    // The last line kept is the one holding byte end - 1: cut after its newline.
    const last = range.end - 1 - offset;
    if (last < buf.length) {
      const newline = buf.indexOf(LF, Math.max(from, last));
      if (newline !== -1) {
        if (newline + 1 > from) yield buf.subarray(from, newline + 1);
        return;
      }
    }
    if (from < buf.length) yield from === 0 ? buf : buf.subarray(from);
    offset += buf.length;
  }
}
