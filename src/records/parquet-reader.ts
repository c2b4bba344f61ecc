import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetSchema } from "hyparquet";
import type { ZstdDecoderKind } from "../decode/zstd-decoder.js";
import { InputError } from "../errors.js";
import { describeFsError } from "../sources/describe-fs-error.js";
import type { Source } from "../sources/source.js";
import type { RecordItem } from "../types.js";
import type { ByteRange } from "./byte-range.js";
import { parquetCompressors } from "./parquet-codecs.js";
import { decodeRows } from "./parquet-decode-rows.js";
import { describeStall, ParquetDecodeStalled, sharedParquetDecoder } from "./parquet-decoder.js";
import {
  checkChunkRanges,
  columnsToRead,
  DEFAULT_STALL_MS,
  decodeAllowanceMs,
  groupsInRange,
  planBatches,
  type RowBatch,
} from "./parquet-plan.js";
import { rowSchema } from "./parquet-row-schema.js";

/** Options of {@link readParquet}. */
export interface ReadParquetOptions {
  /**
   * The `--field` paths being scanned: only the columns they start with are decoded. Without
   * them, only the columns shape detection reads (see `columnsToRead`). @default detect the shape
   */
  fields?: readonly string[] | undefined;
  /** Called with the size of every range read: footer and column chunks, compressed. */
  onBytes?: ((bytes: number) => void) | undefined;
  /** zstd decoder for ZSTD pages (tests pin one). @default "auto" */
  zstd?: ZstdDecoderKind | undefined;
  /**
   * Decode every column, so that each record's `value` is the whole row, in the form
   * `openParquetShard` writes back exactly (see `rowSchema`): the text columns as without it,
   * the others as their physical values (bigint timestamps, byte-array decimals, a MAP as the
   * struct it is stored as, `{key_value: [{key, value}, …]}`). For `--emit`.
   * @default false (only the text columns)
   */
  allColumns?: boolean | undefined;
  /**
   * Called once with the file's footer, before the first record (also for a file of 0 rows). An
   * error it throws (a schema `--emit` cannot write) ends the reading as an {@link InputError}
   * naming the file.
   */
  onMetadata?: ((metadata: FileMetaData) => void) | undefined;
  /**
   * Read only the row groups whose data starts in this byte range of the file (a task of a big
   * file; see `groupsInRange`). Row indexes stay those of the whole file, and only the task whose
   * range starts at 0 counts the footer's bytes, so the tasks of a file add up to one whole read.
   * @default the whole file
   */
  range?: ByteRange | undefined;
  /**
   * How long the decode thread may go without progress (a byte range asked for, a page decoded)
   * before the batch it is decoding fails the file as corrupt; each batch is allowed a second more
   * per MB of its columns uncompressed. A corrupt page can loop hyparquet's decoder for ever.
   * @default DEFAULT_STALL_MS (30 s)
   */
  stallMs?: number | undefined;
  /**
   * Decode in this thread, announcing each batch to `watch`, whose owner in another thread ends
   * this one if a decode outlasts its allowance (a scan worker, watched by the pool). Without it,
   * batches are decoded in a decode thread this thread watches (see `ParquetDecoder`).
   */
  watch?: ParquetDecodeWatch | undefined;
}

/** The hooks of a decode in the reading thread that another thread watches over. */
export interface ParquetDecodeWatch {
  /**
   * A batch's decode starts: past `allowanceMs` without `end`, it is stuck; `where` names the
   * batch (`parquet data/x.parquet row group 3 (rows 40000–59999)`) for the failure message.
   */
  begin(allowanceMs: number, where: string): void;
  /** Bytes of the batch were read (and counted): the decode is not stuck yet. */
  progress(): void;
  /** The decode ended, with rows or an error. */
  end(): void;
}

/** Footer magic plus length plus header magic: nothing shorter can be Parquet. */
const MIN_FILE_BYTES = 12;

/**
 * The rows of a Parquet file as records: `index` is the row number in the file, `value` a plain
 * object holding only the columns read, or all of them with `allColumns` (a `list<struct>` column
 * such as `messages` comes back as an array of objects, a null cell as an absent key), so shape
 * detection sees what a JSONL line of the same data would give it. Reads the footer once, then the
 * needed column chunks batch by batch — a row group at a time, or a bounded row range of a huge
 * group when the file has offset indexes (see `planBatches`) — so memory is bounded by one batch,
 * not the file.
 *
 * Needs random access (`source.slice` and `source.size`). Throws an {@link InputError} naming the
 * file for stdin or a pipe, a file that is not Parquet or is truncated (bad footer), a footer that
 * does not match the data (row counts, ranges past the end), and data that cannot be decoded;
 * rows yielded before such an error stand.
 */
export async function* readParquet(
  source: Source,
  options: ReadParquetOptions = {},
): AsyncGenerator<RecordItem> {
  const { range, watch } = options;
  let counting = range === undefined || range.start === 0;
  let decoding = false;
  const file = randomAccess(source, (bytes) => {
    if (counting) options.onBytes?.(bytes);
    if (decoding) watch?.progress();
  });
  const { metadata, schemaColumns } = await readFooter(file, source.uri);
  counting = true;
  const groups = range === undefined ? undefined : groupsInRange(metadata, range);
  try {
    options.onMetadata?.(metadata);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`parquet ${source.uri}: ${detail(error)}`, source.uri, { cause: error });
  }
  const textColumns = columnsToRead(schemaColumns, options.fields);
  const columns = options.allColumns ? schemaColumns : textColumns;
  // Whole rows are decoded without the conversions that cannot be undone (see rowSchema), and
  // byte arrays stay bytes unless they are strings or text the scan reads.
  const setup = options.allColumns
    ? { metadata: { ...metadata, schema: rowSchema(metadata.schema, new Set(textColumns)) }, utf8: false }
    : { metadata, utf8: true };
  const rows = Number(metadata.num_rows);
  if (columns.length === 0) {
    // No column can hold text the scan reads: every row is a record without text.
    for (const { rowStart, rowEnd } of groups ?? [{ rowStart: 0, rowEnd: rows }]) {
      for (let index = rowStart; index < rowEnd; index++) yield { type: "record", value: {}, index };
    }
    return;
  }
  const problem = checkChunkRanges(metadata, columns, file.byteLength - metadata.metadata_length - 8);
  if (problem !== undefined)
    throw new InputError(`parquet ${source.uri}: invalid footer (${problem})`, source.uri);
  const compressors = parquetCompressors(options.zstd);
  const inRange = groups && new Set(groups.map(({ group }) => group));
  const batches = planBatches(metadata, columns).filter((batch) => !inRange || inRange.has(batch.group));
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const allowance = (batch: RowBatch) => stallMs + decodeAllowanceMs(metadata, batch.group, columns);
  const rowsOf = (batch: RowBatch) => ({ columns, rowStart: batch.rowStart, rowEnd: batch.rowEnd });
  let decodeBatch: (batch: RowBatch) => Promise<Record<string, unknown>[]>;
  let close = () => {};
  if (watch) {
    decodeBatch = async (batch) => {
      watch.begin(allowance(batch), where(source.uri, batch));
      decoding = true;
      try {
        return await decodeRows(file, setup, compressors, rowsOf(batch));
      } finally {
        decoding = false;
        watch.end();
      }
    };
  } else {
    const decoder = sharedParquetDecoder().open(file, {
      ...setup,
      byteLength: file.byteLength,
      zstd: options.zstd ?? "auto",
    });
    decodeBatch = (batch) => decoder.decode(rowsOf(batch), allowance(batch));
    close = () => decoder.close();
  }
  const decode = (batch: RowBatch | undefined) => {
    if (batch === undefined) return undefined;
    const rows = decodeBatch(batch);
    // A decode thread works on the next batch while this one is scanned; a reader stopped early
    // never awaits it.
    rows.catch(() => {});
    return rows;
  };
  try {
    let next = watch ? undefined : decode(batches[0]);
    for (const [i, batch] of batches.entries()) {
      let values: Record<string, unknown>[];
      try {
        values = await (next ?? decodeBatch(batch));
      } catch (error) {
        if (error instanceof InputError) throw error;
        const what =
          error instanceof ParquetDecodeStalled
            ? describeStall(error.milliseconds)
            : `cannot decode the data (${detail(error)})`;
        throw new InputError(`${where(source.uri, batch)}: ${what}`, source.uri, { cause: error });
      }
      next = watch ? undefined : decode(batches[i + 1]);
      const expected = batch.rowEnd - batch.rowStart;
      if (values.length !== expected) {
        throw new InputError(
          `${where(source.uri, batch)}: the footer promises ${expected} rows, the data holds ${values.length}; the file is corrupt`,
          source.uri,
        );
      }
      for (let j = 0; j < values.length; j++) {
        yield { type: "record", value: values[j], index: batch.rowStart + j };
      }
    }
  } finally {
    close();
  }
}

/**
 * The source as hyparquet's `AsyncBuffer`, refusing ranges outside the file (a lying footer) and
 * counting the bytes read.
 */
function randomAccess(source: Source, onBytes: ((bytes: number) => void) | undefined): AsyncBuffer {
  const { uri, size, slice } = source;
  if (slice === undefined || size === undefined) {
    const what = uri === "-" ? "stdin" : "a pipe or stream";
    throw new InputError(
      `input ${uri}: parquet needs a file (random access), not ${what}; save it to a file first`,
      uri,
    );
  }
  const readRange = async (start: number, end: number): Promise<ArrayBuffer> => {
    if (!(start >= 0 && start <= end && end <= size)) {
      throw new RangeError(`the footer points at bytes ${start}–${end}, outside the file's ${size} bytes`);
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await slice.call(source, start, end);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`input ${uri}: ${describeFsError(error)}`, uri, { cause: error });
    }
    if (bytes.byteLength !== end - start) {
      throw new InputError(
        `input ${uri}: read ${bytes.byteLength} of bytes ${start}–${end}; the file shrank while it was read`,
        uri,
      );
    }
    onBytes?.(bytes.byteLength);
    return bytes;
  };
  return {
    byteLength: size,
    slice: (start: number, end = size): Promise<ArrayBuffer> => {
      const read = readRange(start, end);
      // hyparquet prefetches ranges and may never await one whose chunk fails to plan; marking the
      // promise handled keeps that from being an unhandled rejection, and awaiting it still throws.
      read.catch(() => {});
      return read;
    },
  };
}

/** The footer, checked, and the names of the top-level columns. */
async function readFooter(
  file: AsyncBuffer,
  uri: string,
): Promise<{ metadata: FileMetaData; schemaColumns: string[] }> {
  if (file.byteLength < MIN_FILE_BYTES) {
    throw new InputError(
      `parquet ${uri}: the file is ${file.byteLength} bytes, too short to be parquet`,
      uri,
    );
  }
  let metadata: FileMetaData;
  let schemaColumns: string[];
  try {
    // Without geoparquet: the schema as the file has it, not with inferred geometry types.
    metadata = await parquetMetadataAsync(file, { geoparquet: false });
    schemaColumns = parquetSchema(metadata).children.map((child) => child.element.name);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = detail(error);
    const what = message.includes("footer != PAR1")
      ? "magic bytes PAR1 missing at the end; the file is truncated or not parquet"
      : message;
    throw new InputError(`parquet ${uri}: invalid footer (${what})`, uri, { cause: error });
  }
  const declared = Number(metadata.num_rows);
  let held = 0;
  for (const group of metadata.row_groups) held += Number(group.num_rows);
  if (held !== declared) {
    throw new InputError(
      `parquet ${uri}: invalid footer (it counts ${declared} rows, its row groups ${held})`,
      uri,
    );
  }
  return { metadata, schemaColumns };
}

/** `parquet data/x.parquet row group 3 (rows 40000–59999)` */
function where(uri: string, batch: RowBatch): string {
  return `parquet ${uri} row group ${batch.group} (rows ${batch.rowStart}–${batch.rowEnd - 1})`;
}

/** hyparquet's message without its `parquet ` prefix, which the caller's message already has. */
function detail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^parquet /, "");
}
