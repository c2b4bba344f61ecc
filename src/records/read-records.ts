import type { FileMetaData } from "hyparquet";
import { compressionOf } from "../decode/compression-of.js";
import { decompress } from "../decode/decompress.js";
import type { ZstdDecoderKind } from "../decode/zstd-decoder.js";
import { InputError } from "../errors.js";
import { describeFsError } from "../sources/describe-fs-error.js";
import { readFileFrom } from "../sources/read-file-from.js";
import type { Source } from "../sources/source.js";
import type { InputFormat, RecordItem } from "../types.js";
import { type ByteRange, linesInRange } from "./byte-range.js";
import { formatOf } from "./format.js";
import { readJsonl } from "./jsonl-reader.js";
import type { ParquetDecodeWatch } from "./parquet-reader.js";
import { readText, type TextUnit } from "./text-reader.js";

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions {
  /** Format to read, overriding the extension (`--format`). @default from the extension */
  format?: InputFormat;
  /** For text inputs, one record per line or per file. @default "line" */
  textUnit?: TextUnit;
  /** Largest record, in bytes; a larger one is an error item. @default 64 MiB */
  maxRecordBytes?: number;
  /**
   * Called with the size of every chunk read from the source, before decompression: their sum is
   * the input's `bytes` in the report, and comparing it with `source.size` gives progress.
   */
  onBytes?: (bytes: number) => void;
  /** zstd decoder (tests pin one). @default "auto" */
  zstd?: ZstdDecoderKind;
  /** Parquet: how long a decode may show no progress before the file fails (`readParquet`'s `stallMs`). @default 30 s */
  parquetStallMs?: number | undefined;
  /** Parquet: decode in this thread, watched from another (`readParquet`'s `watch`). @default a decode thread */
  parquetWatch?: ParquetDecodeWatch | undefined;
  /**
   * The `--field` paths the caller will scan. Parquet reads only the columns these start with (all
   * other columns are never fetched or decoded); without them, only the columns shape detection
   * reads. Row-based formats ignore it: their records are parsed whole. @default detect the shape
   */
  fields?: readonly string[] | undefined;
  /**
   * JSONL and `.txt` line inputs: give every item a copy of its line's bytes as `raw` (`--emit`).
   * Other formats ignore it. @default false
   */
  keepRaw?: boolean;
  /**
   * Read only the lines that start in this byte range of an uncompressed JSONL or `.txt` file (a
   * task of a big file; the source needs `openFrom`), line numbers and offsets then counted from
   * the range's first line; or, of a Parquet file, the row groups whose data starts in it.
   */
  range?: ByteRange;
  /**
   * Parquet: decode every column, as `keepRaw` does, without keeping the rows: a worker scanning for
   * `--emit` fails a file where the thread writing its rows fails it (a corrupt column the scan
   * alone would never decode). Other formats ignore it. @default false
   */
  allColumns?: boolean;
  /** With `range`: called with the file offset of the range's first line. */
  onRangeStart?: (offset: number) => void;
  /** With `range`: called at the end with the number of lines in the range (blank ones too). */
  onRangeLines?: (lines: number) => void;
  /** With `keepRaw`, the folder of the temporary files of over-size lines (`rawFile`). @default os.tmpdir() */
  spillDir?: string;
  /**
   * Parquet: called once with the footer before the first record (`--emit` takes the output's
   * schema and codec from it). With `keepRaw`, Parquet records hold whole rows. @default none
   */
  onParquetMetadata?: ((metadata: FileMetaData) => void) | undefined;
}

/**
 * The records of one source: open → decompress → the reader for its format (JSONL, JSON, text);
 * or, for Parquet, ranged reads of the footer and the needed column chunks (see `readParquet`).
 * Yields {@link RecordItem}s; unreadable records are error items, counted by the caller, and the
 * reading goes on where the format allows it. Nothing is opened until iteration starts.
 *
 * The iteration throws an {@link InputError} naming the source when the input as a whole cannot be
 * read: an unknown format (before anything is opened), a file that cannot be opened or read,
 * compression that does not match the name, or a corrupt or truncated compressed stream. The last
 * two can come after some records were yielded; those records stand. Stopping early closes the
 * source.
 */
export function readRecords(source: Source, options: ReadRecordsOptions = {}): AsyncIterable<RecordItem> {
  return {
    // The reader's own iterator is handed out, not wrapped in another generator: a wrapper would
    // add an async step per record, about a fifth of the JSONL throughput.
    [Symbol.asyncIterator]: () => {
      try {
        return open(source, options)[Symbol.asyncIterator]();
      } catch (error) {
        return failed(error)[Symbol.asyncIterator]();
      }
    },
  };
}

function open(source: Source, options: ReadRecordsOptions): AsyncIterable<RecordItem> {
  const format = formatOf(source.uri, options.format);
  if (format === "parquet") {
    return deferred(async () =>
      (await import("./parquet-reader.js")).readParquet(source, {
        fields: options.fields,
        onBytes: options.onBytes,
        zstd: options.zstd,
        allColumns: options.keepRaw === true || options.allColumns === true,
        onMetadata: options.onParquetMetadata,
        range: options.range,
        stallMs: options.parquetStallMs,
        watch: options.parquetWatch,
      }),
    );
  }
  const max = options.maxRecordBytes;
  const limits = {
    ...(max === undefined ? {} : { maxRecordBytes: max }),
    ...(options.keepRaw ? { keepRaw: true } : {}),
    ...(options.spillDir === undefined ? {} : { spillDir: options.spillDir }),
  };
  if (options.range !== undefined) return openRange(source, format, options.range, options, limits);
  const bytes = decodedBytes(source, options);
  switch (format) {
    case "jsonl":
      return readJsonl(bytes, limits);
    case "json":
      return deferred(async () => (await import("./json-array-reader.js")).readJsonArray(bytes, limits));
    case "txt":
      return readText(bytes, { ...limits, unit: options.textUnit ?? "line" });
  }
}

/**
 * A source's bytes as its records are read from them: read (`onBytes` counts each chunk as it
 * comes, before decompression), then decompressed as its name says. Errors are those of
 * {@link readRecords}: an {@link InputError} naming the source.
 */
export function decodedBytes(
  source: Source,
  options: Pick<ReadRecordsOptions, "onBytes" | "zstd"> = {},
): AsyncIterable<Uint8Array> {
  return decompress(
    readSource(source, options.onBytes),
    options.zstd === undefined ? { uri: source.uri } : { uri: source.uri, zstd: options.zstd },
  );
}

/**
 * The records of the lines that start in `range` of an uncompressed line-based file (a task of a
 * big file). Lines are numbered from 1 and offsets counted from the range's first line, which
 * `onRangeStart` gives; `onBytes` counts the range's own bytes, so the ranges of a file add up to
 * its size.
 */
function openRange(
  source: Source,
  format: InputFormat,
  range: ByteRange,
  options: ReadRecordsOptions,
  limits: { maxRecordBytes?: number; keepRaw?: boolean; spillDir?: string },
): AsyncIterable<RecordItem> {
  if (format === "json" || (format === "txt" && options.textUnit === "file")) {
    throw new Error(`records: ${source.uri} (${format}) cannot be read by byte range`);
  }
  if (source.openFrom === undefined || compressionOf(source.uri) !== "none") {
    throw new Error(`records: ${source.uri} cannot be read from an offset`);
  }
  const openFrom = source.openFrom;
  const from = Math.max(0, range.start - 1);
  // A local file is read into two reused buffers (the line readers below copy what they keep).
  const path = source.path;
  const raw = readSource(
    { ...source, open: () => (path === undefined ? openFrom(from) : readFileFrom(path, from)) },
    options.onBytes && clipTo(range, from, options.onBytes),
  );
  const lines = linesInRange(raw, range, options.onRangeStart ?? (() => {}), options.onRangeLines);
  const lineOptions = { ...limits, bom: range.start === 0 };
  return format === "jsonl"
    ? readJsonl(lines, lineOptions)
    : readText(lines, { ...lineOptions, unit: "line" });
}

/** Reports only the bytes inside the range, of a stream that starts at file offset `from`. */
function clipTo(range: ByteRange, from: number, onBytes: (bytes: number) => void): (bytes: number) => void {
  let offset = from;
  return (bytes) => {
    const inside = Math.max(0, Math.min(offset + bytes, range.end) - Math.max(offset, range.start));
    offset += bytes;
    if (inside > 0) onBytes(inside);
  };
}

/**
 * The records of a reader whose module is imported when the iteration starts: Parquet and JSON
 * arrays bring hyparquet and stream-json, ~130 ms of every thread's start, which a JSONL scan never
 * needs. After the first step, each step is the reader's own (no generator in between).
 */
function deferred<T>(load: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<T> => {
      let inner: AsyncIterator<T> | undefined;
      let loading: Promise<AsyncIterator<T>> | undefined;
      const start = (): Promise<AsyncIterator<T>> =>
        (loading ??= load().then((iterable) => {
          inner = iterable[Symbol.asyncIterator]();
          return inner;
        }));
      return {
        next: () => (inner ? inner.next() : start().then((it) => it.next())),
        // Stopped before the first step, nothing was opened: there is nothing to close.
        return: async (value?: unknown) => {
          const it = inner ?? (await loading);
          return (await it?.return?.(value)) ?? { done: true, value: value as T };
        },
      };
    },
  };
}

// biome-ignore lint/correctness/useYield: an iteration that only throws
async function* failed(error: unknown): AsyncGenerator<never> {
  throw error;
}

async function* readSource(
  source: Pick<Source, "uri"> & { open: () => AsyncIterable<Uint8Array> },
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let stream: AsyncIterable<Uint8Array>;
  try {
    stream = source.open();
  } catch (error) {
    throw sourceError(source, error);
  }
  // `for await` destroys the stream when the loop ends early or fails, which frees the descriptor.
  try {
    for await (const chunk of stream) {
      onBytes?.(chunk.length);
      yield chunk;
    }
  } catch (error) {
    throw sourceError(source, error);
  }
}

function sourceError(source: Pick<Source, "uri">, error: unknown): InputError {
  if (error instanceof InputError) return error;
  return new InputError(`input ${source.uri}: ${describeFsError(error)}`, source.uri, { cause: error });
}
