import type { RecordItem } from "../types.js";
import type { OutputFile, OutputStats } from "./output-file.js";

/** A record on its way to an output: its raw bytes (JSONL, text, JSON) or its row (Parquet). */
export type EmitRecord = RecordItem;

/**
 * One output file of one format (a shard): JSONL/text lines, a JSON array, or Parquet. Written under
 * its temporary name (an {@link OutputFile}), which the caller renames with `commitOutput` when the
 * whole input is done; `--max-shard-bytes` starts a new shard when {@link ShardWriter.size} reaches
 * the limit.
 */
export interface ShardWriter {
  /** Records written so far. */
  readonly records: number;
  /** Bytes of record data written so far, before compression: what `--max-shard-bytes` bounds. */
  readonly size: number;
  /** Appends one record; returns a promise only when the caller should wait (back-pressure). */
  write(record: EmitRecord): Promise<void> | undefined;
  /** Finishes the file (still under its temporary name) and returns what it holds. */
  close(): Promise<OutputStats>;
  /** Stops and removes the temporary file. */
  abort(): Promise<void>;
}
