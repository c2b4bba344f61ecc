import { describe, expect, it } from "vitest";
import { LiteralGate } from "../../src/match/literal-gate.js";

describe("LiteralGate", () => {
  // Template 0 needs "i am" or "i'm", 1 needs "made by", 2 has no literals and always runs.
  const gate = new LiteralGate([["i am", "i'm"], ["made by"], null]);

  it("keeps the templates whose literal occurs in the whole text, in order", () => {
    const hits = gate.scan("hello, i'm here; made by hand", [], true);
    expect(hits.templates).toEqual([0, 1, 2]);
    expect(gate.scan("nothing to see", [], true).templates).toEqual([2]);
  });

  it("says which windows wholly hold a literal", () => {
    const text = "i am x. made by y. i'm z";
    const windows = [
      [0, 6],
      [8, 14],
      [19, 24],
    ] as const;
    const hits = gate.scan(text, windows, true);
    expect(hits.windows(0)).toEqual([0, 2]);
    expect(hits.windows(1)).toEqual([]); // "made by" ends at 15, past the window
    expect(hits.windows(2)).toEqual([0, 1, 2]);
    expect(gate.scan(text, windows, false).templates).toEqual([0, 2]);
  });

  it("answers each text on its own, whatever the texts scanned before (its state is reused)", () => {
    const texts = ["i am here", "made by hand", "nothing", "i'm made by me", "", "made by i am"];
    const fresh = (text: string) =>
      new LiteralGate([["i am", "i'm"], ["made by"], null]).scan(text, [[0, text.length]], true);
    const shared = new LiteralGate([["i am", "i'm"], ["made by"], null]);
    for (const order of [texts, [...texts].reverse(), [...texts, ...texts]]) {
      for (const text of order) {
        const hits = shared.scan(text, [[0, text.length]], true);
        const expected = fresh(text);
        expect(hits.templates, text).toEqual(expected.templates);
        for (const t of [0, 1, 2]) expect(hits.windows(t), `${text} ${t}`).toEqual(expected.windows(t));
      }
    }
  });
});
