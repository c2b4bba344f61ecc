import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { ParquetDecoder, ParquetDecodeStalled } from "../../src/records/parquet-decoder.js";
import { readParquet } from "../../src/records/parquet-reader.js";
import type { Source } from "../../src/sources/source.js";
import type { RecordItem } from "../../src/types.js";
import { parquetOf } from "../helpers/fuzz-property.mjs";
import { loopingParquet } from "../helpers/hostile-inputs.js";
import { toParquet } from "./parquet-helpers.js";

// The watchdog of issue 7: a corrupt page that loops hyparquet's decoder must fail its file, not
// hang the scan; a decoder that is merely waiting for bytes, or slow to be heard, must not.

/** A Parquet source over `bytes`; `delayMs` holds back every range read. */
function memorySource(uri: string, bytes: Uint8Array, delayMs = 0): Source {
  // A copy: a Buffer's slice is a view on a shared pool.
  const data = new Uint8Array(bytes);
  return {
    uri,
    size: bytes.length,
    open: () => {
      throw new Error("parquet reads ranges");
    },
    slice: async (start, end) => {
      if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
      return data.slice(start, end).buffer;
    },
  };
}

async function collect(
  source: Source,
  options: Parameters<typeof readParquet>[1] = {},
): Promise<RecordItem[]> {
  const items: RecordItem[] = [];
  for await (const item of readParquet(source, options)) items.push(item);
  return items;
}

const conversations = Array.from({ length: 300 }, (_, i) => ({
  id: i,
  messages: [
    { role: "user", content: `question ${i} — ünïcödé ✓` },
    { role: "assistant", content: i % 7 === 0 ? "我是通义千问。" : `answer ${i}` },
  ],
}));

describe("Parquet decoding in a watched thread", () => {
  it("gives the rows hyparquet gives in this thread, nested lists and whole rows alike", async () => {
    const bytes = toParquet(
      conversations,
      { id: "int64", messages: { listOf: ["role", "content"] } },
      {
        rowGroupSize: 64,
      },
    );
    const direct = await parquetReadObjects({ file: bytes.slice().buffer });
    const texts = await collect(memorySource("data/c.parquet", bytes));
    expect(texts.map((item) => (item.type === "record" ? item.value : item))).toEqual(
      direct.map(({ messages }) => ({ messages })),
    );
    expect(texts.map((item) => item.index)).toEqual(conversations.map((_, i) => i));
    const whole = await collect(memorySource("data/c.parquet", bytes), { allColumns: true });
    expect(whole.map((item) => (item.type === "record" ? item.value : item))).toEqual(direct);
  });

  it("fails a file whose page loops the decoder, naming the row group, and goes on with the next", async () => {
    const started = Date.now();
    const failure = await collect(memorySource("data/loop.parquet", loopingParquet()), { stallMs: 300 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toMatch(
      /^parquet data\/loop\.parquet row group 0 \(rows 0–\d+\): the decoder made no progress for 0\.3 s; the data is likely corrupt/,
    );
    expect((failure as Error).cause).toBeInstanceOf(ParquetDecodeStalled);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The stuck thread was terminated; the next file gets a new one.
    const texts = ["I am ChatGPT.", "fine", "also fine"];
    const next = await collect(memorySource("data/ok.parquet", parquetOf(texts, 2)), { stallMs: 300 });
    expect(next.map((item) => (item.type === "record" ? item.value : item))).toEqual(
      texts.map((text) => ({ text })),
    );
  });

  it("does not count a slow read of the file as a stall", async () => {
    const bytes = parquetOf(["a", "b", "c", "d", "e"], 2);
    const items = await collect(memorySource("data/slow.parquet", bytes, 400), { stallMs: 100 });
    expect(items.map((item) => item.type)).toEqual(["record", "record", "record", "record", "record"]);
  });

  it("does not count its own thread being busy past the deadline as a stall", async () => {
    const decoder = new ParquetDecoder();
    const bytes = parquetOf(["x", "y"], 2);
    const buffer = bytes.slice().buffer;
    const file = decoder.open(
      { byteLength: buffer.byteLength, slice: (start, end) => buffer.slice(start, end) },
      { metadata: parquetMetadata(buffer), byteLength: buffer.byteLength, utf8: true, zstd: "auto" },
    );
    const rows = file.decode({ columns: ["text"], rowStart: 0, rowEnd: 2 }, 50);
    // The answer comes within milliseconds but waits behind this: the watchdog fires first.
    const until = Date.now() + 1500;
    while (Date.now() < until) {}
    await expect(rows).resolves.toEqual([{ text: "x" }, { text: "y" }]);
    file.close();
  });

  it("fails with the error a range read failed with", async () => {
    const bytes = parquetOf(["a", "b", "c"], 3);
    const footerStart = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
    const source = memorySource("data/gone.parquet", bytes);
    const gone = new InputError("input data/gone.parquet: the file shrank while it was read", source.uri);
    const failing: Source = {
      ...source,
      slice: (start, end) =>
        start < footerStart
          ? Promise.reject(gone)
          : (source.slice as NonNullable<Source["slice"]>)(start, end),
    };
    await expect(collect(failing)).rejects.toBe(gone);
  });
});
