import type { Readable } from "node:stream";

/**
 * Where one input's bytes come from: a local file, stdin, and later a Hub file. The seam every
 * reader goes through, so tests can hand in bytes from memory.
 */
export interface Source {
  /**
   * The input exactly as given for a file; for a file found in a directory or by a glob, the
   * directory or glob string joined with the file's relative path (`examples/` gives
   * `examples/chat/a.jsonl`); `-` for stdin. This is the `source` of hits and report entries.
   */
  uri: string;
  /** Size in bytes when known up front (progress and ETA); absent for stdin and pipes. */
  size?: number;
  /** Starts reading. A file opens afresh on every call; stdin can be read only once. */
  open(): Readable;
  /**
   * Bytes `start` to `end` (exclusive) without reading the rest: Parquet's random access (footer,
   * then column chunks). Absent where the bytes only come as a stream (stdin, pipes).
   */
  slice?(start: number, end: number): Promise<ArrayBuffer>;
  /**
   * Reads from byte `start` to the end: how a task reads its byte range of a big file. Absent where
   * the bytes only come as a stream.
   */
  openFrom?(start: number): Readable;
  /** A local file's path, so a worker thread can open the same file. */
  path?: string;
}
