import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNativeZstd } from "../../src/decode/zstd-decoder.js";
import { InputError } from "../../src/errors.js";
import { readRecords } from "../../src/records/read-records.js";
import { fileSource } from "../../src/sources/file-source.js";
import type { RecordItem } from "../../src/types.js";
import { collect, makeTempDir, memorySource } from "./stream-helpers.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };

const RECORDS = [
  { messages: [{ role: "system", content: "You are ChatGPT, a large language model trained by OpenAI." }] },
  { conversations: [{ from: "gpt", value: "我是通义千问，由阿里云开发的大语言模型。" }] },
  { text: "Soy Claude 😀 — brackets ] } in text" },
  { instruction: "Who are you?", output: "저는 Gemini입니다." },
];
const JSONL = Buffer.from(`${RECORDS.map((r) => JSON.stringify(r)).join("\n")}\n`);
const JSON_ARRAY = Buffer.from(JSON.stringify(RECORDS, null, 2));

let dir: string;
let cleanup: () => Promise<void>;
const files: Record<string, Buffer> = {
  "a.jsonl": JSONL,
  "a.json": JSON_ARRAY,
  "a.jsonl.gz": gzipSync(JSONL),
  "a.jsonl.zst": zstd.compress(JSONL),
  "a.json.gz": gzipSync(JSON_ARRAY),
  "a.json.zst": zstd.compress(JSON_ARRAY),
  "truncated.jsonl.gz": gzipSync(JSONL).subarray(0, 60),
  "truncated.jsonl.zst": zstd.compress(JSONL).subarray(0, 60),
  "plain.jsonl.gz": JSONL,
};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
});
afterAll(() => cleanup());

const source = (name: string) => fileSource(`data/${name}`, join(dir, name), files[name]?.length);
const values = (items: RecordItem[]) =>
  items.map((i) => (i.type === "record" ? [i.index, i.value] : ["error", i]));

describe("readRecords", () => {
  it("gives the same records and indexes through JSONL, JSON, gzip and zstd", async () => {
    const expected = RECORDS.map((r, i) => [i, r]);
    const zstdDecoders = loadNativeZstd() ? (["native", "js"] as const) : (["js"] as const);
    for (const name of ["a.jsonl", "a.json", "a.jsonl.gz", "a.json.gz"]) {
      expect(values(await collect(readRecords(source(name)))), name).toEqual(expected);
    }
    for (const name of ["a.jsonl.zst", "a.json.zst"]) {
      for (const zstdKind of zstdDecoders) {
        expect(values(await collect(readRecords(source(name), { zstd: zstdKind }))), name).toEqual(expected);
      }
    }
  });

  it("counts the bytes read before decompression", async () => {
    for (const name of ["a.jsonl", "a.jsonl.gz", "a.json.zst"]) {
      let bytes = 0;
      await collect(readRecords(source(name), { onBytes: (n) => (bytes += n) }));
      expect(bytes, name).toBe(files[name]?.length);
    }
  });

  it("reads compressed stdin by its magic bytes, as JSONL by default", async () => {
    const items = await collect(readRecords(memorySource("-", gzipSync(JSONL), 7)));
    expect(values(items)).toEqual(RECORDS.map((r, i) => [i, r]));
  });

  it("reads text with the unit asked for", async () => {
    const text = Buffer.from("line one\n\nline three\n");
    const lines = await collect(readRecords(memorySource("t.txt", text)));
    expect(values(lines)).toEqual([
      [0, { text: "line one" }],
      [2, { text: "line three" }],
    ]);
    const whole = await collect(readRecords(memorySource("t.txt", text), { textUnit: "file" }));
    expect(values(whole)).toEqual([[0, { text: "line one\n\nline three\n" }]]);
    const forced = await collect(readRecords(memorySource("t.jsonl", text), { format: "txt" }));
    expect(forced).toHaveLength(2);
  });

  it("throws a clear InputError for truncated gzip and zstd, after the records before the cut", async () => {
    for (const name of ["truncated.jsonl.gz", "truncated.jsonl.zst"]) {
      const seen: RecordItem[] = [];
      const failure = await (async () => {
        try {
          for await (const item of readRecords(source(name))) seen.push(item);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(failure, name).toBeInstanceOf(InputError);
      const kind = name.endsWith(".gz") ? "gzip" : "zstd";
      expect((failure as InputError).message).toBe(
        `${kind} data/${name}: unexpected end of file after 60 bytes`,
      );
      expect(seen.every((i) => i.type === "record")).toBe(true);
    }
  });

  it("rejects a .gz name on plain bytes", async () => {
    await expect(collect(readRecords(source("plain.jsonl.gz")))).rejects.toThrow(
      /^gzip data\/plain\.jsonl\.gz: the name ends in \.gz but the data is not gzip \(expected 1f 8b, it starts with 7b 22 6d 65\)$/,
    );
  });

  it("names the input when it cannot be opened, or its format is unknown", async () => {
    const missing = fileSource("data/gone.jsonl", join(dir, "gone.jsonl"));
    await expect(collect(readRecords(missing))).rejects.toThrow(
      new InputError("input data/gone.jsonl: no such file or directory", "data/gone.jsonl"),
    );
    await expect(collect(readRecords(memorySource("x.csv", JSONL)))).rejects.toThrow(
      /pass --format jsonl\|json\|txt\|parquet/,
    );
    await expect(collect(readRecords(memorySource("x.parquet.gz", JSONL)))).rejects.toThrow(
      /^input x\.parquet\.gz: a compressed parquet file cannot be read/,
    );
  });

  it("opens nothing until iterated, and reports a bad format from the iteration", async () => {
    let opened = 0;
    const src = {
      ...memorySource("x.csv", JSONL),
      open: () => {
        opened++;
        return memorySource("x.csv", JSONL).open();
      },
    };
    const records = readRecords(src);
    expect(opened).toBe(0);
    await expect(collect(records)).rejects.toBeInstanceOf(InputError);
    expect(opened).toBe(0);
    await collect(readRecords(src, { format: "jsonl" }));
    expect(opened).toBe(1);
  });

  it("passes the record cap to every reader", async () => {
    for (const name of ["a.jsonl", "a.json"]) {
      const items = await collect(readRecords(source(name), { maxRecordBytes: 20 }));
      expect(
        items.every((i) => i.type === "error" && /over the 20-byte record cap/.test(i.message)),
        name,
      ).toBe(true);
    }
  });

  it("closes the source when the caller stops early, on every path", async () => {
    for (const name of ["a.jsonl", "a.json", "a.jsonl.gz", "a.jsonl.zst", "a.json.zst"]) {
      const bytes = files[name] as Buffer;
      let stream: Readable | undefined;
      const src = {
        uri: name,
        open: () => {
          stream = memorySource(name, bytes, 16).open();
          return stream;
        },
      };
      for await (const item of readRecords(src)) {
        expect(item.type).toBe("record");
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stream?.destroyed, name).toBe(true);
    }
  });

  it("opens nothing when the caller stops before the first record (readers loaded on first use too)", async () => {
    for (const name of ["a.jsonl", "a.json", "a.jsonl.zst"]) {
      let opened = 0;
      const src = {
        uri: name,
        open: () => {
          opened++;
          return memorySource(name, files[name] as Buffer, 16).open();
        },
      };
      const iterator = readRecords(src)[Symbol.asyncIterator]();
      expect(await iterator.return?.(), name).toMatchObject({ done: true });
      expect(opened, name).toBe(0);
      // A new iteration still reads every record.
      let records = 0;
      for await (const item of readRecords(src)) if (item.type === "record") records++;
      expect(records, name).toBeGreaterThan(0);
    }
  });
});
