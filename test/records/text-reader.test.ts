import { describe, expect, it } from "vitest";
import { readText } from "../../src/records/text-reader.js";
import { CHUNK_SIZES, chunked, collect } from "./stream-helpers.js";

const TEXT = Buffer.from("\ufeff我是通义千问。\r\n\r\n   \nI am ChatGPT 😀\nlast line, no newline");

describe("readText", () => {
  it("gives one record per non-blank line, indexed by 0-based line number, at every chunk size", async () => {
    for (const size of CHUNK_SIZES) {
      expect(await collect(readText(chunked(TEXT, size))), `chunk size ${size}`).toEqual([
        { type: "record", value: { text: "我是通义千问。" }, index: 0, line: 1, byteOffset: 3 },
        {
          type: "record",
          value: { text: "I am ChatGPT 😀" },
          index: 3,
          line: 4,
          byteOffset: TEXT.indexOf("I am"),
        },
        {
          type: "record",
          value: { text: "last line, no newline" },
          index: 4,
          line: 5,
          byteOffset: TEXT.indexOf("last"),
        },
      ]);
    }
  });

  it("gives the whole file as one record with unit file, BOM dropped, at every chunk size", async () => {
    for (const size of CHUNK_SIZES) {
      expect(await collect(readText(chunked(TEXT, size), { unit: "file" })), `chunk size ${size}`).toEqual([
        { type: "record", value: { text: TEXT.toString("utf8").slice(1) }, index: 0, line: 1, byteOffset: 0 },
      ]);
    }
  });

  it("gives no record for a blank file", async () => {
    expect(await collect(readText(chunked(Buffer.from(" \r\n\n"), 1), { unit: "file" }))).toEqual([]);
    expect(await collect(readText(chunked(Buffer.from(" \r\n\n"), 1)))).toEqual([]);
  });

  it("decodes invalid UTF-8 with U+FFFD in both units", async () => {
    const bytes = Buffer.concat([Buffer.from("a"), Buffer.from([0xff, 0xe6, 0x88]), Buffer.from("b\n")]);
    const [line] = await collect(readText(chunked(bytes, 1)));
    const [file] = await collect(readText(chunked(bytes, 1), { unit: "file" }));
    expect(line).toMatchObject({ value: { text: "a\ufffd\ufffdb" } });
    expect(file).toMatchObject({ value: { text: "a\ufffd\ufffdb\n" } });
  });

  it("reports lines and files over the record cap", async () => {
    const bytes = Buffer.from(`short\n${"x".repeat(50)}\nafter\n`);
    const lines = await collect(readText(chunked(bytes, 4), { maxRecordBytes: 20 }));
    expect(lines.map((i) => (i.type === "error" ? i.message : i.value))).toEqual([
      { text: "short" },
      "line is 50 bytes, over the 20-byte record cap",
      { text: "after" },
    ]);
    expect(await collect(readText(chunked(bytes, 4), { unit: "file", maxRecordBytes: 20 }))).toEqual([
      { type: "error", message: `file is ${bytes.length} bytes, over the 20-byte record cap`, index: 0 },
    ]);
  });
});
