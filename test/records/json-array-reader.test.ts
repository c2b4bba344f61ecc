import { describe, expect, it } from "vitest";
import { readJsonArray } from "../../src/records/json-array-reader.js";
import type { RecordItem } from "../../src/types.js";
import { CHUNK_SIZES, chunked, collect } from "./stream-helpers.js";

const ELEMENTS: unknown[] = [
  { messages: [{ role: "assistant", content: "我是通义千问，由阿里云开发。" }] },
  { text: 'emoji 😀👍🏽, Привет, brackets ] } [ { inside a string, "quotes" and \\ backslash' },
  7,
  { nested: { deep: [[1, 2], { x: null }], flag: true }, n: -1.5e3 },
  "a string",
  [1, 2],
  { empty: {}, list: [] },
];

function expectedItems(elements: unknown[]): RecordItem[] {
  return elements.map((value, index) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? { type: "record", value, index }
      : {
          type: "error",
          message: `expected a JSON object, got ${Array.isArray(value) ? "array" : typeof value}`,
          index,
        },
  );
}

async function read(text: string | Buffer, size: number, maxRecordBytes?: number): Promise<RecordItem[]> {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  return collect(readJsonArray(chunked(bytes, size), maxRecordBytes === undefined ? {} : { maxRecordBytes }));
}

describe("readJsonArray", () => {
  it("gives the same items at every chunk size, pretty-printed or not, with a BOM", async () => {
    const expected = expectedItems(ELEMENTS);
    for (const text of [JSON.stringify(ELEMENTS), `\ufeff${JSON.stringify(ELEMENTS, null, 2)}\r\n`]) {
      for (const size of CHUNK_SIZES) {
        expect(await read(text, size), `chunk size ${size}`).toEqual(expected);
      }
    }
  });

  it("reads a top-level object as one record", async () => {
    for (const size of CHUNK_SIZES) {
      expect(await read(' {"text":"我是 ]}","n":[1]} \n', size)).toEqual([
        { type: "record", value: { text: "我是 ]}", n: [1] }, index: 0 },
      ]);
    }
  });

  it("gives no records for an empty array", async () => {
    expect(await read("[]", 1)).toEqual([]);
    expect(await read(" [ \n ] \n", 3)).toEqual([]);
  });

  it("reports an empty file and a scalar at the top", async () => {
    expect(await read("  \n", 1)).toEqual([
      { type: "error", message: "expected a JSON array or object, got an empty file", index: 0 },
    ]);
    expect(await read("42", 1)).toEqual([
      { type: "error", message: "expected a JSON array or object, got number", index: 0 },
    ]);
    expect(await read('"s"', 10)).toEqual([
      { type: "error", message: "expected a JSON array or object, got string", index: 0 },
    ]);
  });

  it("keeps the elements before a syntax error, at every chunk size, and stops there", async () => {
    const text = '[{"a":1},\n{"b":[2]},\n{"c" 3},\n{"d":4}]';
    for (const size of CHUNK_SIZES) {
      expect(await read(text, size), `chunk size ${size}`).toEqual([
        { type: "record", value: { a: 1 }, index: 0 },
        { type: "record", value: { b: [2] }, index: 1 },
        {
          type: "error",
          message: "invalid JSON (expected ':') in element 2; the rest of the file is skipped",
          index: 2,
        },
      ]);
    }
  });

  it("reports junk after the array once, after all its elements", async () => {
    for (const size of CHUNK_SIZES) {
      const items = await read('[{"a":1},{"b":2}]\n%% trailing', size);
      expect(items, `chunk size ${size}`).toEqual([
        { type: "record", value: { a: 1 }, index: 0 },
        { type: "record", value: { b: 2 }, index: 1 },
        {
          type: "error",
          message: expect.stringMatching(/^unexpected data after the top-level JSON value/),
          index: 2,
        },
      ]);
    }
  });

  it("reports a truncated array after the elements it holds", async () => {
    for (const size of CHUNK_SIZES) {
      expect(await read('[{"a":1},{"b":', size), `chunk size ${size}`).toEqual([
        { type: "record", value: { a: 1 }, index: 0 },
        { type: "error", message: "invalid JSON (unexpected end of file in element 1)", index: 1 },
      ]);
    }
  });

  it("reports an element over the record cap with its exact size and reads on, at every chunk size", async () => {
    const big = { text: "x".repeat(3000), nested: [{ a: [1, { b: "}]" }] }, { c: {} }] };
    const text = JSON.stringify([{ a: 1 }, big, "y".repeat(10), { b: 2 }]);
    // The size counts from the end of the previous element, so the comma before it too.
    const size = JSON.stringify(big).length + 1;
    for (const chunk of CHUNK_SIZES) {
      expect(await read(text, chunk, 1000), `chunk size ${chunk}`).toEqual([
        { type: "record", value: { a: 1 }, index: 0 },
        { type: "error", message: `element 1 is ${size} bytes, over the 1000-byte record cap`, index: 1 },
        { type: "error", message: "expected a JSON object, got string", index: 2 },
        { type: "record", value: { b: 2 }, index: 3 },
      ]);
    }
  });

  it("ends the file at a top-level object over the record cap", async () => {
    const text = JSON.stringify({ text: "x".repeat(3000) });
    for (const chunk of [1, 100, 100000]) {
      expect(await read(text, chunk, 1000), `chunk size ${chunk}`).toEqual([
        { type: "error", message: "the top-level object is over the 1000-byte record cap", index: 0 },
      ]);
    }
  });

  it("decodes invalid UTF-8 with U+FFFD instead of failing", async () => {
    const bytes = Buffer.concat([Buffer.from('[{"text":"a'), Buffer.from([0xff]), Buffer.from('b"}]')]);
    expect(await read(bytes, 1)).toEqual([{ type: "record", value: { text: "a\ufffdb" }, index: 0 }]);
  });
});
