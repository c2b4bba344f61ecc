import type { PatternSet } from "../match/load-patterns.js";
import type { ByteRange } from "../records/byte-range.js";
import type { TallySections } from "../tally/tally.js";
import type { Hit, HitKind, InputFormat, Role } from "../types.js";
import type { LineBatch } from "./line-batch.js";

/** What every worker gets once: the scan's settings. */
export interface ScanWorkerSetup {
  patternSet: PatternSet;
  ignore: string[];
  fields: string[] | undefined;
  roles: Role[];
  flagKinds: HitKind[];
  format: InputFormat | undefined;
  textUnit: "line" | "file";
  maxRecordBytes: number | undefined;
  parquetStallMs: number | undefined;
  strict: boolean;
  /** The scan writes `--emit` outputs (in the main thread): Parquet files are decoded whole. */
  allColumns: boolean;
}

/** One task: a local file, whole or a byte range of it; or lines another thread read. */
export type ScanTask = FileTask | LinesTask;

/** A local file, whole or a byte range of it: the worker opens and reads it. */
export interface FileTask {
  kind: "file";
  uri: string;
  path: string;
  size: number | undefined;
  range: ByteRange | undefined;
}

/**
 * The formats a stream can be cut in, between records: JSONL and text lines, and the elements of a
 * plain JSON array.
 */
export type StreamFormat = "jsonl" | "txt" | "json";

/**
 * Records of an input that the main thread reads as a stream (a Hub file, a compressed file,
 * stdin, a JSON array), cut there and numbered as in the whole stream: lines, or the elements of a
 * JSON array (each element's index in place of a line number). The worker only scans them.
 */
export interface LinesTask {
  kind: "lines";
  uri: string;
  format: StreamFormat;
  batch: LineBatch;
}

/**
 * A task's results with line numbers counted from its range's first line; the caller shifts them
 * by the lines of the ranges before (`shiftLines`). Byte offsets are already the file's. A
 * {@link LinesTask}'s numbers are the stream's own, and its `lines` 0.
 */
export interface ScanTaskResult {
  sections: TallySections;
  hits: Hit[];
  /** Lines in the range, blank ones too (0 for a whole file: nothing comes after it). */
  lines: number;
  failed: boolean;
}

/**
 * What a task had done when it started a watched step (a Parquet batch's decode): its counts so
 * far, its hits since the last such checkpoint, and the step. Kept by the pool so that a task
 * whose decoder gets stuck still counts what it read before (see `WorkerPool`).
 */
export interface TaskCheckpoint {
  sections: TallySections;
  hits: Hit[];
  /** The batch being decoded: `parquet data/x.parquet row group 3 (rows 40000–59999)`. */
  where: string;
}
