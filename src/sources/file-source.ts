import { createReadStream } from "node:fs";
import { type FileHandle, open as openFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { Source } from "./source.js";

/**
 * Read size for local files. 1 MiB chunks keep the per-chunk costs (async hops, the splitter's
 * partial-line copy) negligible; the default 64 KiB costs a measurable share of throughput.
 */
export const READ_CHUNK_BYTES = 1 << 20;

/** Largest single `read()` call: Node refuses lengths of 2 GiB and more. */
const MAX_READ_BYTES = 1 << 30;

/**
 * A local file (or named pipe) as a {@link Source}.
 * @param uri what reports call it (see {@link Source.uri})
 * @param path where to open it, absolute or relative to the process's cwd
 * @param size its size in bytes, if known. Only a file of known size gets `slice()` (random access):
 *   a named pipe has no size, and reading it at an offset is not possible.
 */
export function fileSource(uri: string, path: string, size?: number): Source {
  const open = (): Readable => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  if (size === undefined) return { uri, open, path };
  const openFrom = (start: number): Readable =>
    createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, start });
  return { uri, size, open, slice: fileSlicer(path), openFrom, path };
}

/**
 * Standard input (or any stream given in its place) as the {@link Source} `-`. A stream can be
 * consumed only once, so every `open()` returns the same one.
 */
export function stdinSource(stream: Readable): Source {
  return { uri: "-", open: () => stream };
}

/**
 * Ranged reads of one file through one shared handle. The handle opens on the first read and closes
 * as soon as no read is in flight: a Parquet reader issues a burst of reads per row group (one per
 * column chunk), so the burst shares one descriptor, and a reader that stops early, or fails, can
 * never leave one open, with no `close()` for the caller to forget.
 *
 * Like `Blob.slice`, a range past the end of the file gives the bytes that exist.
 */
function fileSlicer(path: string): (start: number, end: number) => Promise<ArrayBuffer> {
  let handle: Promise<FileHandle> | undefined;
  let reading = 0;
  return async (start, end) => {
    const length = Math.max(0, end - start);
    reading++;
    try {
      handle ??= openFile(path, "r");
      const file = await handle;
      const bytes = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await file.read(
          bytes,
          filled,
          Math.min(length - filled, MAX_READ_BYTES),
          start + filled,
        );
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? bytes.buffer : bytes.buffer.slice(0, filled);
    } finally {
      if (--reading === 0 && handle !== undefined) {
        const closing = handle;
        handle = undefined;
        // A failed open has nothing to close (its error went to the reads that awaited it), and a
        // read-only descriptor that fails to close has lost nothing the data depends on.
        await closing.then((file) => file.close()).catch(() => {});
      }
    }
  };
}
