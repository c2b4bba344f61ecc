import { createHash, type Hash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Transform, type TransformCallback, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Compression } from "../types.js";

/** Makes a zstd compressing transform; null when no encoder is available. */
export type ZstdEncoderFactory = (() => Transform) | null;

let nativeEncoder: ZstdEncoderFactory | undefined;

/** zstd-napi's `CompressStream` when the optional dependency loads, else null (loaded once). */
export function loadZstdEncoder(): ZstdEncoderFactory {
  if (nativeEncoder === undefined) {
    try {
      const napi = createRequire(import.meta.url)("zstd-napi") as { CompressStream: new () => Transform };
      nativeEncoder = () => new napi.CompressStream();
    } catch {
      nativeEncoder = null;
    }
  }
  return nativeEncoder;
}

/** What a finished output file holds, for the manifest. */
export interface OutputStats {
  records: number;
  /** Bytes on disk (after compression). */
  bytes: number;
  sha256: string;
}

/** Counts and hashes the bytes on their way to disk. */
class Digest extends Transform {
  readonly hash: Hash = createHash("sha256");
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** The temporary name an output has while it is written: `.NAME.partial` beside it. */
export function partialPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.partial`);
}

/**
 * Gives a finished output its final name. Outputs are renamed only once everything of their input
 * is written, so a killed run leaves only `.partial` files for the input it was in.
 */
export function commitOutput(path: string): Promise<void> {
  return rename(partialPathOf(path), path);
}

/**
 * One output file as a byte sink, written as `.NAME.partial` beside its final path (optionally
 * through gzip or zstd); {@link commitOutput} renames it once its input is done, so an interrupted
 * run never leaves a file that looks complete. Hashes and counts the bytes that reach the disk.
 */
/** Bytes gathered before they go down the stream: one stream write per record costs more than the copy. */
const BATCH_BYTES = 1 << 20;

export class OutputFile {
  readonly #head: Writable;
  #batch: Buffer = Buffer.allocUnsafe(BATCH_BYTES);
  #batched = 0;
  #waiting: Promise<void> | undefined;
  readonly #digest = new Digest();
  readonly #done: Promise<void>;
  readonly #partial: string;

  private constructor(
    readonly path: string,
    compressor: Transform | null,
  ) {
    this.#partial = partialPathOf(path);
    const file = createWriteStream(this.#partial);
    this.#head = compressor ?? this.#digest;
    this.#done = (compressor ? pipeline(compressor, this.#digest, file) : pipeline(this.#digest, file)).catch(
      (error: NodeJS.ErrnoException) => {
        // A failed write does not say which file: name it (`--emit DIR: cannot write FILE (…)`).
        if (typeof error.code === "string" && error.path === undefined) error.path = this.#partial;
        throw error;
      },
    );
    // Failures surface from write() and close(); this keeps the promise's copy from going unhandled.
    this.#done.catch(() => {});
  }

  /** Creates the file's directory and opens it with the given compression (`none` for plain). */
  static async open(path: string, compression: Compression, zstd: ZstdEncoderFactory): Promise<OutputFile> {
    await mkdir(dirname(path), { recursive: true });
    const compressor = compression === "gzip" ? createGzip() : compression === "zstd" && zstd ? zstd() : null;
    return new OutputFile(path, compressor);
  }

  /**
   * Writes bytes (the caller must not change them afterwards); returns a promise only when the
   * caller should wait for the disk to catch up, which also rejects when writing failed.
   */
  write(bytes: Uint8Array): Promise<void> | undefined {
    if (this.#batched + bytes.length <= BATCH_BYTES) {
      this.#batch.set(bytes, this.#batched);
      this.#batched += bytes.length;
      return undefined;
    }
    const ready = this.#flush();
    if (bytes.length >= BATCH_BYTES) return this.#head.write(bytes) && ready ? undefined : this.#drained();
    this.#batch.set(bytes, 0);
    this.#batched = bytes.length;
    return ready ? undefined : this.#drained();
  }

  /** Sends the gathered bytes down the stream; false when the caller should wait for it to drain. */
  #flush(): boolean {
    if (this.#batched === 0) return true;
    const full = this.#batch.subarray(0, this.#batched);
    // The stream keeps the buffer it was given: start a new one rather than overwrite it.
    this.#batch = Buffer.allocUnsafe(BATCH_BYTES);
    this.#batched = 0;
    return this.#head.write(full);
  }

  /** One promise per wait, however many writes ask: a listener per write would pile up. */
  #drained(): Promise<void> {
    this.#waiting ??= Promise.race([
      new Promise<void>((done) => this.#head.once("drain", done)),
      this.#done,
    ]).finally(() => {
      this.#waiting = undefined;
    });
    return this.#waiting;
  }

  /** Flushes and closes the file, still under its temporary name; returns its size and hash. */
  async close(): Promise<{ bytes: number; sha256: string }> {
    this.#flush();
    this.#head.end();
    await this.#done;
    return { bytes: this.#digest.bytes, sha256: this.#digest.hash.digest("hex") };
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.#head.destroy();
    await this.#done.catch(() => {});
    await rm(this.#partial, { force: true });
  }
}
