import { describe, expect, it } from "vitest";
import { compilePatterns } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { normalizeText } from "../../src/match/normalize.js";
import { prng } from "../helpers/prng.js";

describe("TermIndex.mayMatchAscii", () => {
  it("answers mayMatch of the normalized text for any ASCII text (builtin library, random texts)", () => {
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
    ];
    const random = prng(42);
    for (let n = 0; n < 3000; n++) {
      const count = 1 + Math.floor(random() * 8);
      const text = Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      // Plain ASCII is always decided, stars and keyless terms included.
      expect(terms.mayMatchAscii(text), text).toBe(terms.mayMatch(normalizeText(text).text));
    }
    expect(terms.mayMatchAscii("A recipe for banana bread, step by step.")).toBe(true);
    expect(terms.mayMatchAscii("A recipe for banana bread.")).toBe(false);
    expect(terms.mayMatchAscii("Ein Rezept für Bananenbrot.")).toBeUndefined();
  });
});
