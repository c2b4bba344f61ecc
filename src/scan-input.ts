import type { FileMetaData } from "hyparquet";
import { compressionOf } from "./decode/compression-of.js";
import type { EmitOptions, InputEmitter } from "./emit/emit-writer.js";
import { InputError } from "./errors.js";
import { extractSegments } from "./fields/extract-segments.js";
import type { FieldPath } from "./fields/field-path.js";
import { detectLanguage, documentText } from "./langid/detect-language.js";
import type { Matcher } from "./match/matcher.js";
import type { StreamFormat } from "./parallel/scan-task.js";
import type { ByteRange } from "./records/byte-range.js";
import { formatOf } from "./records/format.js";
import { elementRecord } from "./records/json-array-reader.js";
import { jsonlLineItem } from "./records/jsonl-reader.js";
import { DEFAULT_MAX_LINE_BYTES, type Line, type LinePiece } from "./records/line-splitter.js";
import { type ReadRecordsOptions, readRecords } from "./records/read-records.js";
import { textLineItem } from "./records/text-reader.js";
import type { InputSummary } from "./report/report-schema.js";
import type { Source } from "./sources/source.js";
import type { HitInText, Tally } from "./tally/tally.js";
import type { Hit, HitKind, InputFormat, RecordItem, Role } from "./types.js";

/** The scan options {@link scanInput} reads (the main thread's `ScanOptions`, a worker's setup). */
export interface InputScanOptions {
  format?: InputFormat | undefined;
  textUnit?: "line" | "file" | undefined;
  fields?: string[] | undefined;
  maxRecordBytes?: number | undefined;
  parquetStallMs?: number | undefined;
  strict?: boolean | undefined;
  emit?: EmitOptions | undefined;
  /** Parquet: decode every column, as `emit` does (see `ReadRecordsOptions.allColumns`). */
  allColumns?: boolean | undefined;
}

/**
 * Reads one input into `tally` (and `emit`), counting down `remaining` (`--limit`). An unreadable
 * record is an error and reading goes on; an input that cannot be read to its end is failed, and
 * the records before stand. With `strict`, either throws.
 */
export async function scanInput(
  source: Source,
  tally: Tally,
  ctx: RecordContext,
  options: InputScanOptions,
  remaining: number,
  emit: InputEmitter | undefined,
  /**
   * A byte range of the file to read (a worker's task, a shard's span). Byte offsets then count
   * from the file's start, record and line numbers from the range's first line plus `lineBase`:
   * the lines before the range where they are known (a shard's span); a worker's task leaves that
   * to the thread that puts the tasks together (`shiftLines`).
   */
  read: Pick<ReadRecordsOptions, "range" | "onRangeLines" | "parquetWatch"> & { lineBase?: number } = {},
): Promise<{ remaining: number; failed: boolean }> {
  const input = tally.addInput(source.uri, options.format ?? "unknown", compressionOf(source.uri));
  let format: InputFormat;
  try {
    format = formatOf(source.uri, options.format);
    input.format = format;
  } catch (error) {
    if (options.strict || !(error instanceof InputError)) throw error;
    tally.addError(input, { source: source.uri, message: error.message });
    emit?.fail(error.message);
    return { remaining, failed: true };
  }
  const { range, lineBase = 0, onRangeLines, parquetWatch } = read;
  const ranged = rangedRead(range, onRangeLines);
  try {
    const records = readRecords(source, {
      ...ranged.options,
      ...readOptions(options, format, emit),
      ...(parquetWatch ? { parquetWatch } : {}),
      onBytes: (n: number) => {
        input.bytes += n;
        ctx.tick();
      },
    });
    for await (const item of records) {
      if (range !== undefined) placeInFile(item, lineBase, ranged.firstByte());
      const wait = scanItem(ctx, tally, input, source.uri, item, emit);
      if (item.type === "error" && options.strict) {
        if (wait) await wait;
        throw strictError(source.uri, item);
      }
      // One await per record only when the output asks for it: most records need none.
      if (wait) await wait;
      if (--remaining <= 0) break;
      // A 1 MiB chunk (a Parquet row group: more) can hold seconds of records: look at the clock here too.
      if ((input.records & 255) === 0) ctx.tick();
    }
  } catch (error) {
    if (options.strict || !(error instanceof InputError)) throw error;
    tally.addError(input, { source: source.uri, message: error.message });
    emit?.fail(error.message);
    return { remaining, failed: true };
  }
  return { remaining, failed: false };
}

/**
 * Reads the records of an input that another thread cut (a batch of a stream read there: a Hub
 * file, a compressed file, stdin, a JSON array) into `tally`, as {@link scanInput} would have read
 * them: same items, same counts. Line numbers and offsets are the stream's own. With `strict`, the
 * first unreadable record throws.
 */
export function scanLinePieces(
  uri: string,
  format: StreamFormat,
  pieces: Iterable<LinePiece>,
  tally: Tally,
  ctx: RecordContext,
  options: Pick<InputScanOptions, "maxRecordBytes" | "strict">,
): void {
  const input = tally.addInput(uri, format, compressionOf(uri));
  const max = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const toItem =
    format === "jsonl"
      ? jsonlLineItem
      : format === "txt"
        ? textLineItem
        : // A JSON array's element: its index stands in the piece's line number.
          (piece: LinePiece) => elementRecord((piece as Line).bytes, piece.line);
  for (const piece of pieces) {
    const item = toItem(piece, max);
    if (item !== undefined) scanItemHere(ctx, tally, input, uri, item, options.strict === true);
  }
}

/**
 * Counts one record of a stream into `tally` in this thread (a JSON array's rest, after the point
 * where it stopped being plain); with `strict`, an unreadable one throws, as in {@link scanInput}.
 */
export function scanItemHere(
  ctx: RecordContext,
  tally: Tally,
  input: InputSummary,
  uri: string,
  item: RecordItem,
  strict: boolean,
): void {
  scanItem(ctx, tally, input, uri, item, undefined);
  if (item.type === "error" && strict) throw strictError(uri, item);
}

/** Counts one item of an input into `tally`; returns what `emit` asks to be awaited, if anything. */
function scanItem(
  ctx: RecordContext,
  tally: Tally,
  input: InputSummary,
  uri: string,
  item: RecordItem,
  emit: InputEmitter | undefined,
): Promise<void> | undefined {
  if (item.type === "error") {
    tally.addError(input, { source: uri, record: item.index, message: item.message, ...position(item) });
    return emit?.write(item, false);
  }
  const hits = scanRecord(ctx, tally, input, uri, item);
  return emit?.write(item, hits.flagged, hits.found);
}

/** `--strict`: an unreadable record stops the scan. */
function strictError(uri: string, item: { index: number; line?: number; message: string }): InputError {
  return new InputError(`${describe(uri, item)}: ${item.message}`, uri);
}

/** The options of a read over `range` (none without one), and the file offset of its first line once read. */
function rangedRead(
  range: ByteRange | undefined,
  onRangeLines?: (lines: number) => void,
): { options: Pick<ReadRecordsOptions, "range" | "onRangeStart" | "onRangeLines">; firstByte: () => number } {
  let firstByte = 0;
  if (range === undefined) return { options: {}, firstByte: () => 0 };
  const onRangeStart = (offset: number): void => {
    firstByte = offset;
  };
  return {
    options: { range, onRangeStart, ...(onRangeLines ? { onRangeLines } : {}) },
    firstByte: () => firstByte,
  };
}

/** How an input's records are read: for the scan, and with `emit` for its outputs too. */
function readOptions(
  options: InputScanOptions,
  format: InputFormat,
  emit: InputEmitter | undefined,
): ReadRecordsOptions {
  return {
    ...(emit
      ? {
          keepRaw: true,
          // Over-size lines spill beside the outputs they are copied to, not into a RAM-backed /tmp.
          spillDir: (options.emit as EmitOptions).dir,
          onParquetMetadata: (metadata: FileMetaData) => emit.parquetMetadata(metadata),
        }
      : {}),
    ...(options.allColumns ? { allColumns: true } : {}),
    format,
    textUnit: options.textUnit ?? "line",
    fields: options.fields,
    ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
    ...(options.parquetStallMs ? { parquetStallMs: options.parquetStallMs } : {}),
  };
}

/**
 * `--emit` with worker threads: writes the records of one task of an input (a byte range or row
 * groups of a file, or all of it) to `emit`, in this thread, each with the verdict the workers'
 * `hits` give it — flagged when one of its hits has a kind in `flagKinds` (the hits of a record
 * are exactly those of its roles, so this is the verdict the scan gave). The records are read
 * again, with their raw bytes, by the reader and over the range the worker read, and numbered as
 * the hits are (`lineBase` lines before the range). A read that fails fails the input's outputs
 * where the worker's read failed.
 */
export async function emitTaskRecords(
  source: Source,
  emit: InputEmitter,
  options: InputScanOptions,
  task: { range: ByteRange | undefined; lineBase: number },
  hits: readonly Hit[],
  flagKinds: ReadonlySet<HitKind>,
): Promise<void> {
  const byRecord = new Map<number, Hit[]>();
  for (const hit of hits) {
    const list = byRecord.get(hit.record);
    if (list) list.push(hit);
    else byRecord.set(hit.record, [hit]);
  }
  const { range, lineBase } = task;
  const ranged = rangedRead(range);
  try {
    const format = formatOf(source.uri, options.format);
    for await (const item of readRecords(source, {
      ...ranged.options,
      ...readOptions(options, format, emit),
    })) {
      if (range !== undefined) placeInFile(item, lineBase, ranged.firstByte());
      let wait: Promise<void> | undefined;
      if (item.type === "error") wait = emit.write(item, false);
      else {
        const found = byRecord.get(item.index) ?? [];
        wait = emit.write(
          item,
          found.some((hit) => flagKinds.has(hit.kind)),
          found,
        );
      }
      if (wait) await wait;
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    emit.fail(error.message);
  }
}

/** What every record is scanned with. */
export interface RecordContext {
  matcher: Matcher;
  fields: FieldPath[] | undefined;
  roles: ReadonlySet<Role>;
  flagKinds: ReadonlySet<HitKind>;
  onHit: ((hit: Hit) => void) | undefined;
  /** Lets the progress meter look at the clock (cheap; a no-op without `onProgress`). */
  tick: () => void;
}

/** Matches one record's text and counts it; returns whether it is flagged and its findings. */
function scanRecord(
  ctx: RecordContext,
  tally: Tally,
  input: Parameters<Tally["addRecord"]>[0],
  source: string,
  item: { value: unknown; index: number; line?: number },
): { flagged: boolean; found: Hit[] } {
  const { segments } = extractSegments(item.value, ctx.fields ? { fields: ctx.fields } : {});
  const hits: HitInText[] = [];
  let flagged = false;
  for (const segment of segments) {
    if (!ctx.roles.has(segment.role)) continue;
    for (const finding of ctx.matcher.match(segment.text, segment.role)) {
      const hit: Hit = { source, record: item.index, field: segment.field, role: segment.role, ...finding };
      if (item.line !== undefined) hit.line = item.line;
      const flagging = ctx.flagKinds.has(finding.kind);
      hits.push({ hit: orderHit(hit), text: segment.text, flagging });
      if (flagging) flagged = true;
    }
  }
  const found = hits.map(({ hit }) => hit);
  if (ctx.onHit) for (const hit of found) ctx.onHit(hit);
  const lang = detectLanguage(documentText(segments));
  tally.addRecord(input, { lang, hits, flagged, hasText: segments.length > 0 });
  return { flagged, found };
}

/**
 * Numbers a record of a range as in its file: `lineBase` lines and `firstByte` bytes come before the
 * range. In place: each item is a fresh object of the reader's, and most records need no copy.
 */
function placeInFile(item: RecordItem, lineBase: number, firstByte: number): void {
  item.index += lineBase;
  if (item.line !== undefined) item.line += lineBase;
  if (item.byteOffset !== undefined) item.byteOffset += firstByte;
}

/** Hits JSONL keys in the order DESIGN §2 shows them. */
function orderHit(hit: Hit): Hit {
  const { source, record, line, field, role, family, kind, lang, match, start, end, pattern } = hit;
  return line === undefined
    ? { source, record, field, role, family, kind, lang, match, start, end, pattern }
    : { source, record, line, field, role, family, kind, lang, match, start, end, pattern };
}

function position(item: { line?: number; byteOffset?: number }): { line?: number; byteOffset?: number } {
  const out: { line?: number; byteOffset?: number } = {};
  if (item.line !== undefined) out.line = item.line;
  if (item.byteOffset !== undefined) out.byteOffset = item.byteOffset;
  return out;
}

/** `data/a.jsonl line 12` / `data/a.json record 3` */
function describe(source: string, item: { index: number; line?: number }): string {
  return item.line !== undefined ? `${source} line ${item.line}` : `${source} record ${item.index}`;
}
