import { describe, expect, it } from "vitest";
import { readJsonl } from "../../src/records/jsonl-reader.js";
import type { RecordItem } from "../../src/types.js";
import { CHUNK_SIZES, chunked, collect } from "./stream-helpers.js";

const TRICKY = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    [
      '{"messages":[{"role":"assistant","content":"我是通义千问，由阿里云开发。"}]}',
      "",
      "   \t",
      '{"text":"emoji 😀👍🏽 and Привет"}',
      '{"broken": }',
      "42",
      '{"text":"escaped \\u6211\\u662f \\"quoted\\" {not a brace}"}',
    ].join("\r\n"),
  ),
  Buffer.from('\n\n{"last":"no final newline, 我是"}'),
]);

/** Where `text` starts in the stream: the oracle for byte offsets. */
const at = (text: string): number => TRICKY.indexOf(Buffer.from(text));

const EXPECTED: RecordItem[] = [
  {
    type: "record",
    value: { messages: [{ role: "assistant", content: "我是通义千问，由阿里云开发。" }] },
    index: 0,
    line: 1,
    byteOffset: 3,
  },
  {
    type: "record",
    value: { text: "emoji 😀👍🏽 and Привет" },
    index: 3,
    line: 4,
    byteOffset: at('{"text":"emoji'),
  },
  {
    type: "error",
    message: expect.stringMatching(/^invalid JSON \(.+\)$/) as unknown as string,
    index: 4,
    line: 5,
    byteOffset: at('{"broken'),
  },
  { type: "error", message: "expected a JSON object, got number", index: 5, line: 6, byteOffset: at("42") },
  {
    type: "record",
    value: { text: 'escaped 我是 "quoted" {not a brace}' },
    index: 6,
    line: 7,
    byteOffset: at('{"text":"escaped'),
  },
  { type: "record", value: { last: "no final newline, 我是" }, index: 8, line: 9, byteOffset: at('{"last"') },
];

describe("readJsonl", () => {
  it("gives the same items at every chunk size: BOM, CRLF, blank lines, UTF-8 split anywhere", async () => {
    for (const size of CHUNK_SIZES) {
      expect(await collect(readJsonl(chunked(TRICKY, size))), `chunk size ${size}`).toEqual(EXPECTED);
    }
  });

  it("reports invalid JSON with the parser's message and reads on", async () => {
    const bytes = Buffer.from('{"a":1}\n{"a": 2,}\n{"a":3}\n');
    const items = await collect(readJsonl(chunked(bytes, 5)));
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ type: "error", index: 1, line: 2, byteOffset: 8 });
    const message = (items[1] as { message: string }).message;
    let parserMessage = "";
    try {
      JSON.parse('{"a": 2,}');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(message).toBe(`invalid JSON (${parserMessage})`);
    expect(items[2]).toMatchObject({ type: "record", value: { a: 3 }, index: 2 });
  });

  it("names the JSON type of a line that is not an object", async () => {
    const bytes = Buffer.from('1\n"s"\n[1]\nnull\ntrue\n{"ok":1}\n');
    const messages = (await collect(readJsonl(chunked(bytes, 3)))).map((i) =>
      i.type === "error" ? i.message : "record",
    );
    expect(messages).toEqual([
      "expected a JSON object, got number",
      "expected a JSON object, got string",
      "expected a JSON object, got array",
      "expected a JSON object, got null",
      "expected a JSON object, got boolean",
      "record",
    ]);
  });

  it("reports an over-size line once and reads the lines after it", async () => {
    const big = JSON.stringify({ text: "x".repeat(500) });
    const bytes = Buffer.from(`{"a":1}\n${big}\n{"b":2}\n`);
    for (const size of [1, 7, 64, 100000]) {
      const items = await collect(readJsonl(chunked(bytes, size), { maxRecordBytes: 100 }));
      expect(items, `chunk size ${size}`).toEqual([
        { type: "record", value: { a: 1 }, index: 0, line: 1, byteOffset: 0 },
        {
          type: "error",
          message: `line is ${big.length} bytes, over the 100-byte record cap`,
          index: 1,
          line: 2,
          byteOffset: 8,
        },
        { type: "record", value: { b: 2 }, index: 2, line: 3, byteOffset: 9 + big.length },
      ]);
    }
  });

  it("decodes invalid UTF-8 with U+FFFD instead of failing", async () => {
    const bytes = Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xff, 0xc3]), Buffer.from('b"}\n')]);
    const [item] = await collect(readJsonl(chunked(bytes, 1)));
    expect(item).toMatchObject({ type: "record", value: { text: "a\ufffd\ufffdb" } });
  });
});
