import { describe, expect, it } from "vitest";
import { checkExamples } from "../../src/match/check-examples.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";

const set = loadPatterns();
const matcher = createMatcher(set);

describe("the built-in pattern library", () => {
  it("loads and compiles", () => {
    expect(set.families.size).toBeGreaterThan(0);
    expect(matcher.templateCount).toBeGreaterThan(0);
  });

  it("passes every positive and negative example its files carry", () => {
    const failures = checkExamples(set, matcher).map(
      (f) =>
        `${f.where}: expected ${f.expected}; text ${JSON.stringify(f.text)}; got ${JSON.stringify(f.got.map((g) => [g.pattern, g.family]))}`,
    );
    expect(failures).toEqual([]);
  });
});
