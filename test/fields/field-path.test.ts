import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { extractPath, parseFieldPath } from "../../src/fields/field-path.js";

describe("parseFieldPath", () => {
  it("parses keys, every-element and index steps", () => {
    expect(parseFieldPath("text").steps).toEqual([{ type: "key", key: "text" }]);
    expect(parseFieldPath("meta.body").steps).toEqual([
      { type: "key", key: "meta" },
      { type: "key", key: "body" },
    ]);
    expect(parseFieldPath("messages[].content").steps).toEqual([
      { type: "key", key: "messages" },
      { type: "each" },
      { type: "key", key: "content" },
    ]);
    expect(parseFieldPath("messages[2].content").steps).toEqual([
      { type: "key", key: "messages" },
      { type: "index", index: 2 },
      { type: "key", key: "content" },
    ]);
    expect(parseFieldPath("a.b[].c[10].d").steps).toEqual([
      { type: "key", key: "a" },
      { type: "key", key: "b" },
      { type: "each" },
      { type: "key", key: "c" },
      { type: "index", index: 10 },
      { type: "key", key: "d" },
    ]);
    expect(parseFieldPath("grid[][1]").steps).toEqual([
      { type: "key", key: "grid" },
      { type: "each" },
      { type: "index", index: 1 },
    ]);
  });

  it("accepts dashes, underscores, digits and non-ASCII in keys, and keeps the source", () => {
    const path = parseFieldPath("turn_2.user-reply.问题");
    expect(path.source).toBe("turn_2.user-reply.问题");
    expect(path.steps.map((s) => (s.type === "key" ? s.key : s.type))).toEqual([
      "turn_2",
      "user-reply",
      "问题",
    ]);
  });

  it.each([
    ["messages[.content", '--field "messages[.content": expected "]" at column 10'],
    ["messages[", '--field "messages[": expected "]" at column 10 (end of path)'],
    ["a[1x]", '--field "a[1x]": expected "]" at column 4'],
    ["a..b", '--field "a..b": expected a key at column 3'],
    [".a", '--field ".a": expected a key at column 1'],
    ["a.", '--field "a.": expected a key at column 3 (end of path)'],
    ["[0].text", '--field "[0].text": expected a key at column 1'],
    ["a]", '--field "a]": expected "." or "[" at column 2'],
    ["a[]b", '--field "a[]b": expected "." or "[" at column 4'],
    ["my field", '--field "my field": expected "." or "[" at column 3'],
  ])("rejects %s with a message pointing at the bad character", (source, message) => {
    expect(() => parseFieldPath(source)).toThrow(UsageError);
    expect(() => parseFieldPath(source)).toThrow(message);
  });

  it("rejects an empty path", () => {
    expect(() => parseFieldPath("")).toThrow(/empty path/);
  });
});

describe("extractPath", () => {
  const record = {
    text: "hello",
    meta: { body: "nested", n: 3 },
    messages: [
      { role: "user", content: "q" },
      { role: "assistant", content: "a" },
    ],
    grid: [
      ["a0", "a1"],
      ["b0", "b1"],
    ],
  };

  it("gives each concrete location with its index-filled path and holder", () => {
    const found = extractPath(record, parseFieldPath("messages[].content"));
    expect(found.map((m) => [m.field, m.value])).toEqual([
      ["messages[0].content", "q"],
      ["messages[1].content", "a"],
    ]);
    expect(found[1]?.container).toBe(record.messages[1]);
  });

  it("follows a single index, nested keys and nested arrays", () => {
    expect(extractPath(record, parseFieldPath("messages[1].content"))).toEqual([
      { field: "messages[1].content", value: "a", container: record.messages[1] },
    ]);
    expect(extractPath(record, parseFieldPath("meta.body"))).toEqual([
      { field: "meta.body", value: "nested", container: record.meta },
    ]);
    expect(extractPath(record, parseFieldPath("grid[][1]")).map((m) => [m.field, m.value])).toEqual([
      ["grid[0][1]", "a1"],
      ["grid[1][1]", "b1"],
    ]);
    expect(extractPath(record, parseFieldPath("text"))[0]?.container).toBe(record);
  });

  it("reaches nothing through missing keys, out-of-range indices and wrong types", () => {
    expect(extractPath(record, parseFieldPath("missing"))).toEqual([]);
    expect(extractPath(record, parseFieldPath("messages[5].content"))).toEqual([]);
    expect(extractPath(record, parseFieldPath("text[]"))).toEqual([]);
    expect(extractPath(record, parseFieldPath("messages.content"))).toEqual([]);
    expect(extractPath(record, parseFieldPath("meta[0]"))).toEqual([]);
    expect(extractPath(null, parseFieldPath("text"))).toEqual([]);
  });

  it("never walks into inherited properties", () => {
    expect(extractPath({}, parseFieldPath("constructor"))).toEqual([]);
    expect(extractPath({ a: {} }, parseFieldPath("a.toString"))).toEqual([]);
  });
});
