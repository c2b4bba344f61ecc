import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonArray } from "../../src/records/json-array-reader.js";
import type { RecordItem } from "../../src/types.js";

async function read(text: string, chunkSize: number, keepRaw = true): Promise<RecordItem[]> {
  const bytes = Buffer.from(text, "utf8");
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const items: RecordItem[] = [];
  for await (const item of readJsonArray(chunks(), { keepRaw })) items.push(item);
  return items;
}

const rawText = (item: RecordItem | undefined): string | undefined =>
  item?.raw === undefined ? undefined : Buffer.from(item.raw).toString("utf8");

describe("readJsonArray keepRaw", () => {
  const elements = [
    '{"a": [1, {"b": "}]"}], "c": "[{"}',
    '{\n    "text": "\\u4f60\\u597d",\n    "n": 1.50\n  }',
    "{}",
    '{"t":"é ✓ 🍎"}',
  ];
  const doc = `\uFEFF [\n  ${elements[0]} ,\n  ${elements[1]},7,\n[1,2],  ${elements[2]},${elements[3]}\n]\n`;

  for (const size of [1, 2, 3, 7, 64, 4096]) {
    it(`gives each element its exact bytes at chunk size ${size}`, async () => {
      const items = await read(doc, size);
      expect(items.map((i) => [i.type, i.index])).toEqual([
        ["record", 0],
        ["record", 1],
        ["error", 2],
        ["error", 3],
        ["record", 4],
        ["record", 5],
      ]);
      expect(rawText(items[0])).toBe(elements[0]);
      expect(rawText(items[1])).toBe(elements[1]);
      expect(rawText(items[2])).toBe("7");
      expect(rawText(items[3])).toBe("[1,2]");
      expect(rawText(items[4])).toBe(elements[2]);
      expect(rawText(items[5])).toBe(elements[3]);
      for (const item of items) {
        if (item.type === "record") expect(JSON.parse(rawText(item) as string)).toEqual(item.value);
      }
    });
  }

  it("keeps the bytes of a top-level object", async () => {
    const object = '{ "messages": [ {"role": "assistant", "content": "hi"} ] }';
    const items = await read(`  ${object}\n`, 5);
    expect(items).toHaveLength(1);
    expect(rawText(items[0])).toBe(object);
  });

  it("gives no raw bytes unless asked", async () => {
    const items = await read(doc, 16, false);
    expect(items.every((item) => item.raw === undefined)).toBe(true);
  });
});

describe("readJsonArray keepRaw: nothing lost", () => {
  const spillDir = mkdtempSync(join(tmpdir(), "selfid-json-spill-"));
  afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

  async function readSpilling(text: string, chunkSize: number, max?: number): Promise<RecordItem[]> {
    const bytes = Buffer.from(text, "utf8");
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    }
    const items: RecordItem[] = [];
    const options = { keepRaw: true, spillDir, ...(max === undefined ? {} : { maxRecordBytes: max }) };
    for await (const item of readJsonArray(chunks(), options)) items.push(item);
    return items;
  }

  const spilled = (item: RecordItem | undefined): string => {
    const path = item?.rawFile as string;
    const text = readFileSync(path, "utf8");
    rmSync(path);
    return text;
  };

  for (const size of [1, 3, 50, 4096]) {
    it(`keeps the rest of a file after a syntax error, at chunk size ${size}`, async () => {
      const broken = '{"a": 1, oops} , {"b": 2}\n]\ntrailing';
      const items = await readSpilling(`[{"ok": true}, ${broken}`, size);
      expect(items.map((i) => i.type)).toEqual(["record", "error"]);
      expect(spilled(items[1])).toBe(broken);
    });

    it(`keeps a truncated last element, at chunk size ${size}`, async () => {
      const items = await readSpilling('[{"ok": true},\n  {"cut": "hal', size);
      expect(items.map((i) => i.type)).toEqual(["record", "error"]);
      expect(spilled(items[1])).toBe('{"cut": "hal');
    });

    it(`keeps an element over the cap in a spill file and reads on, at chunk size ${size}`, async () => {
      const big = JSON.stringify({ text: "x".repeat(300), list: [1, [2, { y: "}" }]] });
      const items = await readSpilling(`[{"a":1}, ${big} ,{"b":2}]`, size, 100);
      expect(items.map((i) => i.type)).toEqual(["record", "error", "record"]);
      expect(items[1]?.raw).toBeUndefined();
      expect(spilled(items[1])).toBe(big);
      expect(rawText(items[2])).toBe('{"b":2}');
    });
  }

  for (const size of [7, 10_000]) {
    it(`leaves no spill file behind when the reader is stopped early (chunk size ${size})`, async () => {
      const big = JSON.stringify({ t: "x".repeat(500) });
      const bytes = Buffer.from(`[{"a": 1}, ${big}, {"b": 2}, ${big}, oops`);
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      for await (const _ of readJsonArray(chunks(), { keepRaw: true, spillDir, maxRecordBytes: 100 })) break;
      expect(readdirSync(spillDir)).toEqual([]);
    });
  }
});
