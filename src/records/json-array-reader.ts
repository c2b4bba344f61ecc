import { isUtf8 } from "node:buffer";
import { tmpdir } from "node:os";
import type { RecordItem } from "../types.js";
import { JsonArraySplitter } from "./json-array-splitter.js";
import { isJsonObject } from "./json-type.js";
import { JsonValueReader } from "./json-value-reader.js";
import { DEFAULT_MAX_LINE_BYTES } from "./line-splitter.js";
import { deleteSpill } from "./spill-file.js";

/** Options of {@link readJsonArray}. */
export interface ReadJsonArrayOptions {
  /**
   * Largest element, in bytes (counted from the end of the previous element, so the separator
   * before it counts too). A larger element is an error item; its bytes are parsed but not held,
   * and reading goes on after it. A top-level object over the cap ends the file. @default 64 MiB
   */
  maxRecordBytes?: number;
  /**
   * Give every object or array element its exact bytes as `raw` (from its `{` or `[` to the
   * matching close; the separators and blank space around it are not part of it), for `--emit`.
   * A scalar element (an error) gets its JSON text. An element over the cap, and the rest of a
   * file after a syntax error, are written to a temporary file instead (`rawFile`, see
   * `readJsonl`), so no byte is lost. @default false
   */
  keepRaw?: boolean;
  /** With `keepRaw`, the folder of the `rawFile` temporary files. @default os.tmpdir() */
  spillDir?: string;
  /**
   * Cut plain arrays of objects with {@link JsonArraySplitter} and parse each element with
   * `JSON.parse`; false reads everything with stream-json (the tests compare the two). @default true
   */
  fast?: boolean;
}

/**
 * The records of a JSON file, streamed in constant memory: for a top-level array, each element
 * (index = element index); for a top-level object, that object (index 0). An element that is not an
 * object (`expected a JSON object, got number`) or is over the record cap is an error item, and
 * reading goes on. Items carry `index` only: no lines or byte offsets.
 *
 * A syntax error, a truncated file, or data after the top-level value yields one error item and
 * ends the file, since the parser cannot resync. A file with no value, or a scalar at the top, is
 * one error item too. An empty array gives no records.
 *
 * A plain array of objects is cut into elements by {@link JsonArraySplitter} and each element parsed
 * with `JSON.parse` when it is handed out, like a JSONL line: about twice as fast as stream-json and
 * with far less garbage. At the first thing that is not plain (a scalar element, invalid JSON, an
 * element over the cap, a top-level object…) stream-json takes over from the end of the last good
 * element, so every item, message and raw byte is the one stream-json alone would give.
 */
export function readJsonArray(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadJsonArrayOptions = {},
): AsyncGenerator<RecordItem> {
  const keepRaw = options.keepRaw === true;
  // Returned as it is, not wrapped: a generator around it would add an async step per record.
  return readArray<RecordItem>(
    bytes,
    options,
    (piece, index, value) => {
      const item: RecordItem = { type: "record", value, index };
      // A copy: a view would keep the whole chunk alive as long as the item.
      if (keepRaw) item.raw = Buffer.from(piece);
      return item;
    },
    (item) => item,
  );
}

/** What {@link readJsonArraySteps} gives: a plain element, or an item of the slow path. */
export type JsonArrayStep =
  | {
      type: "element";
      /** From its `{` to the matching `}`: a view of a chunk, valid until the next step. */
      bytes: Buffer;
      index: number;
    }
  | { type: "item"; item: RecordItem };

/**
 * {@link readJsonArray}'s records as the bytes of each element while the array is plain (each
 * checked to parse as an object), then, from the first thing that is not, stream-json's items: for
 * a thread that hands elements to others to parse and scan (see `streamShare`).
 */
export function readJsonArraySteps(
  bytes: AsyncIterable<Uint8Array>,
  options: Pick<ReadJsonArrayOptions, "maxRecordBytes"> = {},
): AsyncGenerator<JsonArrayStep> {
  return readArray<JsonArrayStep>(
    bytes,
    options,
    (piece, index) => ({ type: "element", bytes: piece, index }),
    (item) => ({ type: "item", item }),
  );
}

/**
 * The item of an element {@link readJsonArraySteps} handed out, parsed again where it is scanned.
 * @throws Error if the bytes are not the object they were when they were handed out
 */
export function elementRecord(bytes: Buffer, index: number): RecordItem {
  const value = plainObject(bytes);
  if (value === undefined) throw new Error(`records: element ${index} is no longer a JSON object`);
  return { type: "record", value, index };
}

/** The reading shared by the two: the fast path's elements through `element`, stream-json's items through `item`. */
async function* readArray<T>(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadJsonArrayOptions,
  element: (bytes: Buffer, index: number, value: Record<string, unknown>) => T,
  item: (item: RecordItem) => T,
): AsyncGenerator<T> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const keepRaw = options.keepRaw === true;
  const reader = new JsonValueReader(max, keepRaw, options.spillDir ?? tmpdir());
  const chunks = bytes[Symbol.asyncIterator]();
  try {
    if (options.fast === false) {
      for await (const slow of readWithStreamJson(reader, chunks, [])) yield item(slow);
      return;
    }
    const splitter = new JsonArraySplitter(max);
    let count = 0;
    for (;;) {
      const chunk = await chunks.next();
      const end = chunk.done ? splitter.end() : undefined;
      const pieces = chunk.done ? (end === undefined ? [] : [end]) : splitter.push(chunk.value);
      for (const piece of pieces) {
        const value = piece.type === "element" ? plainObject(piece.bytes) : undefined;
        if (piece.type !== "element" || value === undefined) {
          if (count > 0) reader.resumeAfter(count);
          for await (const slow of readWithStreamJson(reader, chunks, splitter.rest(piece.from))) {
            yield item(slow);
          }
          return;
        }
        yield element(piece.bytes, count++, value);
      }
      if (chunk.done) return;
    }
  } finally {
    await chunks.return?.();
  }
}

/** Elements the fast path could not parse: invalid UTF-8 is decoded as stream-json's decoder does. */
const replacingDecoder = new TextDecoder("utf-8", { fatal: false });

/** An element of the fast path, parsed; undefined if it is not a valid JSON object. */
function plainObject(bytes: Buffer): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(isUtf8(bytes) ? bytes.toString("utf8") : replacingDecoder.decode(bytes));
  } catch {
    return undefined;
  }
  return isJsonObject(value) ? value : undefined;
}

/** The items of {@link JsonValueReader} over the chunks of `first`, then the rest of `chunks`. */
async function* readWithStreamJson(
  reader: JsonValueReader,
  chunks: AsyncIterator<Uint8Array>,
  first: Uint8Array[],
): AsyncGenerator<RecordItem> {
  let head = 0;
  const nextChunk = (): Promise<IteratorResult<Uint8Array>> | IteratorResult<Uint8Array> =>
    head < first.length ? { done: false, value: first[head++] as Uint8Array } : chunks.next();
  let items: RecordItem[] = [];
  // Index of the next item to hand out: on an early stop, the spill files of those from it on are ours.
  let next = 0;
  try {
    for (let chunk = await nextChunk(); !chunk.done; chunk = await nextChunk()) {
      items = reader.push(chunk.value);
      if (reader.stopped && reader.spilling) {
        // With keepRaw the bytes from the break to the end of the file go to the stop's error item.
        for (let rest = await nextChunk(); !rest.done; rest = await nextChunk()) reader.spillMore(rest.value);
        reader.finishSpill(items);
      }
      for (next = 0; next < items.length; ) yield items[next++] as RecordItem;
      if (reader.stopped) return;
    }
    items = reader.end();
    for (next = 0; next < items.length; ) yield items[next++] as RecordItem;
  } finally {
    reader.discardSpill();
    for (const item of items.slice(next)) if (item.rawFile !== undefined) deleteSpill(item.rawFile);
  }
}
