import Assembler from "stream-json/assembler.js";
import { jsonParser, type Token } from "stream-json/parser.js";
import type { RecordItem } from "../types.js";
import { isJsonObject, jsonTypeOf } from "./json-type.js";
import { SpillFile } from "./spill-file.js";

const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const NO_TOKENS: Token[] = [];
const RESUME_PREFIX = Buffer.from("[{}");
/** Marks an element dropped for its size. */
const SKIPPED = Symbol("skipped");
const OBJECT_OVER_CAP = (max: number): string => `the top-level object is over the ${max}-byte record cap`;

/**
 * The general reader of `readJsonArray`, over stream-json: every JSON file, however unusual, from
 * the start or (see {@link JsonValueReader.resumeAfter}) from the end of an element the fast path
 * handed out. Push chunks, hand out the items each push returns, then call {@link end}.
 *
 * The parser and the assembler driven synchronously. The stream-json Node streams would be simpler
 * but are 2.5× slower here, and lose items on errors: the parser throws away every token of the
 * text it was given when it fails, and a failing pipeline discards what its buffers hold. Feeding
 * the parser up to each `}` and `]` means a failure costs at most the element it is in, so the
 * records before a syntax error, or before junk after the array, are the same at any chunk size.
 */
export class JsonValueReader {
  readonly #max: number;
  readonly #parse = jsonParser({ streamValues: false });
  readonly #assembler = new Assembler();
  // Decodes across chunk boundaries, and drops a leading BOM, which the parser would reject.
  readonly #decoder = new TextDecoder("utf-8", { fatal: false });
  #state: "start" | "array" | "object" | "after" | "stopped" = "start";
  /** Elements completed so far: the index of the next one. */
  #count = 0;
  /**
   * Bytes fed since the last element ended. The parser is fed up to each `}` and `]`, so for an
   * object this is its exact size plus the separator before it, whatever the chunking.
   */
  #elementBytes = 0;
  /** While skipping an over-size element: how many containers inside it are open; else -1. */
  #skipDepth = -1;
  #out: RecordItem[] = [];
  readonly #keepRaw: boolean;
  /**
   * With keepRaw: the bytes of the element being read, or null between elements. The parser is
   * then also fed up to each `{` and `[`, so an element starts at the last byte of a feed and ends
   * at the last byte of another: every feed in between belongs to it whole.
   */
  #raw: Buffer[] | null = null;
  /** The bytes of the feed being parsed (keepRaw only). */
  #feeding: Buffer = Buffer.alloc(0);
  /** keepRaw: every feed since the last element ended (separators too), for a break between elements. */
  #since: Buffer[] = [];
  /** keepRaw: where an over-size element, or the rest of a broken file, is going. */
  #spill: SpillFile | null = null;
  readonly #spillDir: string;

  constructor(max: number, keepRaw: boolean, spillDir: string) {
    this.#max = max;
    this.#keepRaw = keepRaw;
    this.#spillDir = spillDir;
  }

  /** A spill is open for the rest of the file (after a stop) or an over-size element. */
  get spilling(): boolean {
    return this.#spill !== null;
  }

  /** After a stop: appends the next chunk of the file to the spill. */
  spillMore(chunk: Uint8Array): void {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.#spill?.write(buf, 0, buf.length);
  }

  /** After a stop: hands the spill to the stop's error item, the last of `items`. */
  finishSpill(items: RecordItem[]): void {
    const last = items.at(-1);
    if (this.#spill === null || last === undefined) return;
    last.rawFile = this.#spill.finish();
    this.#spill = null;
  }

  /** Deletes a spill nobody received (the reader was stopped early). */
  discardSpill(): void {
    this.#spill?.discard();
    this.#spill = null;
  }

  /**
   * Takes over in the middle of an array whose first `count` elements another reader handed out,
   * right after the last one's closing byte.
   */
  resumeAfter(count: number): void {
    // The state after `[{}`: the decoder past any BOM, the parser expecting `,` or `]`, and the
    // assembler holding an empty array.
    this.#parse(this.#decoder.decode(RESUME_PREFIX, { stream: true }));
    this.#assembler.consume({ name: "startArray" });
    this.#state = "array";
    this.#count = count;
  }

  /** The file ended for good (a syntax error, junk after the value, a top-level object over the cap). */
  get stopped(): boolean {
    return this.#state === "stopped";
  }

  /** The items completed by the next chunk of the file. */
  push(chunk: Uint8Array): RecordItem[] {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = buf.length;
    if (this.#keepRaw) return this.#pushKeepingRaw(buf);
    let brace = buf.indexOf(CLOSE_BRACE);
    let bracket = buf.indexOf(CLOSE_BRACKET);
    let pos = 0;
    while (pos < n && this.#state !== "stopped") {
      if (brace !== -1 && brace < pos) brace = buf.indexOf(CLOSE_BRACE, pos);
      if (bracket !== -1 && bracket < pos) bracket = buf.indexOf(CLOSE_BRACKET, pos);
      const cut = brace === -1 ? bracket : bracket === -1 ? brace : Math.min(brace, bracket);
      const end = cut === -1 ? n : cut + 1;
      this.#feed(this.#decoder.decode(buf.subarray(pos, end), { stream: true }), end - pos);
      pos = end;
    }
    return this.#take();
  }

  /** {@link push} cutting at every bracket, so element bounds fall on feed bounds (see #raw). */
  #pushKeepingRaw(buf: Buffer): RecordItem[] {
    const n = buf.length;
    let pos = 0;
    while (pos < n && this.#state !== "stopped") {
      let end = pos;
      while (end < n) {
        const byte = buf[end++] as number;
        if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === OPEN_BRACE || byte === OPEN_BRACKET)
          break;
      }
      const feeding = buf.subarray(pos, end);
      this.#feeding = feeding;
      if (this.#spill !== null) {
        this.#spill.write(feeding, 0, feeding.length);
      } else {
        this.#raw?.push(feeding);
        this.#since.push(feeding);
      }
      this.#feed(this.#decoder.decode(feeding, { stream: true }), end - pos);
      pos = end;
      if (this.stopped) this.#spillRest(buf.subarray(end));
    }
    return this.#take();
  }

  /** The file broke: its bytes from the element (or separator) where it broke go to a spill. */
  #spillRest(rest: Buffer): void {
    if (this.#spill === null) {
      this.#spill = new SpillFile(this.#spillDir);
      for (const piece of this.#raw ?? this.#since) this.#spill.write(piece, 0, piece.length);
    }
    this.#spill.write(rest, 0, rest.length);
    this.#raw = null;
    this.#since = [];
  }

  /** The items the end of the file completes: an error item if it ended too soon. */
  end(): RecordItem[] {
    if (this.#state === "stopped") return this.#take();
    // Without the stream-chain `none` flush signal, a trailing space is what completes a number
    // or literal that ends the input.
    this.#feed(`${this.#decoder.decode()} `, 0);
    if (this.#state === "start") {
      this.#stop("expected a JSON array or object, got an empty file", 0);
    } else if (this.#state === "array") {
      this.#stop(`invalid JSON (unexpected end of file in element ${this.#count})`, this.#count);
    } else if (this.#state === "object") {
      this.#stop("invalid JSON (unexpected end of file)", 0);
    }
    const items = this.#take();
    if (this.#keepRaw && this.stopped) {
      // Everything was fed: what is held since the last element is the unreadable rest.
      this.#spillRest(Buffer.alloc(0));
      this.finishSpill(items);
    }
    return items;
  }

  #feed(text: string, byteLength: number): void {
    this.#elementBytes += byteLength;
    let tokens: Token[];
    try {
      const result = this.#parse(text);
      tokens = typeof result === "symbol" ? NO_TOKENS : result.values;
    } catch (error) {
      this.#fail(error);
      return;
    }
    for (const token of tokens) {
      this.#onToken(token);
      if (this.#state === "stopped") return;
    }
    if (this.#elementBytes > this.#max) this.#overCap();
  }

  #onToken(token: Token): void {
    const assembler = this.#assembler;
    switch (this.#state) {
      case "start":
        if (this.#keepRaw && token.name === "startObject") this.#startRaw(token);
        assembler.consume(token);
        if (token.name === "startArray") this.#state = "array";
        else if (token.name === "startObject") this.#state = "object";
        else this.#stop(`expected a JSON array or object, got ${jsonTypeOf(assembler.current)}`, 0);
        return;
      case "array":
        if (this.#skipDepth >= 0) {
          this.#skip(token);
          return;
        }
        if (this.#keepRaw && assembler.depth === 1) this.#startRaw(token);
        assembler.consume(token);
        if (assembler.depth === 1) {
          const elements = assembler.current as unknown[];
          // Popping each finished element keeps the array, and memory, empty.
          if (elements.length > 0) this.#element(elements.pop());
        } else if (assembler.depth === 0) {
          this.#state = "after";
        }
        return;
      case "object":
        assembler.consume(token);
        if (assembler.depth === 0) {
          this.#element(assembler.current);
          this.#state = "after";
        }
        return;
      default:
        return;
    }
  }

  /** An element starts with `token`: its bytes begin with the last byte fed (see #raw). */
  #startRaw(token: Token): void {
    if (token.name === "startObject" || token.name === "startArray") {
      this.#raw = [this.#feeding.subarray(this.#feeding.length - 1)];
    }
  }

  /** The bytes of the element just completed; its JSON text for a scalar. */
  #takeRaw(value: unknown): Uint8Array | undefined {
    const raw = this.#raw;
    this.#raw = null;
    if (raw !== null) return Buffer.concat(raw);
    return value === SKIPPED || value === undefined ? undefined : Buffer.from(JSON.stringify(value));
  }

  /** The element being built went over the cap: drop what is built and only track its depth. */
  #overCap(): void {
    if (this.#state === "object") {
      this.#stop(OBJECT_OVER_CAP(this.#max), 0);
    } else if (this.#state === "array" && this.#skipDepth < 0) {
      this.#skipDepth = this.#assembler.depth - 1;
      this.#assembler.dropToLevel(1);
      if (this.#keepRaw && this.#raw !== null) {
        // Its bytes so far go to a spill, and the rest follows as it is fed.
        this.#spill = new SpillFile(this.#spillDir);
        for (const piece of this.#raw) this.#spill.write(piece, 0, piece.length);
      }
      this.#raw = null;
    }
  }

  #skip(token: Token): void {
    switch (token.name) {
      case "startObject":
      case "startArray":
        this.#skipDepth++;
        return;
      case "endObject":
      case "endArray":
        if (this.#skipDepth === 0) {
          // Only blank space went over the cap, and this ends the array itself.
          this.#skipDepth = -1;
          this.#onToken(token);
        } else if (--this.#skipDepth === 0) {
          this.#element(SKIPPED);
        }
        return;
      case "keyValue":
        return;
      default:
        if (this.#skipDepth === 0) this.#element(SKIPPED);
        return;
    }
  }

  #element(value: unknown): void {
    const index = this.#count++;
    const size = this.#elementBytes;
    this.#elementBytes = 0;
    const raw = this.#keepRaw ? this.#takeRaw(value) : undefined;
    this.#since = [];
    const spill = value === SKIPPED ? this.#spill : null;
    if (spill !== null) this.#spill = null;
    const start = this.#out.length;
    if (value === SKIPPED || size > this.#max) {
      this.#skipDepth = -1;
      const message = `element ${index} is ${size} bytes, over the ${this.#max}-byte record cap`;
      this.#out.push({
        type: "error",
        message: this.#state === "object" ? OBJECT_OVER_CAP(this.#max) : message,
        index,
      });
    } else if (isJsonObject(value)) {
      this.#out.push({ type: "record", value, index });
    } else {
      this.#out.push({ type: "error", message: `expected a JSON object, got ${jsonTypeOf(value)}`, index });
    }
    if (raw !== undefined) (this.#out[start] as RecordItem).raw = raw;
    if (spill !== null) (this.#out[start] as RecordItem).rawFile = spill.finish();
  }

  #fail(error: unknown): void {
    const detail = (error instanceof Error ? error.message : String(error))
      .replace(/^Parser (cannot parse input: |has )/, "")
      .replace(/^./, (c) => c.toLowerCase());
    if (this.#state === "after") {
      this.#stop(`unexpected data after the top-level JSON value (${detail})`, this.#count);
    } else if (this.#state === "array") {
      this.#stop(
        `invalid JSON (${detail}) in element ${this.#count}; the rest of the file is skipped`,
        this.#count,
      );
    } else {
      this.#stop(`invalid JSON (${detail})`, 0);
    }
  }

  #stop(message: string, index: number): void {
    this.#out.push({ type: "error", message, index });
    this.#state = "stopped";
  }

  #take(): RecordItem[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }
}
