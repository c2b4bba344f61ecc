/**
 * What {@link JsonArraySplitter} finds: the bytes of one element that looks like an object, or the
 * point where the input stops looking like a plain array of objects. `from` is the stream offset
 * where the bytes since the previous element end begin (the start of the stream for the first
 * element): a reader that takes over from there sees the input as if it had read it all.
 */
export type ArrayPiece =
  | {
      type: "element";
      /** From its `{` to the matching `}`: a view of a chunk, or a copy if it spans chunks. */
      bytes: Buffer;
      from: number;
    }
  | { type: "unusual"; from: number };

const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

// Where the splitter is (plain numbers: the state is compared at every byte between elements).
/** Before the `[` (a BOM and blank space may come first). */
const START = 0;
/** After the `[`: an element or `]`. */
const OPEN = 1;
/** After a `,`: an element. */
const NEXT = 2;
/** After an element: `,` or `]`. */
const AFTER = 3;
/** After the `]`: only blank space. */
const DONE = 4;
/** Inside an element. */
const ELEMENT = 5;
/** Gave up: the rest is another reader's. */
const UNUSUAL = 6;

/**
 * Cuts a top-level JSON array of objects into the bytes of its elements, chunk by chunk, without
 * parsing them: it only tracks strings, escapes and bracket depth, so it runs at several hundred
 * MB/s and allocates nothing per element but a view. It checks only the array's own syntax (a BOM,
 * blank space, `[`, `,`, `]`); whether an element is valid JSON is for its parser to say.
 *
 * At anything else — a top-level object, an element that does not start with `{`, a missing or
 * trailing comma, junk after the `]`, bytes since the last element over `maxBytes`, or an early end
 * — it yields an `unusual` piece and stops: from that piece's `from`, {@link rest} gives the bytes
 * a general parser needs to carry on (it holds no more than `maxBytes` plus a chunk).
 */
export class JsonArraySplitter {
  readonly #max: number;
  #at = START;
  /** How many bytes of a leading BOM were seen (3: all of it). */
  #bom = 0;
  /** The chunk being split and its stream offset. */
  #chunk: Buffer = Buffer.alloc(0);
  #chunkStart = 0;
  /** Stream offset where the bytes since the last element end begin. */
  #since = 0;
  /** The bytes from `#since` as it was when the current chunk came, up to that chunk (views of earlier chunks). */
  #carry: Buffer[] = [];
  /** Inside an element: its stream offset, open brackets, and the string and escape state. */
  #elementStart = 0;
  #depth = 0;
  #inString = false;
  #escape = false;

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  /** The elements that end in `chunk`, then at most one `unusual` piece, after which it stops. */
  push(chunk: Uint8Array): ArrayPiece[] {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const previous = this.#chunk;
    const previousStart = this.#chunkStart;
    // The carry stays valid through a whole push, for `rest`: it is rebuilt here, not when an element ends.
    if (this.#since >= previousStart) this.#carry = [previous.subarray(this.#since - previousStart)];
    else this.#carry.push(previous);
    this.#chunk = buf;
    this.#chunkStart = previousStart + previous.length;
    const out: ArrayPiece[] = [];
    if (this.#at !== UNUSUAL && buf.length > 0) this.#split(buf, out);
    if (this.#at !== UNUSUAL && this.#chunkStart + buf.length - this.#since > this.#max) this.#giveUp(out);
    return out;
  }

  /** At the end of the stream: an `unusual` piece unless the array was closed. */
  end(): ArrayPiece | undefined {
    if (this.#at === DONE || this.#at === UNUSUAL) return undefined;
    this.#at = UNUSUAL;
    return { type: "unusual", from: this.#since };
  }

  /**
   * Every byte from stream offset `from` (a piece's, from the last {@link push}) to the end of the
   * last chunk pushed, cut where the chunks were: a reader that depends on where its chunks end (as
   * stream-json's error recovery does) then sees them as if it had been given them.
   */
  rest(from: number): Buffer[] {
    const chunk = this.#chunk;
    if (from >= this.#chunkStart) return [chunk.subarray(from - this.#chunkStart)];
    return [...this.#carry, chunk];
  }

  #split(buf: Buffer, out: ArrayPiece[]): void {
    const n = buf.length;
    const base = this.#chunkStart;
    let i = 0;
    if (this.#at === ELEMENT) {
      i = this.#scanElement(buf, 0, out);
      if (i < 0) return;
    }
    while (i < n) {
      const byte = buf[i] as number;
      if (this.#at === START) {
        const offset = base + i;
        if (offset < 3 && offset === this.#bom && byte === BOM[offset]) {
          this.#bom++;
          i++;
          continue;
        }
        // Only a whole BOM is dropped; the start of one is not JSON.
        if (this.#bom === 1 || this.#bom === 2) break;
      }
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
        i++;
        continue;
      }
      if (this.#at === START && byte === OPEN_BRACKET) {
        this.#at = OPEN;
        i++;
        continue;
      }
      if ((this.#at === OPEN || this.#at === NEXT) && byte === OPEN_BRACE) {
        this.#at = ELEMENT;
        this.#elementStart = base + i;
        this.#depth = 0;
        i = this.#scanElement(buf, i, out);
        if (i < 0) return;
        continue;
      }
      if (this.#at === OPEN && byte === CLOSE_BRACKET) {
        this.#at = DONE;
        i++;
        continue;
      }
      if (this.#at === AFTER && (byte === COMMA || byte === CLOSE_BRACKET)) {
        this.#at = byte === COMMA ? NEXT : DONE;
        i++;
        continue;
      }
      break;
    }
    // Anything else is not a plain array of objects.
    if (i < n) this.#giveUp(out);
  }

  /**
   * Reads an element's bytes from `i` (its `{`, or the start of a chunk it goes on in): returns
   * where to go on after its end, or the chunk's length while it is still open, or -1 if the
   * splitter gave up.
   */
  #scanElement(buf: Buffer, start: number, out: ArrayPiece[]): number {
    const n = buf.length;
    let i = start;
    let depth = this.#depth;
    let inString = this.#inString;
    if (this.#escape) {
      // The escaped byte was the first of this chunk.
      this.#escape = false;
      i++;
    }
    let quote = -1;
    let backslash = -1;
    while (i < n) {
      if (inString) {
        // Strings are most of the bytes: jump through them with indexOf.
        if (quote < i) quote = indexOrEnd(buf, QUOTE, i);
        if (backslash < i) backslash = indexOrEnd(buf, BACKSLASH, i);
        if (backslash < quote) {
          i = backslash + 2;
          if (i > n) this.#escape = true;
          continue;
        }
        i = quote + 1;
        if (quote < n) inString = false;
        continue;
      }
      const byte = buf[i++] as number;
      if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
        this.#depth = 0;
        this.#inString = false;
        this.#at = AFTER;
        return this.#element(buf, i, out) ? i : -1;
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    return n;
  }

  /** The element ends before `end` in `buf`. */
  #element(buf: Buffer, end: number, out: ArrayPiece[]): boolean {
    const from = this.#since;
    const base = this.#chunkStart;
    if (base + end - from > this.#max) {
      this.#giveUp(out);
      return false;
    }
    const bytes =
      this.#elementStart >= base
        ? buf.subarray(this.#elementStart - base, end)
        : Buffer.concat([...this.#carry, buf.subarray(0, end)]).subarray(this.#elementStart - from);
    out.push({ type: "element", bytes, from });
    this.#since = base + end;
    return true;
  }

  #giveUp(out: ArrayPiece[]): void {
    this.#at = UNUSUAL;
    out.push({ type: "unusual", from: this.#since });
  }
}

function indexOrEnd(buf: Buffer, byte: number, from: number): number {
  const at = buf.indexOf(byte, from);
  return at === -1 ? buf.length : at;
}
