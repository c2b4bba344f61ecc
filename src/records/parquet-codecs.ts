import { gunzipSync } from "node:zlib";
import type { Compressors } from "hyparquet";
import { compressors as jsCompressors } from "hyparquet-compressors";
import { loadNativeZstd, type ZstdDecoderKind } from "../decode/zstd-decoder.js";

/**
 * Largest uncompressed page accepted. Writers target pages of about 1 MiB; the check only stops a
 * corrupt page header from asking for gigabytes before the decoder notices the data is bad.
 */
export const MAX_PAGE_BYTES = 1 << 30;

/**
 * The page decompressors for hyparquet: every codec of hyparquet-compressors (SNAPPY, GZIP, ZSTD,
 * BROTLI, LZ4, LZ4_RAW), with the native ones swapped in where they are faster — zstd-napi for ZSTD
 * (≈ 1.5× fzstd on text columns, research/dependency-probes.md §3) and `zlib.gunzipSync` for GZIP
 * (≈ 1.4× the JS inflater). Each first checks the page's declared size against {@link MAX_PAGE_BYTES}.
 * @param zstd which zstd decoder; `native` throws when zstd-napi is missing. @default "auto"
 */
export function parquetCompressors(zstd: ZstdDecoderKind = "auto"): Compressors {
  const napi = zstd === "js" ? null : loadNativeZstd();
  if (zstd === "native" && napi === null) throw new Error("zstd-napi is not installed or did not build");
  const codecs: Compressors = {
    ...jsCompressors,
    GZIP: (input) => gunzipSync(input),
    ...(napi ? { ZSTD: (input: Uint8Array) => napi.decompress(input) } : {}),
  };
  const checked: Compressors = {};
  for (const [codec, decompress] of Object.entries(codecs) as [keyof Compressors, Decompress][]) {
    checked[codec] = (input, outputLength) => {
      if (outputLength > MAX_PAGE_BYTES) {
        throw new Error(
          `a ${codec} page declares ${outputLength} bytes uncompressed, over the ${MAX_PAGE_BYTES}-byte limit`,
        );
      }
      return decompress(input, outputLength);
    };
  }
  return checked;
}

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;
