import type { FileMetaData } from "hyparquet";
import type { ZstdDecoderKind } from "../decode/zstd-decoder.js";

// The messages between a ParquetDecoder (the reading thread) and its decode thread. The reading
// thread owns the file: the decode thread asks it for every byte range hyparquet wants.

/** One file being decoded: what hyparquet needs besides the bytes. */
export interface DecodeFile {
  /** The footer, as hyparquet should see it (whole-row reads pass a rewritten schema). */
  metadata: FileMetaData;
  byteLength: number;
  /** Whether hyparquet turns UTF8-annotated byte arrays into strings. */
  utf8: boolean;
  zstd: ZstdDecoderKind;
}

/** Rows `rowStart`–`rowEnd - 1` (counted from the file's start) of the named top-level columns. */
export interface DecodeRows {
  columns: string[];
  rowStart: number;
  rowEnd: number;
}

/** Reading thread → decode thread. */
export type ToDecoder =
  | { type: "open"; file: number; setup: DecodeFile }
  | { type: "close"; file: number }
  | { type: "decode"; request: number; file: number; rows: DecodeRows }
  | { type: "bytes"; slice: number; bytes: ArrayBuffer }
  | { type: "no-bytes"; slice: number; message: string };

/**
 * Decode thread → reading thread. Every message is also a sign of progress: the reading thread
 * gives up on a decode thread that sends none for too long.
 */
export type FromDecoder =
  | { type: "slice"; slice: number; file: number; start: number; end: number }
  | { type: "page" }
  | { type: "rows"; request: number; rows: Record<string, unknown>[] }
  | { type: "failed"; request: number; message: string };
