import { createHash, type Hash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Transform, type TransformCallback, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Compression } from "../types.js";

const NEWLINE = new Uint8Array([0x0a]);

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

/**
 * One output file, written as `.NAME.partial` beside its final path and renamed to it only by
 * {@link OutputFile.close}, so an interrupted run never leaves a file that looks complete.
 */
export class OutputFile {
  records = 0;
  readonly #head: Writable;
  readonly #digest = new Digest();
  readonly #done: Promise<void>;
  readonly #partial: string;

  private constructor(
    readonly path: string,
    compressor: Transform | null,
  ) {
    this.#partial = join(dirname(path), `.${basename(path)}.partial`);
    const file = createWriteStream(this.#partial);
    this.#head = compressor ?? this.#digest;
    this.#done = compressor ? pipeline(compressor, this.#digest, file) : pipeline(this.#digest, file);
    // Failures surface from write() and close(); this keeps the promise's copy from going unhandled.
    this.#done.catch(() => {});
  }

  /** Creates the file's directory and opens it with the given compression (`none` for plain). */
  static async open(path: string, compression: Compression, zstd: ZstdEncoderFactory): Promise<OutputFile> {
    await mkdir(dirname(path), { recursive: true });
    const compressor = compression === "gzip" ? createGzip() : compression === "zstd" && zstd ? zstd() : null;
    return new OutputFile(path, compressor);
  }

  /** Writes one record, its bytes and a `\n`; returns a promise only when the caller should wait. */
  writeLine(bytes: Uint8Array): Promise<void> | undefined {
    this.records++;
    this.#head.write(bytes);
    if (this.#head.write(NEWLINE)) return undefined;
    return Promise.race([new Promise<void>((done) => this.#head.once("drain", done)), this.#done]);
  }

  /** Flushes, renames the partial file to its final name, and returns what it holds. */
  async close(): Promise<OutputStats> {
    this.#head.end();
    await this.#done;
    await rename(this.#partial, this.path);
    return { records: this.records, bytes: this.#digest.bytes, sha256: this.#digest.hash.digest("hex") };
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.#head.destroy();
    await this.#done.catch(() => {});
    await rm(this.#partial, { force: true });
  }
}
