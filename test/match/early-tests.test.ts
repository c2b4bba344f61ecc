import { describe, expect, it } from "vitest";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";
import type { Role } from "../../src/types.js";
import { type Case, FILLERS, libraryExamples, ROLES } from "../helpers/library-examples.js";
import { prng, randomText } from "../helpers/prng.js";

// The early tests (the key automaton's test on the text as it is, word boundaries around keys,
// companions of names such as "pi … Inflection") only skip work: with them off, every key
// occurrence is looked at, as before they existed.
const set = loadPatterns();
const screened = createMatcher(set);
const unscreened = createMatcher(set, {}, { earlyTests: false });
const examples = libraryExamples(set);

/** Both matchers agree on every case: findings and resolved findings. */
function expectSame(all: readonly Case[]): number {
  let found = 0;
  for (const { text, role } of all) {
    const expected = unscreened.explain(text, role).findings;
    expect({ text, role, findings: screened.explain(text, role).findings }).toEqual({
      text,
      role,
      findings: expected,
    });
    expect(screened.match(text, role)).toEqual(unscreened.match(text, role));
    found += expected.length;
  }
  return found;
}

/** Ways to put a name where a key stands on a word's edge, or where only a closer look can tell. */
const DISGUISES: Array<(text: string) => string> = [
  (t) => t,
  // Glued to letters on either side: no name there.
  (t) => t.replace(/\b(\p{L})/gu, "x$1"),
  (t) => t.replace(/(\p{L})\b/gu, "$1s"),
  // Markdown emphasis, which normalisation drops, and full-width letters, which it folds.
  (t) => t.replace(/\b(\p{Lu}\p{L}+)/gu, "**$1**"),
  (t) => t.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  // Accents that compose with the letter before, and a zero-width space inside words.
  (t) => t.replace(/e/g, "e\u0301"),
  (t) => t.replace(/(\p{L})(\p{L})/gu, "$1\u200b$2"),
  // A name's companion moved away or removed.
  (t) => t.replace(/(Inflection|StepFun|Microsoft|Cohere|Amazon|阶跃星辰|ByteDance)/g, ""),
  (t) => `${t.replace(/(Inflection|StepFun|Microsoft|Cohere|Amazon)/g, "")} (see also $1)`,
];

describe("the early tests change no finding", () => {
  it("on every example of the library, as it is and disguised", () => {
    expect(examples.length).toBeGreaterThan(2000);
    const cases = examples.flatMap((e, i) =>
      DISGUISES.map((disguise, d) => ({
        text: disguise(e.text),
        role: ROLES[(i + d) % ROLES.length] as Role,
      })),
    );
    expect(expectSame(cases)).toBeGreaterThan(2000);
  });

  it("on examples wrapped in filler, and on random mixes of names, companions and words", () => {
    const wrapped = examples.map((e, i) => ({
      text: `${FILLERS[i % FILLERS.length]} ${e.text} ${FILLERS[(i * 5 + 2) % FILLERS.length]}`,
      role: ROLES[i % ROLES.length] as Role,
    }));
    expect(expectSame(wrapped)).toBeGreaterThan(500);
    const pieces = [
      "I am ",
      "I'm Pi",
      " by Inflection",
      ", your personal AI",
      "Step",
      "-2",
      " from StepFun",
      "phi-3",
      "Phi",
      " by Microsoft",
      "OPPO",
      "opposite",
      "yield",
      "Yi",
      ", an AI assistant",
      "**",
      "ＧＰＴ",
      "我是",
      "通义千问",
      "，由阿里云开发",
      "attempt",
      " ",
      ". ",
      "e\u0301",
      "Command",
      " R+ by Cohere",
    ];
    const random = prng(7);
    const mixes = Array.from({ length: 4000 }, (_, i) => ({
      text: randomText(random, pieces, 1 + Math.floor(random() * 7)),
      role: ROLES[i % ROLES.length] as Role,
    }));
    expect(expectSame(mixes)).toBeGreaterThan(50);
  });
});
