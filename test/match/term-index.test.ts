import { describe, expect, it } from "vitest";
import { compilePatterns } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { normalizeText } from "../../src/match/normalize.js";
import { prng, randomText } from "../helpers/prng.js";

describe("TermIndex.mayMatchUnnormalized", () => {
  it("answers mayMatch of the normalized text wherever it answers (builtin library, random texts)", () => {
    const { terms } = compilePatterns(loadPatterns());
    // Pieces of names with and without keys ("pi", "o1", "Yi", "KT" have none), in any case, with
    // the stars normalisation drops, among plain words.
    const pieces = [
      "I am ",
      "ChatGPT",
      "Chat*GPT",
      "**Claude**",
      "QWEN",
      "deep",
      "Seek",
      "Pi",
      " by Inflection",
      "o1",
      "O3-mini",
      "Yi",
      " a language model",
      "KT",
      "spirit",
      "happiness",
      "the ",
      "and ",
      "*",
      "Step",
      "-by-",
      "Gemini",
      "llama",
      " ",
      ".",
      "\n",
      "you are ",
      "an AI assistant",
      // Beyond ASCII: full-width and accented letters, CJK names, a combining mark, capital sigma.
      "ＧＰＴ",
      "é",
      "e\u0301",
      "通义千问",
      "阿里云",
      "Σ",
      "attempt",
      "opposite",
      "OPPO",
      " by StepFun",
      "phi-3",
      " Microsoft",
      "\u200b",
    ];
    const random = prng(42);
    let decided = 0;
    for (let n = 0; n < 6000; n++) {
      const count = 1 + Math.floor(random() * 8);
      const text = randomText(random, pieces, count);
      const answer = terms.mayMatchUnnormalized(text);
      const normalized = normalizeText(text).text;
      if (answer !== undefined) {
        decided++;
        expect(answer, text).toBe(terms.mayMatch(normalized));
      }
      // What it cannot tell, find() tells: it never answers false where find() sees a term.
      if (terms.find(normalized).mayMatch) expect(answer, text).not.toBe(false);
    }
    expect(decided).toBeGreaterThan(3500);
    // A key counts only as a word of its own; a name that needs a companion, only with it.
    expect(terms.mayMatchUnnormalized("A recipe for banana bread, step by step.")).toBe(false);
    expect(terms.mayMatchUnnormalized("We attempt the opposite.")).toBe(false);
    expect(terms.mayMatchUnnormalized("I am an OPPO phone.")).toBe(true);
    expect(terms.mayMatchUnnormalized("Step 2: preheat the oven.")).toBe(true);
    expect(terms.mayMatchUnnormalized("A recipe for banana bread.")).toBe(false);
    expect(terms.mayMatchUnnormalized("Ein Rezept für Bananenbrot.")).toBe(false);
    expect(terms.mayMatchUnnormalized("这是一个关于香蕉面包的食谱。")).toBe(false);
    expect(terms.mayMatchUnnormalized("我是通义千问")).toBe(true);
    expect(terms.mayMatchUnnormalized("I am ChatGPT")).toBe(true);
    // Whether the unit before a name is a letter is not in the text as it is after full-width
    // letters or stars: a closer look tells.
    expect(terms.mayMatchUnnormalized("I am ＣｈａｔＧＰＴ")).toBeUndefined();
    expect(terms.mayMatchUnnormalized("I'm **Claude**")).toBeUndefined();
    // "pi" says nothing without Inflection or "personal" in the text, and asks for a look with it.
    expect(terms.mayMatchUnnormalized("Pick a piece of pie.")).toBe(false);
    expect(terms.mayMatchUnnormalized("I'm Pi, your personal AI.")).toBeUndefined();
    // NFKC composes a combining mark with the letter before: that needs the whole text.
    expect(terms.mayMatchUnnormalized("cafe\u0301")).toBeUndefined();
  });
});
