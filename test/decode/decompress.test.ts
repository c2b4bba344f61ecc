import { createRequire } from "node:module";
import { constants, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressionOf, sniffCompression, stripCompressionSuffix } from "../../src/decode/compression-of.js";
import { decompress } from "../../src/decode/decompress.js";
import { loadNativeZstd, type ZstdDecoderKind } from "../../src/decode/zstd-decoder.js";
import { InputError } from "../../src/errors.js";
import { CHUNK_SIZES, chunked, collect, concatBytes } from "../records/stream-helpers.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };

const TEXT = Buffer.from(
  Array.from({ length: 300 }, (_, i) =>
    JSON.stringify({ i, text: `我是通义千问 ${i} 😀 ${"abc".repeat(i % 50)}` }),
  ).join("\n"),
);

/** A zstd skippable frame, as pzstd writes before its data frames. */
function skippableFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function errorOf(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an error");
}

const DECODERS: ZstdDecoderKind[] = loadNativeZstd() ? ["native", "js"] : ["js"];

describe("compressionOf / sniffCompression / stripCompressionSuffix", () => {
  it("reads the extension, any case", () => {
    expect(compressionOf("a.jsonl.gz")).toBe("gzip");
    expect(compressionOf("a.JSON.ZST")).toBe("zstd");
    expect(compressionOf("a.jsonl")).toBe("none");
    expect(compressionOf("-")).toBe("none");
    expect(stripCompressionSuffix("x/a.jsonl.GZ")).toBe("x/a.jsonl");
    expect(stripCompressionSuffix("x/a.jsonl")).toBe("x/a.jsonl");
  });

  it("recognises gzip, zstd and zstd skippable frames by their magic bytes", () => {
    expect(sniffCompression(gzipSync("x"))).toBe("gzip");
    expect(sniffCompression(zstd.compress(Buffer.from("x")))).toBe("zstd");
    expect(sniffCompression(skippableFrame(Buffer.from("meta")))).toBe("zstd");
    expect(sniffCompression(Buffer.from('{"a":1}'))).toBe("none");
    expect(sniffCompression(Buffer.alloc(0))).toBe("none");
  });
});

describe("decompress", () => {
  it("passes plain bytes through untouched at every chunk size", async () => {
    for (const size of CHUNK_SIZES) {
      expect((await concatBytes(decompress(chunked(TEXT, size), { uri: "a.jsonl" }))).equals(TEXT)).toBe(
        true,
      );
    }
  });

  it("gunzips multi-member gzip at every chunk size", async () => {
    const gz = Buffer.concat([gzipSync(TEXT.subarray(0, 1000)), gzipSync(TEXT.subarray(1000))]);
    for (const size of [1, 3, 7, 1000, Number.POSITIVE_INFINITY]) {
      const out = await concatBytes(decompress(chunked(gz, size), { uri: "a.jsonl.gz" }));
      expect(out.equals(TEXT), `chunk size ${size}`).toBe(true);
    }
  });

  for (const kind of DECODERS) {
    it(`decodes concatenated and skippable zstd frames (${kind})`, async () => {
      const zst = Buffer.concat([
        skippableFrame(Buffer.from("pzstd header")),
        zstd.compress(TEXT.subarray(0, 5000)),
        zstd.compress(TEXT.subarray(5000)),
      ]);
      for (const size of [1, 5, 4096, Number.POSITIVE_INFINITY]) {
        const out = await concatBytes(decompress(chunked(zst, size), { uri: "a.jsonl.zst", zstd: kind }));
        expect(out.equals(TEXT), `chunk size ${size}`).toBe(true);
      }
    });

    it(`reports a truncated zstd stream with the file name (${kind})`, async () => {
      const zst = zstd.compress(TEXT);
      const cut = zst.subarray(0, zst.length - 20);
      const error = await errorOf(() =>
        concatBytes(decompress(chunked(cut, 1000), { uri: "data/a.jsonl.zst", zstd: kind })),
      );
      expect(error.message).toBe(`zstd data/a.jsonl.zst: unexpected end of file after ${cut.length} bytes`);
      expect(error.source).toBe("data/a.jsonl.zst");
    });
  }

  it("decompresses by magic bytes when the name says nothing (stdin)", async () => {
    expect((await concatBytes(decompress(chunked(gzipSync(TEXT), 2), { uri: "-" }))).equals(TEXT)).toBe(true);
    const zst = zstd.compress(TEXT);
    expect((await concatBytes(decompress(chunked(zst, 2), { uri: "-" }))).equals(TEXT)).toBe(true);
  });

  it("rejects a .gz or .zst name on bytes that are not, showing the first bytes", async () => {
    const plain = await errorOf(() => concatBytes(decompress(chunked(TEXT, 1), { uri: "data/a.jsonl.gz" })));
    expect(plain.message).toBe(
      "gzip data/a.jsonl.gz: the name ends in .gz but the data is not gzip (expected 1f 8b, it starts with 7b 22 69 22)",
    );
    const swapped = await errorOf(() =>
      concatBytes(decompress(chunked(gzipSync(TEXT), 64), { uri: "b.json.zst" })),
    );
    expect(swapped.message).toMatch(
      /^zstd b\.json\.zst: the name ends in \.zst but the data is not zstd \(expected 28 b5 2f fd, it starts with 1f 8b/,
    );
    const empty = await errorOf(() =>
      concatBytes(decompress(chunked(Buffer.alloc(0), 1), { uri: "e.jsonl.gz" })),
    );
    expect(empty.message).toBe(
      "gzip e.jsonl.gz: the name ends in .gz but the data is not gzip (expected 1f 8b, the file is empty)",
    );
  });

  it("reports a truncated gzip stream with the file name and bytes read", async () => {
    const gz = gzipSync(TEXT);
    const cut = gz.subarray(0, gz.length >> 1);
    const error = await errorOf(() =>
      concatBytes(decompress(chunked(cut, 1024), { uri: "data/a.jsonl.gz" })),
    );
    expect(error.message).toBe(`gzip data/a.jsonl.gz: unexpected end of file after ${cut.length} bytes`);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("gives a truncated stream's output before its error whatever the reader's pace", async () => {
    const big = Buffer.concat(Array.from({ length: 40 }, () => TEXT));
    const gz = gzipSync(big);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    // What zlib can decode of it; a stream stops at its last whole 16 KiB output chunk, at most.
    const decodable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH });
    const outputs: Buffer[] = [];
    // Read whole (a small file is one read), the stream holds much of its output when it fails.
    for (const pauseMs of [0, 3]) {
      const got: Buffer[] = [];
      const error = await errorOf(async () => {
        for await (const chunk of decompress(chunked(cut, cut.length), { uri: "t.jsonl.gz" })) {
          got.push(Buffer.from(chunk));
          if (pauseMs > 0) await new Promise((done) => setTimeout(done, pauseMs));
        }
      });
      expect(error.message, `pause ${pauseMs} ms`).toMatch(/unexpected end of file/);
      outputs.push(Buffer.concat(got));
    }
    // A slow reader used to lose the chunks the stream held when it failed.
    expect(outputs[1]?.length).toBe(outputs[0]?.length);
    for (const output of outputs) {
      expect(output.length).toBeGreaterThan(decodable.length - (16 << 10));
      expect(output.equals(decodable.subarray(0, output.length))).toBe(true);
    }
  });

  it("reports corrupt gzip data with the file name", async () => {
    const gz = Buffer.from(gzipSync(TEXT));
    gz.fill(0xff, 20, 60);
    const error = await errorOf(() => concatBytes(decompress(chunked(gz, 1024), { uri: "c.jsonl.gz" })));
    expect(error.message).toMatch(/^gzip c\.jsonl\.gz: [a-z].* after \d+ bytes$/);
  });

  it("passes errors of the input itself through unchanged", async () => {
    const failure = new Error("disk on fire");
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield gzipSync(TEXT).subarray(0, 100);
      throw failure;
    }
    await expect(concatBytes(decompress(failing(), { uri: "a.jsonl.gz" }))).rejects.toBe(failure);
  });

  it("stops reading the input when the consumer stops early", async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        const chunk = gzipSync(TEXT);
        for (;;) yield chunk;
      } finally {
        closed = true;
      }
    }
    for await (const chunk of decompress(endless(), { uri: "a.jsonl.gz" })) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it("yields nothing for an empty plain input", async () => {
    expect(await collect(decompress(chunked(Buffer.alloc(0), 1), { uri: "-" }))).toEqual([]);
  });
});
