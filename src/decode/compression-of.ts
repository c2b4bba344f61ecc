import type { Compression } from "../types.js";

const SUFFIXES: ReadonlyArray<readonly [string, Compression]> = [
  [".gz", "gzip"],
  [".zst", "zstd"],
];

/** How many leading bytes {@link sniffCompression} needs to decide. */
export const MAGIC_BYTES = 4;

/**
 * The compression an input's name announces: `.gz` is gzip, `.zst` is zstd (any case), anything
 * else (including stdin, `-`) is `none`. The bytes have the last word: see {@link sniffCompression}.
 */
export function compressionOf(uri: string): Compression {
  const lower = uri.toLowerCase();
  for (const [suffix, compression] of SUFFIXES) if (lower.endsWith(suffix)) return compression;
  return "none";
}

/** The name without its `.gz`/`.zst` suffix, so the format can be read from what is left. */
export function stripCompressionSuffix(uri: string): string {
  const lower = uri.toLowerCase();
  for (const [suffix] of SUFFIXES) if (lower.endsWith(suffix)) return uri.slice(0, -suffix.length);
  return uri;
}

/**
 * The compression the first bytes of a stream prove: gzip (`1f 8b`), zstd (`28 b5 2f fd`, or a
 * skippable frame `5? 2a 4d 18` such as pzstd writes first), or `none`. Pass at least
 * {@link MAGIC_BYTES} bytes when the stream has them.
 */
export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  const first = head[0];
  if (
    first !== undefined &&
    (first & 0xf0) === 0x50 &&
    head[1] === 0x2a &&
    head[2] === 0x4d &&
    head[3] === 0x18
  ) {
    return "zstd";
  }
  return "none";
}
