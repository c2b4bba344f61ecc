import { describe, expect, it } from "vitest";
import {
  COMPANION,
  CONDITIONAL,
  KEY,
  KeyAutomaton,
  NO_KEY,
  STRONG,
  UNDECIDED,
  WEAK,
  WEAK_KEY,
} from "../../src/match/key-automaton.js";
import { randomText } from "../helpers/prng.js";

/** Every occurrence of every key, by indexOf: the oracle. */
function naive(keys: readonly string[], text: string, from = 0, to = text.length): string[] {
  const out: string[] = [];
  const part = text.slice(from, to);
  keys.forEach((key, id) => {
    for (let at = part.indexOf(key); at >= 0; at = part.indexOf(key, at + 1)) out.push(`${id}@${from + at}`);
  });
  return out.sort();
}

function scanned(automaton: KeyAutomaton, text: string, from?: number, to?: number): string[] {
  const out: string[] = [];
  automaton.scan(text, (id, start) => out.push(`${id}@${start}`), from, to);
  return out.sort();
}

describe("KeyAutomaton", () => {
  it("finds overlapping and nested keys, ASCII or not", () => {
    const keys = ["he", "she", "his", "hers", "我是", "是通义", "😀a", "-x"];
    const automaton = new KeyAutomaton(keys);
    const text = "ushers, his 我是通义千问 😀a-x";
    expect(scanned(automaton, text)).toEqual(naive(keys, text));
    expect(scanned(automaton, "nothing to see")).toEqual([]);
    expect(scanned(automaton, "a 我是")).toEqual(["4@2"]);
  });

  it("agrees with indexOf on random keys and texts, and on any [from, to) range", () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const alphabet = ["a", "b", "c", " ", "é", "我", "是", "😀"];
    const word = (max: number) =>
      Array.from({ length: 1 + Math.floor(random() * max) }, () => alphabet[Math.floor(random() * 8)]).join(
        "",
      );
    for (let round = 0; round < 50; round++) {
      const keys = [...new Set(Array.from({ length: 1 + Math.floor(random() * 20) }, () => word(4)))];
      const automaton = new KeyAutomaton(keys);
      const text = word(80);
      expect(scanned(automaton, text)).toEqual(naive(keys, text));
      const from = Math.floor(random() * text.length);
      const to = from + Math.floor(random() * (text.length - from));
      expect(scanned(automaton, text, from, to)).toEqual(naive(keys, text, from, to));
    }
  });
});

/** A seeded generator of texts made of `pieces`. */
function texts(pieces: readonly string[], count: number, seed: number): string[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
  return Array.from({ length: count }, () => randomText(random, pieces, Math.floor(random() * 7)));
}

/** Normalisation as the tests' `formAt` sees it: NFKC, lower case, no stars. */
const fold = (text: string) => text.normalize("NFKC").toLowerCase().replaceAll("*", "");
const formAt = (text: string, i: number) => fold(text.slice(i, i + 1));

/** Latin boundary class (word-boundary.ts): 1. */
const LATIN = 1;

describe("KeyAutomaton.testFolded", () => {
  it("without marks, says whether a key is in the lower-cased text without its stars", () => {
    const keys = ["chatgpt", "qwen", "open ai", "gpt-4", "通义"];
    const automaton = new KeyAutomaton(keys);
    const pieces = [
      "Chat",
      "GPT",
      "*",
      "**",
      "qw",
      "EN",
      " ",
      "Open",
      "AI",
      "gpt",
      "-4",
      "x",
      "\n",
      "通",
      "义",
      "Ｑ",
    ];
    for (const text of texts(pieces, 3000, 5)) {
      expect(automaton.testFolded(text, formAt), text).toBe(
        scanned(automaton, fold(text)).length > 0 ? KEY : NO_KEY,
      );
    }
    expect(automaton.testFolded("I am **Q*wen**", formAt)).toBe(KEY);
    expect(automaton.testFolded("ＣＨＡＴＧＰＴ", formAt)).toBe(KEY);
    expect(automaton.testFolded("naïve chatgpt", () => undefined)).toBe(UNDECIDED);
    expect(automaton.testFolded("ChatGPT then naïve", () => undefined)).toBe(KEY);
  });

  it("counts a key only where it stands with the boundaries its marks ask for", () => {
    // "gpt": boundary before; "oppo": before and after; "yi": weak; "step": conditional on
    // "stepfun" or "阶跃" anywhere in the text.
    const keys = ["gpt", "oppo", "yi", "step", "stepfun", "阶跃"];
    const marks = {
      before: Uint8Array.from([LATIN, LATIN, LATIN, LATIN, 0, 0]),
      after: Uint8Array.from([0, LATIN, 0, 0, 0, 0]),
      kind: Uint8Array.from([STRONG, STRONG, WEAK, CONDITIONAL, COMPANION, COMPANION]),
      group: Int32Array.from([-1, -1, -1, 0, -1, -1]),
      completes: [undefined, undefined, undefined, undefined, [0], [0]],
      groups: 1,
    };
    const automaton = new KeyAutomaton(keys, marks);
    const cases: Array<[string, number]> = [
      ["I am GPT.", KEY],
      ["ChatGPT", NO_KEY],
      ["gpt-4 first", KEY],
      ["egpt", NO_KEY],
      // The unit before "gpt" is not in the text as it is: only a closer look can tell.
      ["我是gpt", WEAK_KEY],
      ["OPPO", KEY],
      ["an OPPO phone", KEY],
      ["oppo-find", KEY],
      ["the opposite", NO_KEY],
      ["OPPOSITE", NO_KEY],
      ["oppo_x", NO_KEY],
      ["**OPPO**", KEY],
      ["a **OPPO** phone", WEAK_KEY],
      ["OPPO**", KEY],
      ["Yi", WEAK_KEY],
      ["yield", WEAK_KEY],
      ["royi", NO_KEY],
      ["step by step", NO_KEY],
      ["footstep", NO_KEY],
      ["Step, by StepFun", WEAK_KEY],
      ["StepFun made Step", WEAK_KEY],
      ["我是Step，由阶跃星辰开发", WEAK_KEY],
      ["steps", NO_KEY],
    ];
    for (const [text, expected] of cases) expect(automaton.testFolded(text, formAt), text).toBe(expected);
  });

  it("never says NO_KEY where a key stands in the folded text (random texts)", () => {
    const keys = ["gpt", "oppo", "qwen2"];
    const marks = {
      before: Uint8Array.from([LATIN, LATIN, LATIN]),
      after: Uint8Array.from([0, LATIN, LATIN]),
      kind: new Uint8Array(3),
      group: Int32Array.from([-1, -1, -1]),
      completes: [],
      groups: 0,
    };
    const automaton = new KeyAutomaton(keys, marks);
    const letter = /[a-z0-9_\u00c0-\u024f\u1e00-\u1eff]/;
    const stands = (text: string) =>
      keys.some((key, id) => {
        for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
          const before = at > 0 && letter.test(text[at - 1] as string);
          const end = at + key.length;
          const after = id > 0 && end < text.length && letter.test(text[end] as string);
          if (!before && !after) return true;
        }
        return false;
      });
    const pieces = [
      "G",
      "pt",
      "gpt",
      "oppo",
      "OPP",
      "o",
      "s",
      " ",
      "*",
      "é",
      "Ｇ",
      "qwen",
      "2",
      "x",
      ".",
      "我",
    ];
    let exact = 0;
    for (const text of texts(pieces, 5000, 11)) {
      const answer = automaton.testFolded(text, formAt);
      const expected = stands(fold(text));
      // Where stars or other characters stand just before a key, it asks for a closer look.
      if (expected) expect(answer, text).not.toBe(NO_KEY);
      if (!/[*é]|[^ -~]/.test(text)) {
        expect(answer, text).toBe(expected ? KEY : NO_KEY);
        exact++;
      }
    }
    expect(exact).toBeGreaterThan(1000);
  });
});
