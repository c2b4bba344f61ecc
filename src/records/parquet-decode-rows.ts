import { type AsyncBuffer, type Compressors, type ParquetParsers, parquetReadObjects } from "hyparquet";
import type { DecodeFile, DecodeRows } from "./parquet-decode-protocol.js";

// hyparquet's default decoder drops a leading U+FEFF from every string; keeping it gives what
// JSONL gives for the same data, and lets `--emit` write the bytes back unchanged.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const PARSERS: Partial<ParquetParsers> = { stringFromBytes: (bytes) => bytes && utf8.decode(bytes) };

/**
 * One batch of rows as plain objects, with hyparquet, in the thread that calls it (a decode thread,
 * or a scan worker that another thread watches). `onPage` is called as pages are decoded.
 */
export function decodeRows(
  file: AsyncBuffer,
  setup: Pick<DecodeFile, "metadata" | "utf8">,
  compressors: Compressors,
  rows: DecodeRows,
  onPage?: () => void,
): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({
    file,
    metadata: setup.metadata,
    utf8: setup.utf8,
    parsers: PARSERS,
    columns: rows.columns,
    rowStart: rows.rowStart,
    rowEnd: rows.rowEnd,
    compressors,
    useOffsetIndex: true,
    ...(onPage ? { onPage } : {}),
  });
}
