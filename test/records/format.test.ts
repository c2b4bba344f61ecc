import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { formatOf } from "../../src/records/format.js";

describe("formatOf", () => {
  it("reads the format from the extension once compression is stripped", () => {
    expect(formatOf("a/b.jsonl")).toBe("jsonl");
    expect(formatOf("b.ndjson.gz")).toBe("jsonl");
    expect(formatOf("B.JSONL.ZST")).toBe("jsonl");
    expect(formatOf("data/x.json.zst")).toBe("json");
    expect(formatOf("notes.txt.gz")).toBe("txt");
    expect(formatOf("v1.2/data.json")).toBe("json");
    expect(formatOf("hf/train-00000-of-00002.PARQUET")).toBe("parquet");
  });

  it("reads stdin as JSONL and lets --format override everything", () => {
    expect(formatOf("-")).toBe("jsonl");
    expect(formatOf("-", "txt")).toBe("txt");
    expect(formatOf("dump.csv", "json")).toBe("json");
    expect(formatOf("x.parquet", "jsonl")).toBe("jsonl");
  });

  it("rejects compressed Parquet and unknown extensions with a remedy", () => {
    expect(() => formatOf("d/x.parquet.gz")).toThrow(
      "input d/x.parquet.gz: a compressed parquet file cannot be read (parquet compresses its own column chunks and needs random access); decompress the .gz first",
    );
    expect(() => formatOf("d/x.parquet.zst")).toThrow(/decompress the \.zst first$/);
    const unknown = (() => {
      try {
        formatOf("d/x.csv.gz");
      } catch (error) {
        return error;
      }
      return undefined;
    })() as InputError;
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.source).toBe("d/x.csv.gz");
    expect(unknown.message).toMatch(
      /^input d\/x\.csv\.gz: cannot tell the format \(unknown extension \.csv;.*pass --format jsonl\|json\|txt\|parquet$/,
    );
    expect(() => formatOf("v1.2/README")).toThrow(/no extension/);
  });
});
