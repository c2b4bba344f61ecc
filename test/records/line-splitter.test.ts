import { describe, expect, it } from "vitest";
import { type LinePiece, LineSplitter, splitLines } from "../../src/records/line-splitter.js";
import { CHUNK_SIZES, chunked, collect, splitMeasured } from "./stream-helpers.js";

/** The naive whole-buffer split the streaming splitter must agree with. */
function oracle(bytes: Buffer, max = Number.POSITIVE_INFINITY): LinePiece[] {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const out: LinePiece[] = [];
  let line = 1;
  while (start < bytes.length) {
    const nl = bytes.indexOf(10, start);
    const stop = nl === -1 ? bytes.length : nl;
    const end = stop > start && bytes[stop - 1] === 13 ? stop - 1 : stop;
    if (end - start > max) out.push({ type: "oversize", line, byteOffset: start, size: end - start });
    else out.push({ type: "line", bytes: Buffer.from(bytes.subarray(start, end)), line, byteOffset: start });
    line++;
    start = stop + 1;
  }
  return out;
}

function plain(pieces: LinePiece[]) {
  return pieces.map((p) => (p.type === "line" ? { ...p, bytes: p.bytes.toString("hex") } : p));
}

const TRICKY = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from('{"a":"我是通义千问"}\r\n\r\n  \n{"b":"😀 emoji"}\n\n'),
  Buffer.from("x".repeat(300)),
  Buffer.from('\r\n{"c":"Привет"}\r\r\n{"d":"no final newline 😀"}'),
]);

describe("splitLines", () => {
  it("agrees with a whole-buffer split at every chunk size", async () => {
    const expected = plain(oracle(TRICKY));
    expect(expected.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const size of CHUNK_SIZES) {
      expect(plain(await collect(splitLines(chunked(TRICKY, size)))), `chunk size ${size}`).toEqual(expected);
    }
  });

  it("strips CRLF and a BOM, and counts the BOM in byte offsets", async () => {
    const bytes = Buffer.from("\ufeffab\r\ncd\n\nef");
    const pieces = await collect(splitLines(chunked(bytes, 1)));
    expect(pieces.map((p) => (p.type === "line" ? p.bytes.toString() : "?"))).toEqual(["ab", "cd", "", "ef"]);
    expect(pieces.map((p) => p.byteOffset)).toEqual([3, 7, 10, 11]);
  });

  it("keeps a lone \\r inside a line and only strips the one before \\n", async () => {
    const pieces = await collect(splitLines(chunked(Buffer.from("a\rb\r\r\nc\r"), 1)));
    expect(pieces.map((p) => (p.type === "line" ? p.bytes.toString() : "?"))).toEqual(["a\rb\r", "c"]);
  });

  it("yields nothing for an empty stream and one blank line for a lone newline", async () => {
    expect(await collect(splitLines(chunked(Buffer.alloc(0), 1)))).toEqual([]);
    const one = await collect(splitLines(chunked(Buffer.from("\n"), 1)));
    expect(plain(one)).toEqual([{ type: "line", bytes: "", line: 1, byteOffset: 0 }]);
  });

  it("treats a BOM prefix that is not a BOM as data", async () => {
    for (const text of ["\xef", "\xef\xbb", "\xef\xbbX\n"]) {
      const bytes = Buffer.from(text, "latin1");
      for (const size of [1, 2, 10]) {
        expect(plain(await collect(splitLines(chunked(bytes, size))))).toEqual(plain(oracle(bytes)));
      }
    }
  });

  it("reports an over-size line once, with its full size, and reads on", async () => {
    const long = "y".repeat(1000);
    const bytes = Buffer.from(`short\n${long}\r\nafter\n${"z".repeat(250)}`);
    for (const size of CHUNK_SIZES) {
      const pieces = plain(await collect(splitLines(chunked(bytes, size), { maxLineBytes: 100 })));
      expect(pieces, `chunk size ${size}`).toEqual([
        { type: "line", bytes: Buffer.from("short").toString("hex"), line: 1, byteOffset: 0 },
        { type: "oversize", line: 2, byteOffset: 6, size: 1000 },
        { type: "line", bytes: Buffer.from("after").toString("hex"), line: 3, byteOffset: 1008 },
        { type: "oversize", line: 4, byteOffset: 1014, size: 250 },
      ]);
    }
  });

  it("keeps a line of exactly the cap, even when its \\r\\n is split across chunks", async () => {
    const bytes = Buffer.from(`${"a".repeat(10)}\r\n${"b".repeat(11)}\n`);
    for (const size of CHUNK_SIZES) {
      const pieces = await collect(splitLines(chunked(bytes, size), { maxLineBytes: 10 }));
      expect(
        pieces.map((p) => p.type),
        `chunk size ${size}`,
      ).toEqual(["line", "oversize"]);
    }
  });

  it("does not buffer an over-size line: 64 MiB through a 1 KiB cap", async () => {
    const chunk = Buffer.alloc(1 << 20, 0x61);
    async function* huge(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 64; i++) yield chunk;
      yield Buffer.from("\nok\n");
    }
    const { pieces, peak } = await splitMeasured(new LineSplitter({ maxLineBytes: 1024 }), huge());
    expect(plain(pieces)).toEqual([
      { type: "oversize", line: 1, byteOffset: 0, size: 64 << 20 },
      { type: "line", bytes: Buffer.from("ok").toString("hex"), line: 2, byteOffset: (64 << 20) + 1 },
    ]);
    expect(peak).toBeLessThan(16 << 20);
  });

  it("hands out views of the chunk for lines inside it, copies for lines across chunks", () => {
    const splitter = new LineSplitter();
    const first = Buffer.from("one\ntw");
    const [one] = splitter.push(first);
    expect(one?.type === "line" && one.bytes.buffer === first.buffer).toBe(true);
    const [two] = splitter.push(Buffer.from("o\n"));
    expect(two?.type === "line" && two.bytes.toString()).toBe("two");
  });
});
