import type { RecordItem } from "../types.js";
import { isJsonObject, jsonTypeOf } from "./json-type.js";
import {
  describeOversize,
  isBlankLine,
  type LinePiece,
  LineSplitter,
  rawBytesOf,
  type SplitLinesOptions,
} from "./line-splitter.js";

/** Options of {@link readJsonl}. */
export interface ReadJsonlOptions {
  /** Longest line parsed, in bytes; a longer one is an error item. @default 64 MiB */
  maxRecordBytes?: number;
  /**
   * Give every item (errors too) a copy of its line's bytes as `raw`, for `--emit`; a line over the
   * cap gets them in a temporary file instead, as `rawFile`. @default false
   */
  keepRaw?: boolean;
  /** With `keepRaw`, the folder of the `rawFile` temporary files. @default os.tmpdir() */
  spillDir?: string;
  /** Drop a UTF-8 BOM at the start; false for a stream that starts mid-file (a byte range). @default true */
  bom?: boolean;
}

/**
 * The records of a JSONL stream: each non-blank line is one JSON object. `index` is the 0-based
 * line number (blank and whitespace-only lines count as lines, though they are not records), `line`
 * the 1-based one, `byteOffset` where the line starts in the decoded stream.
 *
 * A line that cannot be used is an error item and the scan goes on: invalid JSON
 * (`invalid JSON (<JSON.parse message>)`), a value that is not an object
 * (`expected a JSON object, got number`), or a line over the cap (`line is N bytes, over the
 * M-byte record cap`). Messages do not repeat the file or line: the caller has both.
 *
 * With `keepRaw`, a `rawFile` is the caller's once its item is yielded; stopping early or failing
 * deletes the spill files not yet handed out. Writing one can fail (a full disk): that throws.
 */
export function readJsonl(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadJsonlOptions = {},
): AsyncGenerator<RecordItem> {
  const max = options.maxRecordBytes;
  // Returned as it is, not wrapped: a generator around it would add an async step per record.
  return readLineRecords(bytes, options, (piece) => jsonlLineItem(piece, max));
}

/** Options of {@link readLineRecords}: those of every line reader. */
export interface LineRecordOptions {
  maxRecordBytes?: number | undefined;
  keepRaw?: boolean | undefined;
  spillDir?: string | undefined;
  /** Drop a UTF-8 BOM at the start; false for a stream that starts mid-file. @default true */
  bom?: boolean | undefined;
}

/**
 * Splits `bytes` into lines and turns each into an item with `toItem` (undefined: not a record),
 * adding the raw bytes with `keepRaw`. Owns the spill files until their items are yielded:
 * stopping early or failing deletes those not handed out.
 */
export async function* readLineRecords(
  bytes: AsyncIterable<Uint8Array>,
  options: LineRecordOptions,
  toItem: (piece: LinePiece) => RecordItem | undefined,
): AsyncGenerator<RecordItem> {
  const keepRaw = options.keepRaw === true;
  const splitter = new LineSplitter({
    ...splitterOptions(options.maxRecordBytes, keepRaw, options.spillDir),
    ...(options.bom === false ? { bom: false } : {}),
  });
  let pieces: LinePiece[] = [];
  // Index of the next piece to hand out: on an early stop, those from it on are unclaimed.
  let next = 0;
  try {
    for await (const chunk of bytes) {
      pieces = splitter.push(chunk);
      for (next = 0; next < pieces.length; ) {
        const piece = pieces[next++] as LinePiece;
        const item = toItem(piece);
        if (item !== undefined) yield keepRaw ? withRaw(item, piece) : item;
      }
    }
    pieces = splitter.end();
    for (next = 0; next < pieces.length; ) {
      const piece = pieces[next++] as LinePiece;
      const item = toItem(piece);
      if (item !== undefined) yield keepRaw ? withRaw(item, piece) : item;
    }
  } finally {
    // Without keepRaw there are no spill files, and nothing to do.
    if (keepRaw) splitter.close(pieces.slice(next));
  }
}

/** The splitter options of a line reader. */
export function splitterOptions(
  max: number | undefined,
  keepRaw: boolean,
  spillDir: string | undefined,
): SplitLinesOptions {
  return {
    ...(max === undefined ? {} : { maxLineBytes: max }),
    ...(keepRaw ? { keepRaw } : {}),
    ...(keepRaw && spillDir !== undefined ? { spillDir } : {}),
  };
}

/** Adds the line's raw bytes to its item: a copy as `raw`, or an over-size line's spill file as `rawFile`. */
export function withRaw(item: RecordItem, piece: LinePiece): RecordItem {
  if (piece.type === "line") item.raw = rawBytesOf(piece);
  else if (piece.spill !== undefined) item.rawFile = piece.spill;
  return item;
}

/** The item of one JSONL line: a record, an error, or undefined for a blank line. */
export function jsonlLineItem(piece: LinePiece, max: number | undefined): RecordItem | undefined {
  const { line, byteOffset } = piece;
  if (piece.type === "oversize") {
    return { type: "error", message: describeOversize(piece, max), index: line - 1, line, byteOffset };
  }
  const { bytes } = piece;
  // Nearly every line starts with `{`; only the others need the blank check.
  if (bytes[0] !== 0x7b && isBlankLine(bytes)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return {
      type: "error",
      message: `invalid JSON (${(error as Error).message})`,
      index: line - 1,
      line,
      byteOffset,
    };
  }
  if (!isJsonObject(value)) {
    return {
      type: "error",
      message: `expected a JSON object, got ${jsonTypeOf(value)}`,
      index: line - 1,
      line,
      byteOffset,
    };
  }
  return { type: "record", value, index: line - 1, line, byteOffset };
}
