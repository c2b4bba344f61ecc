import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ReadJsonArrayOptions, readJsonArray } from "../../src/records/json-array-reader.js";
import type { RecordItem } from "../../src/types.js";
import { prng } from "../helpers/prng.js";
import { chunked, collect } from "./stream-helpers.js";

// The fast path (JsonArraySplitter + JSON.parse, handing over to stream-json at anything unusual)
// against stream-json alone, which is the oracle: same items, messages, raw bytes and spill files.

const spillDir = mkdtempSync(join(tmpdir(), "selfid-json-fast-"));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

/** The items of `bytes`, with any spill file read back into `rawFile` (and deleted). */
async function read(bytes: Buffer, size: number, options: ReadJsonArrayOptions): Promise<unknown[]> {
  const items = await collect(readJsonArray(chunked(bytes, size), { ...options, spillDir }));
  return items.map((item: RecordItem) => {
    if (item.rawFile === undefined) return item;
    const spilled = readFileSync(item.rawFile, "latin1");
    rmSync(item.rawFile);
    return { ...item, rawFile: spilled };
  });
}

async function expectSameAsStreamJson(
  text: string | Buffer,
  options: ReadJsonArrayOptions = {},
  sizes: number[] = [1, 7, 64, Number.POSITIVE_INFINITY],
): Promise<void> {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for (const keepRaw of [false, true]) {
    for (const size of sizes) {
      const expected = await read(bytes, size, { ...options, keepRaw, fast: false });
      const label = `${JSON.stringify(bytes.toString("latin1").slice(0, 80))}… keepRaw ${keepRaw} chunk ${size}`;
      expect(await read(bytes, size, { ...options, keepRaw, fast: true }), label).toStrictEqual(expected);
    }
  }
}

/** Random JSON text for a value, with escapes JSON.stringify never writes and optional blank space. */
function generator(seed: number) {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const PIECES = [
    "a",
    "Z",
    " ",
    "我是",
    "é",
    "😀",
    "]",
    "}",
    "[",
    "{",
    ",",
    ":",
    "\\",
    '"',
    "\n",
    "\t",
    "\u2028",
  ];
  const ESCAPES = ['\\"', "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\u005D", "\\b", "\\f", "\\r"];
  const blank = (spaced: boolean): string =>
    spaced
      ? Array.from({ length: Math.floor(random() * 3) }, () => pick([" ", "\n", "\r\n", "\t"])).join("")
      : "";
  const string = (): string => {
    let out = '"';
    for (let n = Math.floor(random() * 12); n > 0; n--) {
      out += random() < 0.3 ? pick(ESCAPES) : JSON.stringify(pick(PIECES)).slice(1, -1);
    }
    return `${out}"`;
  };
  const scalar = (): string =>
    pick([
      string,
      () => String(Math.floor(random() * 2000) - 1000),
      () => pick(["-0", "1.5e3", "2E-2", "0.25", "1e400", "123456789012345678901234567890"]),
      () => pick(["true", "false", "null"]),
    ])();
  const value = (depth: number, spaced: boolean): string => {
    const roll = random();
    if (depth > 3 || roll < 0.4) return scalar();
    if (roll < 0.6) {
      const items = Array.from(
        { length: Math.floor(random() * 4) },
        () => blank(spaced) + value(depth + 1, spaced),
      );
      return `[${items.join(",")}${blank(spaced)}]`;
    }
    return object(depth + 1, spaced);
  };
  const object = (depth: number, spaced: boolean): string => {
    const keys = ["text", "messages", "n", "__proto__", "text", "1", "", "é"];
    const members = Array.from(
      { length: Math.floor(random() * 5) },
      () =>
        `${blank(spaced)}${random() < 0.8 ? JSON.stringify(pick(keys)) : string()}${blank(spaced)}:${blank(spaced)}${value(depth, spaced)}`,
    );
    return `{${members.join(",")}${blank(spaced)}}`;
  };
  /** An array of mostly objects; `scalars` puts some other values in. */
  const array = (scalars: boolean): string => {
    const spaced = random() < 0.5;
    const elements = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
      scalars && random() < 0.3 ? value(2, spaced) : object(0, spaced),
    );
    const bom = random() < 0.2 ? "\ufeff" : "";
    return `${bom}${blank(spaced)}[${elements.map((e) => blank(spaced) + e + blank(spaced)).join(",")}]${blank(spaced)}`;
  };
  return { random, pick, array };
}

describe("readJsonArray fast path", () => {
  it("gives what stream-json gives on generated arrays of objects (nested, escapes, unicode, blank space)", async () => {
    const { array } = generator(1);
    for (let n = 0; n < 60; n++) await expectSameAsStreamJson(array(false));
  });

  it("gives what stream-json gives on arrays with scalars and arrays as elements", async () => {
    const { array } = generator(2);
    for (let n = 0; n < 40; n++) await expectSameAsStreamJson(array(true));
  });

  it("gives what stream-json gives on broken arrays: a byte inserted, dropped or cut", async () => {
    const { random, pick, array } = generator(3);
    for (let n = 0; n < 120; n++) {
      const text = Buffer.from(array(random() < 0.2));
      const at = Math.floor(random() * text.length);
      const mutated = pick([
        () =>
          Buffer.concat([
            text.subarray(0, at),
            Buffer.from(pick([",", "]", "}", "{", '"', "x", "\\", "\u00ff"])),
            text.subarray(at),
          ]),
        () => Buffer.concat([text.subarray(0, at), text.subarray(at + 1)]),
        () => text.subarray(0, at),
        () => Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xc3]), text.subarray(at)]),
      ])();
      await expectSameAsStreamJson(mutated, {}, [1, 13, Number.POSITIVE_INFINITY]);
    }
  });

  it("gives what stream-json gives with a small record cap, elements over it included", async () => {
    const { random, array } = generator(4);
    for (let n = 0; n < 40; n++) {
      await expectSameAsStreamJson(array(random() < 0.3), {
        maxRecordBytes: 20 + Math.floor(random() * 120),
      });
    }
    const big = JSON.stringify({ text: "x".repeat(300) });
    await expectSameAsStreamJson(`[{"a":1},${big},{"b":2}]`, { maxRecordBytes: 100 });
    await expectSameAsStreamJson(`[{"a":1},${" ".repeat(300)}{"b":2}]`, { maxRecordBytes: 100 });
    await expectSameAsStreamJson(`[{"a":1}${" ".repeat(300)}]`, { maxRecordBytes: 100 });
    await expectSameAsStreamJson(big, { maxRecordBytes: 100 });
  });

  it("gives what stream-json gives on the edge cases", async () => {
    const cases = [
      "",
      "  \n",
      "[]",
      " [ \n ] \n",
      "[",
      "[{}",
      "[{},",
      "[{},]",
      "[,{}]",
      "[{}{}]",
      "[{}] x",
      "[{}]]",
      "[{}]\n[{}]",
      '{"text": "a top-level object"}',
      '{"a":1} {"b":2}',
      "42",
      '"s"',
      "[1, 2, 3]",
      '[{"a":1}, 7, {"b":2}]',
      '[{"a":1}, [1, {"b":2}], {"c":3}]',
      '[{"a":1}, {"b":2}',
      '[{"a":1}, {"b":',
      '[{"a":1}, {"b":2} \t\r\n, {"c":3}]',
      '[{"__proto__": {"polluted": true}, "x": 1}]',
      '[{"a":1, "a":2, "b":{"c":[]}}]',
      '[{"deep":[[[[[[[[[[[[[[[[[[[[{"x":[{}]}]]]]]]]]]]]]]]]]]]]]}]',
      '[{"s":"\\ud800 lone"}, {"s":"a\\u0000b"}]',
      '[{"ctl":"a\tb"}]',
      '[{"a":01}]',
      '[{"a":tru}]',
      '[{"a":1}]\ufeff',
      "\ufeff[{}]",
      "\ufeff\ufeff[{}]",
      " \ufeff[{}]",
    ];
    for (const text of cases) await expectSameAsStreamJson(text);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    for (const bytes of [
      bom.subarray(0, 2),
      Buffer.concat([bom.subarray(0, 2), Buffer.from("[{}]")]),
      Buffer.concat([bom.subarray(0, 1), Buffer.from("[{}]")]),
      Buffer.concat([Buffer.from('[{"t":"a'), Buffer.from([0xff, 0xe4, 0xb8]), Buffer.from('b"}, {"u":1}]')]),
      Buffer.concat([Buffer.from('[{"t":1},'), Buffer.from([0xff]), Buffer.from('{"u":1}]')]),
    ]) {
      await expectSameAsStreamJson(bytes);
    }
  });

  it("gives the values and exact bytes of a pretty-printed array with a BOM", async () => {
    const elements = [{ text: "我是通义千问 😀 ] } [ {", n: [1, { x: null }] }, { empty: {} }];
    const text = `\ufeff${JSON.stringify(elements, null, 2)}\n`;
    const items = await collect(readJsonArray(chunked(Buffer.from(text), 5), { keepRaw: true }));
    expect(items.map((item) => (item.type === "record" ? item.value : item))).toEqual(elements);
    const raws = items.map((item) => Buffer.from(item.raw as Uint8Array).toString("utf8"));
    expect(raws).toEqual(elements.map((e) => JSON.stringify(e, null, 2).replaceAll("\n", "\n  ")));
    expect(readdirSync(spillDir)).toEqual([]);
  });
});
