import { describe, expect, it } from "vitest";
import { type ArrayPiece, JsonArraySplitter } from "../../src/records/json-array-splitter.js";
import { CHUNK_SIZES } from "./stream-helpers.js";

/** The pieces of `text` at `size`-byte chunks, with the bytes `rest` gives at the first unusual one. */
function split(text: string | Buffer, size: number, max = 1 << 20) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const splitter = new JsonArraySplitter(max);
  const step = Number.isFinite(size) ? size : Math.max(bytes.length, 1);
  const elements: string[] = [];
  for (let i = 0; i < bytes.length; i += step) {
    const pieces: ArrayPiece[] = splitter.push(Buffer.from(bytes.subarray(i, i + step)));
    for (const piece of pieces) {
      if (piece.type === "element") {
        elements.push(piece.bytes.toString("utf8"));
      } else {
        const rest = Buffer.concat(splitter.rest(piece.from));
        return { elements, unusual: { from: piece.from, rest: rest.toString("utf8"), read: i + step } };
      }
    }
  }
  const end = splitter.end();
  if (end === undefined) return { elements, unusual: undefined };
  const rest = Buffer.concat(splitter.rest(end.from)).toString("utf8");
  return { elements, unusual: { from: end.from, rest, read: bytes.length } };
}

describe("JsonArraySplitter", () => {
  it("cuts a pretty-printed array with a BOM into its elements' exact bytes, at every chunk size", () => {
    const elements = [
      '{\n    "text": "brackets ] } [ { and \\"quotes\\" and \\\\",\n    "n": [1, {"x": null}]\n  }',
      "{}",
      '{"t":"é ✓ 🍎 \\u4f60"}',
    ];
    const text = `\ufeff \r\n[\n  ${elements[0]} ,\n\t${elements[1]},${elements[2]}\n]\n\n`;
    for (const size of CHUNK_SIZES) {
      expect(split(text, size), `chunk size ${size}`).toEqual({ elements, unusual: undefined });
    }
  });

  it("gives up at anything but a plain array of objects, from the end of the last element", () => {
    const cases: [string, string[], number][] = [
      ['{"a": 1}', [], 0],
      ['[{"a":1}, 7, {"b":2}]', ['{"a":1}'], 8],
      ['[{"a":1}, [1], {"b":2}]', ['{"a":1}'], 8],
      ['[{"a":1},]', ['{"a":1}'], 8],
      ['[{"a":1} {"b":2}]', ['{"a":1}'], 8],
      ['[{"a":1}] x', ['{"a":1}'], 8],
      ['[{"a":1}, {"b":', ['{"a":1}'], 8],
      ["", [], 0],
      ["[", [], 0],
      ["\ufeff\ufeff[{}]", [], 0],
    ];
    for (const [text, elements, from] of cases) {
      for (const size of [1, 3, Number.POSITIVE_INFINITY]) {
        const result = split(text, size);
        expect(result.elements, `${text} at ${size}`).toEqual(elements);
        expect(result.unusual?.from, `${text} at ${size}`).toBe(from);
        // What a general reader takes over with: every byte from there to the last one read.
        expect(result.unusual?.rest).toBe(Buffer.from(text).subarray(from, result.unusual?.read).toString());
      }
    }
  });

  it("gives up on a partial BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb]), Buffer.from("[{}]")]);
    for (const size of [1, 2, 100]) expect(split(bytes, size).unusual?.from).toBe(0);
  });

  it("gives up when the bytes since the last element go over the cap, and holds no more", () => {
    const text = `[{"a":1},{"b":"${"x".repeat(100)}"},{"c":3}]`;
    for (const size of [1, 7, 1000]) {
      const result = split(text, size, 50);
      expect(result.elements).toEqual(['{"a":1}']);
      expect(result.unusual?.from).toBe(8);
    }
    // An element of exactly the cap, counted with the comma before it, is still one.
    expect(split('[{"a":1},{"b":2}]', 1000, 8).elements).toEqual(['{"a":1}', '{"b":2}']);
  });
});
