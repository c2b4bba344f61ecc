import { createGunzip } from "node:zlib";
import { InputError } from "../errors.js";
import type { Compression } from "../types.js";
import { compressionOf, MAGIC_BYTES, sniffCompression } from "./compression-of.js";
import { pipeThrough } from "./pipe-through.js";
import type { ZstdDecoderKind } from "./zstd-decoder.js";

/** Options of {@link decompress}. */
export interface DecompressOptions {
  /** The input's name: its extension says what compression to expect, and errors name it. */
  uri: string;
  /** zstd decoder: zstd-napi, fzstd, or the first that loads. @default "auto" */
  zstd?: ZstdDecoderKind;
}

const MAGIC: Record<Exclude<Compression, "none">, string> = { gzip: "1f 8b", zstd: "28 b5 2f fd" };
const SUFFIX: Record<Exclude<Compression, "none">, string> = { gzip: ".gz", zstd: ".zst" };

/**
 * Turns an input's raw bytes into its decoded bytes. The extension (`.gz`, `.zst`) says what to
 * expect and the magic bytes confirm it: a `.gz` or `.zst` name on bytes that do not match throws
 * an {@link InputError} showing the first bytes; unnamed input whose bytes are gzip or zstd (stdin,
 * typically) is decompressed anyway. gzip members and zstd frames may be concatenated.
 *
 * A corrupt or truncated stream throws an `InputError` from the iteration, e.g.
 * `gzip data/a.jsonl.gz: unexpected end of file after 12345 bytes` (bytes read so far). Errors of
 * `stream` itself pass through unchanged. Stopping the iteration early closes `stream`.
 */
export async function* decompress(
  stream: AsyncIterable<Uint8Array>,
  options: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const { uri } = options;
  const iterator = stream[Symbol.asyncIterator]();
  let bytesIn = 0;
  let inputError: unknown;
  // Counting here rather than per decoder gives every error message the same "after N bytes".
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      const result = await iterator.next();
      if (!result.done) bytesIn += result.value.length;
      return result;
    } catch (error) {
      inputError = error;
      throw error;
    }
  };

  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < MAGIC_BYTES) {
      const result = await next();
      if (result.done) {
        ended = true;
        break;
      }
      head.push(result.value);
      headLength += result.value.length;
    }
    const first = Buffer.concat(head).subarray(0, MAGIC_BYTES);
    const named = compressionOf(uri);
    const actual = sniffCompression(first);
    if (named !== "none" && actual !== named) {
      const found = first.length === 0 ? "the file is empty" : `it starts with ${hex(first)}`;
      throw new InputError(
        `${named} ${uri}: the name ends in ${SUFFIX[named]} but the data is not ${named} (expected ${MAGIC[named]}, ${found})`,
        uri,
      );
    }
    const replay = async function* (): AsyncGenerator<Uint8Array> {
      yield* head;
      if (ended) return;
      for (let result = await next(); !result.done; result = await next()) yield result.value;
    };
    if (actual === "none") {
      yield* replay();
      return;
    }
    try {
      // zstd's decoders are loaded only for zstd input.
      yield* actual === "gzip"
        ? pipeThrough(replay(), createGunzip())
        : (await import("./zstd-decoder.js")).decodeZstd(replay(), options.zstd);
    } catch (error) {
      if (error === inputError || error instanceof InputError) throw error;
      throw new InputError(`${actual} ${uri}: ${describe(error)} after ${bytesIn} bytes`, uri, {
        cause: error,
      });
    }
  } finally {
    // Not awaited: a read still pending on a silent stdin would otherwise hold us here forever.
    iterator.return?.()?.catch(() => {});
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** Decoder messages, made to read alike whichever library wrote them. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/^unexpected EOF$|ended in middle of/i.test(message)) return "unexpected end of file";
  return message.charAt(0).toLowerCase() + message.slice(1);
}
