import { describe, expect, it } from "vitest";
import { splitLeadingLookbehind } from "../../src/match/leading-lookbehind.js";

describe("splitLeadingLookbehind", () => {
  it("splits a leading lookbehind, bare or wrapped by a macro, ignoring brackets in classes and escapes", () => {
    expect(splitLeadingLookbehind("(?<![a-z])i am x")).toEqual({ guard: "(?<![a-z])", body: "i am x" });
    expect(splitLeadingLookbehind("(?:(?<![\\p{L}]))foo(bar)")).toEqual({
      guard: "(?<![\\p{L}])",
      body: "foo(bar)",
    });
    expect(splitLeadingLookbehind("(?<![)])x")).toEqual({ guard: "(?<![)])", body: "x" });
    expect(splitLeadingLookbehind("(?<!\\))y")).toEqual({ guard: "(?<!\\))", body: "y" });
  });

  it("keeps the source whole when splitting would change its meaning", () => {
    expect(splitLeadingLookbehind("(?<!x)a|b").guard).toBeNull();
    expect(splitLeadingLookbehind("(?:(?<!x)a)b").guard).toBeNull();
    expect(splitLeadingLookbehind("abc")).toEqual({ guard: null, body: "abc" });
  });
});
