import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CompiledPatterns,
  type CompileHints,
  compileHints,
  compilePatterns,
} from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";
import type { ExampleInput } from "../../src/match/pattern-schema.js";
import type { Role } from "../../src/types.js";

const set = loadPatterns();
const hints = compileHints(set);

// The built-in library plus a user file with problems of every kind the compiler finds.
const dir = mkdtempSync(join(tmpdir(), "selfid-hints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, "bad-family.yaml"),
  'family: badfam\nvendor: Bad\nnames: [{ regex: "bad(" }, Badbot]\n',
);
writeFileSync(
  join(dir, "bad-lang.yaml"),
  `lang: xx
name: Broken
templates:
  - kind: self-claim
    regex: "I am {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "(unclosed {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "{nosuch} {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "hello ["
    examples: { positive: ["x"], negative: ["y"] }
`,
);

/** The message a compilation fails with. */
function failure(compile: () => unknown): string {
  try {
    compile();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

/** Every regex and literal set a compilation produced, as plain data. */
function shape(compiled: CompiledPatterns): unknown {
  const re = (r: RegExp | null) => (r ? `/${r.source}/${r.flags}` : null);
  return {
    templates: compiled.templates.map((t) => ({
      ...t,
      regex: re(t.regex),
      guard: re(t.guard),
      gate: re(t.gate),
      nouns: re(t.nouns),
      roles: [...t.roles],
      blockers: t.blockers.map((b) => ({ ...b, regex: re(b.regex), kinds: b.kinds && [...b.kinds] })),
    })),
    langsWithKeywords: [...compiled.langsWithKeywords],
    slotlessLangs: compiled.slotlessLangs,
    families: compiled.families,
  };
}

describe("compile hints", () => {
  it("are made by this V8, with every template's literals", () => {
    expect(hints.v8).toBe(process.versions.v8);
    expect(hints.regexes).toMatch(/^[0-9a-f]{64}$/);
    const templates = compilePatterns(set, { hints: null }).templates;
    expect(hints.literals).toEqual(templates.map((t) => t.literals));
  });

  it("compile to the same regexes, literals and blockers as compiling everything now", () => {
    expect(shape(compilePatterns(set, { hints }))).toEqual(shape(compilePatterns(set, { hints: null })));
  });

  it("give the same findings and rejections on every example of the library", () => {
    const hinted = createMatcher(set, {}, { hints });
    const eager = createMatcher(set, {}, { hints: null });
    const unpack = (e: ExampleInput, role: Role) =>
      typeof e === "string" ? { text: e, role } : { text: e.text, role: e.role ?? role };
    const cases: Array<{ text: string; role: Role }> = [];
    for (const lang of set.langs.values()) {
      for (const t of lang.templates) {
        const role: Role = t.kind === "system-persona" ? "system" : "assistant";
        for (const e of [...t.examples.positive, ...t.examples.negative]) cases.push(unpack(e, role));
      }
    }
    for (const family of set.families.values()) {
      for (const e of [...family.examples.positive, ...family.examples.negative]) {
        cases.push(unpack(e, "assistant"));
      }
    }
    let found = 0;
    for (const { text, role } of cases) {
      for (const r of [role, "none", "user"] as const) {
        const expected = eager.explain(text, r);
        expect({ text, r, ...hinted.explain(text, r) }).toEqual({ text, r, ...expected });
        found += expected.findings.length;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("apply only to the set they were made from: other sets' problems are reported as before", () => {
    const withBad = loadPatterns({ paths: [dir] });
    const expected = failure(() => compilePatterns(withBad, { hints: null }));
    expect(expected).toMatch(
      /7 problems[\s\S]*names\[0\]: invalid regex[\s\S]*upper case[\s\S]*templates\[1\]\.regex: invalid[\s\S]*\{nosuch\}[\s\S]*needs a \{name\}[\s\S]*templates\[3\]\.regex: invalid regex/,
    );
    expect(failure(() => compilePatterns(withBad, { hints }))).toBe(expected);
  });

  it("are believed only from this V8 and this code", () => {
    // Hints that lie about the literals are believed when they come from here, else not.
    const forged = (over: Partial<CompileHints> = {}): CompileHints => ({
      ...hints,
      literals: hints.literals.map(() => ["forged"]),
      ...over,
    });
    const literals = (h: CompileHints) => compilePatterns(set, { hints: h }).templates.map((t) => t.literals);
    const truth = compilePatterns(set, { hints: null }).templates.map((t) => t.literals);
    expect(literals(forged())).toEqual(truth.map(() => ["forged"]));
    expect(literals(forged({ v8: "0.0" }))).toEqual(truth);
    expect(literals(forged({ code: "old" }))).toEqual(truth);
  });
});
