import type { LinePiece } from "../records/line-splitter.js";

/**
 * Lines of a stream split in one thread, to be scanned in another: their bytes end to end, and four
 * numbers per line — its number, its offset in the stream, where its bytes start in `bytes` (-1 for
 * a line over the record cap, whose bytes were never kept) and their length (that line's size).
 * Typed arrays: `bytes` over shared memory, so a batch crosses to a worker thread uncopied.
 */
export interface LineBatch {
  bytes: Uint8Array;
  pieces: Float64Array;
}

const FIELDS = 4;
/** Spare buffers kept: as many as batches in flight, about. */
const MAX_SPARE = 16;
const OVERSIZE = -1;

/**
 * Packs {@link LinePiece}s into {@link LineBatch}es, in shared memory: posting a batch to a worker
 * then copies nothing (cloning 8 MiB cost the main thread ~100 ms a batch, in serialiser buffer
 * growth and page faults), and the batch stays readable here should its task run again. A batch
 * whose task is done is {@link recycle}d: fresh memory costs a page fault per 4 KiB.
 */
export class LineBatchPacker {
  #bytes: Uint8Array;
  #used = 0;
  #pieces: number[] = [];
  readonly #spare: Uint8Array[] = [];

  constructor(readonly capacity: number) {
    this.#bytes = sharedBytes(capacity);
  }

  /** Takes back the memory of a batch no thread reads any more. */
  recycle(batch: LineBatch): void {
    const whole = new Uint8Array(batch.bytes.buffer);
    if (whole.length === this.capacity && this.#spare.length < MAX_SPARE) this.#spare.push(whole);
  }

  /** Bytes of the lines packed since the last {@link take}. */
  get byteLength(): number {
    return this.#used;
  }

  /** Lines packed since the last {@link take}. */
  get length(): number {
    return this.#pieces.length / FIELDS;
  }

  add(piece: LinePiece): void {
    if (piece.type === "oversize") {
      this.#pieces.push(piece.line, piece.byteOffset, OVERSIZE, piece.size);
      return;
    }
    const { bytes } = piece;
    const need = this.#used + bytes.length;
    if (need > this.#bytes.length) {
      // A line longer than a batch: the batch holds it whole (the record cap bounds it).
      const bigger = sharedBytes(Math.max(need, this.#bytes.length * 2));
      bigger.set(this.#bytes.subarray(0, this.#used));
      this.#bytes = bigger;
    }
    this.#bytes.set(bytes, this.#used);
    this.#pieces.push(piece.line, piece.byteOffset, this.#used, bytes.length);
    this.#used = need;
  }

  /** The lines packed so far, as a batch of their own: the packer starts a new one. */
  take(): LineBatch {
    const batch = { bytes: this.#bytes.subarray(0, this.#used), pieces: Float64Array.from(this.#pieces) };
    this.#bytes = this.#spare.pop() ?? sharedBytes(this.capacity);
    this.#used = 0;
    this.#pieces = [];
    return batch;
  }
}

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** The lines of a batch, as the splitter gave them (line bytes are views of the batch). */
export function* piecesOf(batch: LineBatch): Generator<LinePiece> {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const { pieces } = batch;
  for (let i = 0; i < pieces.length; i += FIELDS) {
    const line = pieces[i] as number;
    const byteOffset = pieces[i + 1] as number;
    const start = pieces[i + 2] as number;
    const length = pieces[i + 3] as number;
    yield start === OVERSIZE
      ? { type: "oversize", line, byteOffset, size: length }
      : { type: "line", bytes: bytes.subarray(start, start + length), line, byteOffset };
  }
}

/**
 * `lines 1201–2400` of a batch, for messages; `elements 300–599` of a JSON array's, whose pieces
 * carry element indexes in place of line numbers.
 */
export function describeBatch(batch: LineBatch, unit: "lines" | "elements"): string {
  const { pieces } = batch;
  if (pieces.length === 0) return `no ${unit}`;
  return `${unit} ${pieces[0]}–${pieces[pieces.length - FIELDS]}`;
}
