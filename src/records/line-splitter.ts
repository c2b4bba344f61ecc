import { tmpdir } from "node:os";
import { describeFsError } from "../sources/describe-fs-error.js";
import { deleteSpill, SpillFile } from "./spill-file.js";

/** Default cap on one line (one record), in bytes: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** One line of the stream, without its `\n` or `\r\n`. */
export interface Line {
  type: "line";
  /**
   * The line's bytes. Usually a view of the chunk it came from (no copy): keep it only as long as
   * the producer of the chunks does not reuse their memory (files, zlib and `decompress` never do).
   */
  bytes: Buffer;
  /** 1-based line number; blank lines count. */
  line: number;
  /** Offset of the line's first byte in the stream (a leading BOM counts). */
  byteOffset: number;
  /**
   * Set (only with {@link SplitLinesOptions.keepRaw}) when a `\r` was cut from the end of `bytes`:
   * the line ended in `\r\n`, or was the last one and ended in `\r`.
   */
  cr?: true;
}

/**
 * A line longer than the cap: reported once, when it ends. Its bytes are never held in memory; with
 * {@link SplitLinesOptions.keepRaw} they are written to a spill file as they stream past.
 */
export interface OversizeLine {
  type: "oversize";
  line: number;
  byteOffset: number;
  /** The line's full length in bytes, without its line terminator. */
  size: number;
  /**
   * With `keepRaw`: path of a temporary file holding the line's raw bytes (without its `\n`, with
   * the `\r` of a `\r\n`). The file is the caller's from now on, to move or delete.
   */
  spill?: string;
}

/** What {@link LineSplitter} and {@link splitLines} produce. */
export type LinePiece = Line | OversizeLine;

/** Options of {@link LineSplitter} and {@link splitLines}. */
export interface SplitLinesOptions {
  /** Longest line kept, in bytes; a longer one becomes an {@link OversizeLine}. @default 64 MiB */
  maxLineBytes?: number;
  /**
   * Keep what a caller needs to rebuild each line's raw bytes: `cr: true` on lines whose `\r` was
   * cut, and an over-size line's bytes in a spill file ({@link OversizeLine.spill}). @default false
   */
  keepRaw?: boolean;
  /** Drop a UTF-8 BOM at the start of the stream; false for a stream that starts mid-file. @default true */
  bom?: boolean;
  /** Folder of the spill files. @default os.tmpdir() */
  spillDir?: string;
}

const EMPTY = Buffer.alloc(0);
const LF = 0x0a;
const CR = 0x0d;
/** A partial-line buffer bigger than this is dropped after use rather than kept for the next one. */
const KEEP_TAIL_BYTES = 4 << 20;

/**
 * Splits a byte stream into lines, chunk by chunk, synchronously: {@link splitLines} is the async
 * wrapper; readers that want one async step per record rather than two use this directly.
 *
 * Handles `\n` and `\r\n`, a UTF-8 BOM at the start (skipped, but counted in byte offsets), a last
 * line without a newline, and lines split across chunks at any byte, including inside a UTF-8
 * character (lines are bytes here; decoding happens per line). Lines inside one chunk are views of
 * it; only a line that spans chunks is copied. Memory stays bounded by the cap: an over-long line is
 * counted, not buffered, up to its newline (with `keepRaw`, written to a spill file instead).
 *
 * With `keepRaw`, a caller that stops before {@link LineSplitter.end}, or after a throw (a spill
 * file that cannot be written), calls {@link LineSplitter.close} so no spill file is left behind.
 */
export class LineSplitter {
  readonly #max: number;
  readonly #keepRaw: boolean;
  readonly #spillDir: string;
  #line = 1;
  /** Stream offset of the current line's first byte. */
  #lineStart = 0;
  /** Stream offset of the next chunk's first byte. */
  #offset = 0;
  /** The start of the current line when it began in an earlier chunk. */
  #tail: Buffer = EMPTY;
  #tailLength = 0;
  /** Bytes of the current line once it went over the cap; -1 while it has not. */
  #overflow = -1;
  #lastByte = -1;
  /** First bytes held until we know whether they are a BOM; null once decided. */
  #head: Buffer | null = EMPTY;
  /** Where the current over-size line's bytes go, with `keepRaw`. */
  #spill: SpillFile | null = null;

  constructor(options: SplitLinesOptions = {}) {
    this.#max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#keepRaw = options.keepRaw === true;
    this.#spillDir = options.spillDir ?? tmpdir();
    if (options.bom === false) this.#head = null;
  }

  /** Splits the next chunk; returns the lines it completes, in order. */
  push(chunk: Uint8Array): LinePiece[] {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: LinePiece[] = [];
    if (this.#head !== null) {
      const rest = this.#skipBom(buf);
      if (rest === null) return out;
      buf = rest;
    }
    try {
      this.#split(buf, out);
    } catch (error) {
      this.close(out);
      throw error;
    }
    return out;
  }

  /** Ends the stream; returns the last line if it had no newline. The splitter is spent after. */
  end(): LinePiece[] {
    const out: LinePiece[] = [];
    try {
      if (this.#head !== null && this.#head.length > 0) this.#split(this.#head, out);
      this.#head = null;
      if (this.#overflow >= 0) {
        out.push(this.#oversize(this.#overflow - (this.#lastByte === CR ? 1 : 0)));
      } else if (this.#tailLength > 0) {
        this.#finishTail(EMPTY, 0, 0, out);
      }
    } catch (error) {
      this.close(out);
      throw error;
    }
    return out;
  }

  /**
   * Deletes the spill files nobody will read: the one of a line not yet ended, and those of
   * `unclaimed`, pieces this splitter returned that the caller did not pass on. Never throws.
   */
  close(unclaimed: Iterable<LinePiece> = []): void {
    this.#spill?.discard();
    this.#spill = null;
    for (const piece of unclaimed) if (piece.type === "oversize" && piece.spill) deleteSpill(piece.spill);
  }

  #skipBom(buf: Buffer): Buffer | null {
    const head = this.#head as Buffer;
    const data = head.length > 0 ? Buffer.concat([head, buf]) : buf;
    // A BOM cut across chunks: wait for its third byte before deciding.
    if (data.length < 3 && (data.length === 0 || data[0] === 0xef) && (data.length < 2 || data[1] === 0xbb)) {
      this.#head = Buffer.from(data);
      return null;
    }
    this.#head = null;
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
      this.#offset = this.#lineStart = 3;
      return data.subarray(3);
    }
    return data;
  }

  #split(buf: Buffer, out: LinePiece[]): void {
    const n = buf.length;
    const max = this.#max;
    let pos = 0;
    while (pos < n) {
      const nl = buf.indexOf(LF, pos);
      if (nl === -1) {
        this.#hold(buf, pos, n);
        break;
      }
      if (this.#overflow >= 0) {
        if (nl > pos) this.#lastByte = buf[nl - 1] as number;
        this.#spillPart(buf, pos, nl);
        out.push(this.#oversize(this.#overflow + (nl - pos) - (this.#lastByte === CR ? 1 : 0)));
        this.#overflow = -1;
      } else if (this.#tailLength > 0) {
        this.#finishTail(buf, pos, nl, out);
      } else {
        // The common case: the whole line is inside this chunk, so hand out a view.
        const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
        if (end - pos > max) {
          this.#spillPart(buf, pos, nl);
          out.push(this.#oversize(end - pos));
        } else {
          const line: Line = {
            type: "line",
            bytes: buf.subarray(pos, end),
            line: this.#line,
            byteOffset: this.#lineStart,
          };
          if (this.#keepRaw && end !== nl) line.cr = true;
          out.push(line);
        }
      }
      pos = nl + 1;
      this.#line++;
      this.#lineStart = this.#offset + pos;
    }
    this.#offset += n;
  }

  /** Keeps `buf[pos, n)`, the start of a line that continues in a later chunk. */
  #hold(buf: Buffer, pos: number, n: number): void {
    this.#lastByte = buf[n - 1] as number;
    if (this.#overflow >= 0) {
      this.#overflow += n - pos;
      this.#spillPart(buf, pos, n);
      return;
    }
    const length = this.#tailLength + (n - pos);
    // One byte of slack: a line of exactly the cap may still be followed by the `\r` of its `\r\n`.
    if (length > this.#max + 1) {
      this.#overflow = length;
      this.#spillPart(this.#tail, 0, this.#tailLength);
      this.#spillPart(buf, pos, n);
      this.#releaseTail();
      return;
    }
    if (length > this.#tail.length) {
      // Doubling keeps a line spread over many small chunks linear; the cap bounds the growth.
      const grown = Buffer.allocUnsafe(
        Math.min(Math.max(length, this.#tail.length * 2, 1024), this.#max + 1),
      );
      this.#tail.copy(grown, 0, 0, this.#tailLength);
      this.#tail = grown;
    }
    buf.copy(this.#tail, this.#tailLength, pos, n);
    this.#tailLength = length;
  }

  /** Completes a line that began in an earlier chunk with `buf[pos, end)`. */
  #finishTail(buf: Buffer, pos: number, end: number, out: LinePiece[]): void {
    const tailLength = this.#tailLength;
    const total = tailLength + (end - pos);
    const last = end > pos ? buf[end - 1] : this.#tail[tailLength - 1];
    const length = last === CR ? total - 1 : total;
    if (length > this.#max) {
      this.#spillPart(this.#tail, 0, tailLength);
      this.#spillPart(buf, pos, end);
      out.push(this.#oversize(length));
    } else {
      // A copy, because the tail buffer is reused for the next partial line.
      const bytes = Buffer.allocUnsafe(length);
      this.#tail.copy(bytes, 0, 0, Math.min(tailLength, length));
      if (length > tailLength) buf.copy(bytes, tailLength, pos, pos + (length - tailLength));
      const line: Line = { type: "line", bytes, line: this.#line, byteOffset: this.#lineStart };
      if (this.#keepRaw && length !== total) line.cr = true;
      out.push(line);
    }
    this.#tailLength = 0;
    if (this.#tail.length > KEEP_TAIL_BYTES) this.#releaseTail();
  }

  #releaseTail(): void {
    this.#tail = EMPTY;
    this.#tailLength = 0;
  }

  /** The piece for the current line, over the cap; with `keepRaw`, its spill file is complete. */
  #oversize(size: number): OversizeLine {
    const piece: OversizeLine = { type: "oversize", line: this.#line, byteOffset: this.#lineStart, size };
    if (this.#spill !== null) {
      try {
        piece.spill = this.#spill.finish();
      } catch (error) {
        throw this.#spillError(error);
      }
      this.#spill = null;
    }
    return piece;
  }

  /** With `keepRaw`, appends `buf[start, end)` to the current line's spill file, opened on first use. */
  #spillPart(buf: Buffer, start: number, end: number): void {
    if (!this.#keepRaw) return;
    try {
      this.#spill ??= new SpillFile(this.#spillDir);
      this.#spill.write(buf, start, end);
    } catch (error) {
      throw this.#spillError(error);
    }
  }

  #spillError(error: unknown): Error {
    return new Error(
      `records: cannot write over-size line ${this.#line} to a temporary file in ${this.#spillDir} (${describeFsError(error)})`,
      { cause: error },
    );
  }
}

/** Whether a line is empty or JSON whitespace only (space, tab, CR): readers skip it as a record. */
export function isBlankLine(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

/** The error message for an over-size line, the same in every line-based reader. */
export function describeOversize(piece: OversizeLine, maxLineBytes = DEFAULT_MAX_LINE_BYTES): string {
  return `line is ${piece.size} bytes, over the ${maxLineBytes}-byte record cap`;
}

/**
 * The lines of a byte stream, one at a time; see {@link LineSplitter} for what is handled. Blank
 * lines are yielded too, so line numbers stay right; skipping them is the caller's choice. A spill
 * file is the caller's once its piece is yielded; stopping early deletes the others.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  options: SplitLinesOptions = {},
): AsyncGenerator<LinePiece> {
  const splitter = new LineSplitter(options);
  let pieces: LinePiece[] = [];
  // Index of the next piece to hand out: on an early stop, those from it on are unclaimed.
  let next = 0;
  try {
    for await (const chunk of chunks) {
      pieces = splitter.push(chunk);
      for (next = 0; next < pieces.length; ) yield pieces[next++] as LinePiece;
    }
    pieces = splitter.end();
    for (next = 0; next < pieces.length; ) yield pieces[next++] as LinePiece;
  } finally {
    splitter.close(pieces.slice(next));
  }
}

/** A copy of a line's raw bytes: its bytes, plus the `\r` the splitter cut (see {@link Line.cr}). */
export function rawBytesOf(piece: Line): Uint8Array {
  const { bytes } = piece;
  const raw = new Uint8Array(bytes.length + (piece.cr ? 1 : 0));
  raw.set(bytes);
  if (piece.cr) raw[bytes.length] = CR;
  return raw;
}
