import type { RecordItem } from "../types.js";
import { readLineRecords } from "./jsonl-reader.js";
import { DEFAULT_MAX_LINE_BYTES, describeOversize, isBlankLine, type LinePiece } from "./line-splitter.js";

/** What one record of a `.txt` input is: a line, or the whole file. */
export type TextUnit = "line" | "file";

/** Options of {@link readText}. */
export interface ReadTextOptions {
  /** One record per non-blank line, or one for the whole file. @default "line" */
  unit?: TextUnit;
  /** Longest record, in bytes (a line, or the whole file); a longer one is an error item. @default 64 MiB */
  maxRecordBytes?: number;
  /**
   * With `unit: "line"`, give every item a copy of its line's bytes as `raw`, for `--emit`; a line
   * over the cap gets them in a temporary file instead, as `rawFile` (see `readJsonl`). @default false
   */
  keepRaw?: boolean;
  /** With `keepRaw`, the folder of the `rawFile` temporary files. @default os.tmpdir() */
  spillDir?: string;
  /** Drop a UTF-8 BOM at the start; false for a stream that starts mid-file (a byte range). @default true */
  bom?: boolean;
}

/**
 * The records of a plain-text input, each `{ text }`. With `unit: "line"`, one per non-blank line:
 * `index` is the 0-based line number, `line` the 1-based one, `byteOffset` where it starts. With
 * `unit: "file"`, the whole text as one record with index 0 (none if it is blank). A UTF-8 BOM is
 * dropped, and bytes that are not valid UTF-8 become U+FFFD rather than failing.
 */
export function readText(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadTextOptions = {},
): AsyncGenerator<RecordItem> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (options.unit === "file") return readWholeText(bytes, max, options.keepRaw === true);
  return readLineRecords(bytes, { ...options, maxRecordBytes: max }, (piece) => textLineItem(piece, max));
}

/** The item of one line of a `.txt` input read by line: a record, an error, or undefined when blank. */
export function textLineItem(piece: LinePiece, max: number): RecordItem | undefined {
  const position = { index: piece.line - 1, line: piece.line, byteOffset: piece.byteOffset };
  if (piece.type === "oversize") return { type: "error", message: describeOversize(piece, max), ...position };
  if (isBlankLine(piece.bytes)) return undefined;
  return { type: "record", value: { text: piece.bytes.toString("utf8") }, ...position };
}

/** With `keepRaw`, the record's `raw` is the file's bytes, as they are (BOM and all). */
async function* readWholeText(
  bytes: AsyncIterable<Uint8Array>,
  max: number,
  keepRaw: boolean,
): AsyncGenerator<RecordItem> {
  // Streaming decode keeps a character cut across chunks whole; the default drops a leading BOM.
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const parts: string[] = [];
  const raw: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    // Past the cap, keep counting (the message gives the full size) but stop holding text.
    if (size <= max) {
      parts.push(decoder.decode(chunk, { stream: true }));
      if (keepRaw) raw.push(chunk);
    } else {
      parts.length = 0;
      raw.length = 0;
    }
  }
  if (size > max) {
    yield { type: "error", message: `file is ${size} bytes, over the ${max}-byte record cap`, index: 0 };
    return;
  }
  parts.push(decoder.decode());
  const text = parts.join("");
  if (text.trim() === "") return;
  const item: RecordItem = { type: "record", value: { text }, index: 0, line: 1, byteOffset: 0 };
  if (keepRaw) item.raw = Buffer.concat(raw);
  yield item;
}
