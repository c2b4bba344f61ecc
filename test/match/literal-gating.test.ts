import { describe, expect, it } from "vitest";
import { compilePatterns } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";
import { normalizeText } from "../../src/match/normalize.js";
import { slotText } from "../../src/match/slot-text.js";
import type { Role } from "../../src/types.js";
import { type Case, FILLERS, libraryExamples, ROLES } from "../helpers/library-examples.js";

const set = loadPatterns();
const gated = createMatcher(set);
const ungated = createMatcher(set, {}, { literalGating: false });

const examples = libraryExamples(set);

/** The gated and the ungated matcher agree on every case: findings, rejections, resolved findings. */
function expectSame(all: readonly Case[]): number {
  let found = 0;
  all.forEach(({ text, role }, i) => {
    const expected = ungated.explain(text, role);
    const actual = gated.explain(text, role);
    expect({ text, role, ...actual }).toEqual({ text, role, ...expected });
    // match() is explain()'s findings with overlaps resolved: check that path on a share of the cases.
    if (i % 4 === 0) expect(gated.match(text, role)).toEqual(ungated.match(text, role));
    found += expected.findings.length;
  });
  return found;
}

describe("literal gating changes no finding and no rejection", () => {
  it("on every example of the library", () => {
    expect(examples.length).toBeGreaterThan(2000);
    expect(expectSame(examples)).toBeGreaterThan(1000);
  });

  it("on every example wrapped in filler and names, in a rotating role", () => {
    const wrapped = examples.map((e, i) => ({
      text: `${FILLERS[i % FILLERS.length]} ${e.text} ${FILLERS[(i * 3 + 1) % FILLERS.length]}`,
      role: ROLES[i % ROLES.length] as Role,
    }));
    expect(expectSame(wrapped)).toBeGreaterThan(500);
  });

  it("on examples two at a time or without final punctuation, and on names as far from an anchor as a window reaches", () => {
    const pairs: Case[] = [];
    for (let i = 0; i < examples.length; i += 3) {
      const other = examples[(i * 7 + 3) % examples.length] as Case;
      pairs.push({ text: `${examples[i]?.text}\n${other.text}`, role: ROLES[i % ROLES.length] as Role });
    }
    // Without its final punctuation, a literal after the name ("ChatGPT here") ends where the text does.
    for (const e of examples) {
      const bare = e.text.replace(/[\p{P}\s]+$/u, "");
      if (bare !== e.text) pairs.push({ text: bare, role: e.role });
    }
    // Windows start 200 characters before a name: let their edges cut through anchors.
    for (let pad = 180; pad <= 215; pad++) {
      pairs.push({ text: `I am ${"a".repeat(pad)} I'm ChatGPT, made by OpenAI.`, role: "assistant" });
      pairs.push({ text: `我是${"好".repeat(pad - 100)}，我是通义千问，由阿里云开发。`, role: "assistant" });
      pairs.push({ text: `I'm ChatGPT ${"b ".repeat(pad >> 1)} developed by OpenAI`, role: "none" });
    }
    expect(expectSame(pairs)).toBeGreaterThan(500);
  });
});

describe("required literals", () => {
  it("derives literals that every match of their template contains", () => {
    const compiled = compilePatterns(set);
    const withLiterals = compiled.templates.filter((t) => t.literals);
    expect(withLiterals.length).toBeGreaterThan(compiled.templates.length * 0.95);
    let matches = 0;
    // Each template over the examples of its language (all examples of all templates would take long).
    for (const { text, lang } of examples) {
      const norm = normalizeText(text).text;
      const slotted = slotText(norm, compiled.terms.find(norm).occurrences).text;
      for (const template of withLiterals) {
        if (template.lang !== lang) continue;
        for (const m of slotted.matchAll(template.regex)) {
          matches++;
          if (!template.literals?.some((l) => m[0].includes(l))) {
            expect.fail(`${template.id} matched ${JSON.stringify(m[0])} without any of its literals`);
          }
        }
      }
    }
    expect(matches).toBeGreaterThan(500);
  });
});
