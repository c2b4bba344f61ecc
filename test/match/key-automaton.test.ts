import { describe, expect, it } from "vitest";
import { KeyAutomaton } from "../../src/match/key-automaton.js";

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
    expect(automaton.test("nothing to see")).toBe(false);
    expect(automaton.test("a 我是")).toBe(true);
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
      expect(automaton.test(text)).toBe(naive(keys, text).length > 0);
      const from = Math.floor(random() * text.length);
      const to = from + Math.floor(random() * (text.length - from));
      expect(scanned(automaton, text, from, to)).toEqual(naive(keys, text, from, to));
    }
  });
});

describe("KeyAutomaton.testAscii", () => {
  it("answers test() of the lower-cased text without its stars, and gives up on non-ASCII", () => {
    const keys = ["chatgpt", "qwen", "open ai", "gpt-4"];
    const automaton = new KeyAutomaton(keys);
    const pieces = ["Chat", "GPT", "*", "**", "qw", "EN", " ", "Open", "AI", "gpt", "-4", "x", "\n"];
    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    for (let n = 0; n < 2000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 6) },
        () => pieces[Math.floor(random() * 13)],
      ).join("");
      expect(automaton.testAscii(text), text).toBe(automaton.test(text.toLowerCase().replaceAll("*", "")));
    }
    expect(automaton.testAscii("I am **Q*wen**")).toBe(true);
    expect(automaton.testAscii("naïve chatgpt")).toBeUndefined();
    expect(automaton.testAscii("ChatGPT then naïve")).toBe(true);
  });
});
