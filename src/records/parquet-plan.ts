import type { FileMetaData, RowGroup } from "hyparquet";
import { AUTO_FIELD_KEYS } from "../fields/extract-segments.js";
import { parseFieldPath } from "../fields/field-path.js";
import type { ByteRange } from "./byte-range.js";

/** Most rows decoded at once: with rows of a few kB, a batch stays in the tens of MB. */
export const MAX_BATCH_ROWS = 20_000;

/**
 * Target size of one batch's needed columns, uncompressed, when a row group can be split. Measured
 * on 300 MB of `messages` in 16k-row groups: 16 MiB batches peak at ≈ 310 MB RSS and 70 MB/s of
 * text, whole 44 MB groups at ≈ 470 MB and 80 MB/s, 8 MiB at 255 MB and 50 MB/s.
 */
export const TARGET_BATCH_BYTES = 16 << 20;

/**
 * A column chunk this small (a `role` column, often one page) is cheap to fetch and decode again for
 * every part of a split row group, so it needs no offset index.
 */
export const SMALL_CHUNK_BYTES = 1 << 20;

/** A run of rows decoded in one call: part or all of one row group. */
export interface RowBatch {
  /** Index of the row group the rows are in. */
  group: number;
  /** First row, counted from the start of the file. */
  rowStart: number;
  /** Row after the last, counted from the start of the file. */
  rowEnd: number;
}

/**
 * The top-level columns to decode, in schema order: with `fields` (`--field` paths), the column
 * each path starts with; without, the columns shape detection reads (`text`, `messages`,
 * `conversations`, `instruction`, … see `extractSegments`). Columns the file lacks are left out, so
 * the list may be empty: the rows then carry no text, and need no decoding at all.
 */
export function columnsToRead(schemaColumns: readonly string[], fields?: readonly string[]): string[] {
  const wanted = new Set<string>();
  if (fields === undefined) {
    for (const key of AUTO_FIELD_KEYS) wanted.add(key);
  } else {
    for (const field of fields) {
      const first = parseFieldPath(field).steps[0];
      if (first?.type === "key") wanted.add(first.key);
    }
  }
  return schemaColumns.filter((name) => wanted.has(name));
}

/**
 * Splits the file into the row batches to decode, in row order: each row group whole, unless it
 * is bigger than {@link MAX_BATCH_ROWS} rows or {@link TARGET_BATCH_BYTES} of the needed columns
 * *and* every needed column chunk has an offset index or is small ({@link SMALL_CHUNK_BYTES}). Only
 * an offset index lets a row range be read without fetching and decompressing the whole column
 * chunk again for each part; without one, splitting would trade the group's memory for reading it many times over, so the group is read
 * whole and its size is what the file's writer chose.
 */
export function planBatches(metadata: FileMetaData, columns: readonly string[]): RowBatch[] {
  const batches: RowBatch[] = [];
  let groupStart = 0;
  metadata.row_groups.forEach((rowGroup, group) => {
    const rows = Number(rowGroup.num_rows);
    const step = rowsPerBatch(rowGroup, rows, columns);
    for (let start = 0; start < rows; start += step) {
      batches.push({
        group,
        rowStart: groupStart + start,
        rowEnd: groupStart + Math.min(rows, start + step),
      });
    }
    groupStart += rows;
  });
  return batches;
}

/**
 * The first problem with where the footer puts the needed column chunks, or undefined: each must
 * lie inside the data, between the leading magic bytes and the footer (`dataEnd`). Checked before
 * reading, so a lying footer is reported as such rather than as whatever the bytes decode to.
 */
export function checkChunkRanges(
  metadata: FileMetaData,
  columns: readonly string[],
  dataEnd: number,
): string | undefined {
  for (const [group, rowGroup] of metadata.row_groups.entries()) {
    // An empty group is never read; pyarrow writes its chunks at offset 0 with no bytes.
    if (Number(rowGroup.num_rows) === 0) continue;
    for (const chunk of rowGroup.columns) {
      const meta = chunk.meta_data;
      const name = meta?.path_in_schema.join(".") ?? "?";
      if (!columns.includes(meta?.path_in_schema[0] ?? "")) continue;
      if (meta === undefined) return `row group ${group} has a column without metadata`;
      if (chunk.file_path)
        return `row group ${group} column ${name} lives in another file (${chunk.file_path})`;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (
        !(
          Number.isSafeInteger(start) &&
          Number.isSafeInteger(end) &&
          start >= 4 &&
          start < end &&
          end <= dataEnd
        )
      ) {
        return `row group ${group} column ${name} at bytes ${start}–${end}, outside the data (bytes 4–${dataEnd})`;
      }
    }
  }
  return undefined;
}

function rowsPerBatch(rowGroup: RowGroup, rows: number, columns: readonly string[]): number {
  const chunks = rowGroup.columns.filter((chunk) =>
    columns.includes(chunk.meta_data?.path_in_schema[0] ?? ""),
  );
  let bytes = 0;
  for (const chunk of chunks) bytes += Number(chunk.meta_data?.total_uncompressed_size ?? 0);
  const bytesPerRow = rows > 0 ? bytes / rows : 0;
  const fit = bytesPerRow > 0 ? Math.floor(TARGET_BATCH_BYTES / bytesPerRow) : rows;
  const step = Math.max(1, Math.min(MAX_BATCH_ROWS, fit));
  if (step >= rows) return Math.max(rows, 1);
  const splittable = chunks.every(
    (chunk) =>
      (chunk.offset_index_offset !== undefined && chunk.offset_index_length) ||
      Number(chunk.meta_data?.total_compressed_size ?? 0) <= SMALL_CHUNK_BYTES,
  );
  return splittable ? step : rows;
}

/**
 * The row groups of a task's byte range, with their rows: those whose data starts in
 * `[range.start, range.end)` (the smallest page offset of their column chunks), so the ranges of a
 * file share its groups out, each to exactly one. A group without rows reads nothing.
 */
export function groupsInRange(metadata: FileMetaData, range: ByteRange): RowBatch[] {
  const groups: RowBatch[] = [];
  let rowStart = 0;
  metadata.row_groups.forEach((rowGroup, group) => {
    const rows = Number(rowGroup.num_rows);
    const start = groupStart(rowGroup);
    if (start >= range.start && start < range.end) groups.push({ group, rowStart, rowEnd: rowStart + rows });
    rowStart += rows;
  });
  return groups;
}

/** Where a row group's data begins: its first page, dictionary or data, of any column. */
function groupStart(rowGroup: RowGroup): number {
  let start = Number.POSITIVE_INFINITY;
  for (const chunk of rowGroup.columns) {
    const meta = chunk.meta_data;
    if (meta === undefined) continue;
    const first = meta.dictionary_page_offset ?? meta.data_page_offset;
    start = Math.min(start, Number(first));
  }
  // No chunk metadata (or none with an offset): the group goes with the file's first range.
  return Number.isFinite(start) ? start : 0;
}

/** How long a Parquet decode thread may be silent before its batch is given up as corrupt. */
export const DEFAULT_STALL_MS = 30_000;

/**
 * Uncompressed bytes of column data a decode thread is trusted to get through per second at the
 * least: hyparquet decodes text columns at tens of MB/s here, a loaded machine at a fraction.
 */
const SLOWEST_DECODE_BYTES_PER_SECOND = 1_000_000;

/**
 * Extra silence allowed for decoding a batch of `group`, beyond the base allowance: a second per
 * MB of the needed columns' chunks uncompressed, as the footer gives it. A nested column can come
 * out of the decoder as one piece per chunk, with no sign of progress in between.
 */
export function decodeAllowanceMs(metadata: FileMetaData, group: number, columns: readonly string[]): number {
  const wanted = new Set(columns);
  let bytes = 0;
  for (const chunk of metadata.row_groups[group]?.columns ?? []) {
    const meta = chunk.meta_data;
    const top = meta?.path_in_schema[0];
    if (meta && top !== undefined && wanted.has(top)) bytes += Number(meta.total_uncompressed_size);
  }
  return Math.ceil((bytes / SLOWEST_DECODE_BYTES_PER_SECOND) * 1000);
}
