import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { LinePiece, LineSplitter } from "../../src/records/line-splitter.js";
import type { Source } from "../../src/sources/source.js";

/** Chunk sizes for the "same bytes, any chunking" sweeps; `Infinity` means one chunk. */
export const CHUNK_SIZES = [1, 2, 3, 5, 7, 13, 64, 1000, Number.POSITIVE_INFINITY];

/** `bytes` as a stream of `size`-byte chunks, each a fresh copy as a file or socket would give. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const step = Number.isFinite(size) ? size : Math.max(bytes.length, 1);
  for (let i = 0; i < bytes.length; i += step) yield Buffer.from(bytes.subarray(i, i + step));
}

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Concatenated output of a byte stream. */
export async function concatBytes(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  return Buffer.concat(await collect(chunks));
}

/** A source over bytes in memory, in chunks of `chunkSize`. */
export function memorySource(uri: string, bytes: Uint8Array, chunkSize = 64 * 1024): Source {
  return { uri, size: bytes.length, open: () => Readable.from(chunked(bytes, chunkSize)) };
}

/** A fresh directory under the OS temp dir, and a function that removes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "selfid-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Pushes `chunks` through `splitter` and ends it: the pieces, and the most ArrayBuffer memory held
 * above what was held at the start, sampled after every chunk.
 */
export async function splitMeasured(
  splitter: LineSplitter,
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ pieces: LinePiece[]; peak: number }> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const pieces: LinePiece[] = [];
  for await (const chunk of chunks) {
    pieces.push(...splitter.push(chunk));
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
  }
  pieces.push(...splitter.end());
  return { pieces, peak };
}
