import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { Source } from "./source.js";

/**
 * Read size for local files. 1 MiB chunks keep the per-chunk costs (async hops, the splitter's
 * partial-line copy) negligible; the default 64 KiB costs a measurable share of throughput.
 */
export const READ_CHUNK_BYTES = 1 << 20;

/**
 * A local file (or named pipe) as a {@link Source}.
 * @param uri what reports call it (see {@link Source.uri})
 * @param path where to open it, absolute or relative to the process's cwd
 * @param size its size in bytes, if known
 */
export function fileSource(uri: string, path: string, size?: number): Source {
  const open = (): Readable => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  return size === undefined ? { uri, open } : { uri, size, open };
}

/**
 * Standard input (or any stream given in its place) as the {@link Source} `-`. A stream can be
 * consumed only once, so every `open()` returns the same one.
 */
export function stdinSource(stream: Readable): Source {
  return { uri: "-", open: () => stream };
}
