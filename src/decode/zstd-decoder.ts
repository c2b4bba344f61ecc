import { createRequire } from "node:module";
import type { Transform } from "node:stream";
import { Decompress } from "fzstd";
import { pipeThrough } from "./pipe-through.js";

/**
 * Which zstd decoder to use: `native` is zstd-napi (≈ 5× faster, and fast on long-window frames),
 * `js` is fzstd (pure JS, always installed), `auto` is native when it loads, else js.
 */
export type ZstdDecoderKind = "auto" | "native" | "js";

/** The part of zstd-napi we use; typed here because the package is optional and may be absent. */
interface ZstdNapi {
  DecompressStream: new () => Transform;
  /** One-shot decompression of whole frames (Parquet pages). */
  decompress(data: Uint8Array): Buffer;
}

let native: ZstdNapi | null | undefined;

/**
 * zstd-napi when it is installed and its binary loads, else null. It is an optional dependency
 * (it builds from source where no prebuilt binary downloads), so a missing or broken build must
 * cost speed, not the run. Loaded once, on first use.
 */
export function loadNativeZstd(): ZstdNapi | null {
  if (native === undefined) {
    try {
      native = createRequire(import.meta.url)("zstd-napi") as ZstdNapi;
    } catch {
      native = null;
    }
  }
  return native;
}

/**
 * Decompresses a zstd stream (any number of concatenated and skippable frames). Corrupt or
 * truncated input throws the decoder's own error; `decompress` adds the file name.
 * @param kind which decoder; `native` throws when zstd-napi is missing. @default "auto"
 */
export function decodeZstd(
  input: AsyncIterable<Uint8Array>,
  kind: ZstdDecoderKind = "auto",
): AsyncIterable<Uint8Array> {
  const napi = kind === "js" ? null : loadNativeZstd();
  if (napi) return pipeThrough(input, new napi.DecompressStream());
  if (kind === "native") throw new Error("zstd-napi is not installed or did not build");
  return decodeWithFzstd(input);
}

async function* decodeWithFzstd(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  // fzstd hands out views of its window buffer, which it overwrites later: keep copies.
  const decoder = new Decompress((chunk) => {
    out.push(Uint8Array.prototype.slice.call(chunk));
  });
  for await (const chunk of input) {
    decoder.push(chunk);
    if (out.length > 0) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  // The final push is what notices a frame cut short ("unexpected EOF").
  decoder.push(new Uint8Array(0), true);
  yield* out;
}
