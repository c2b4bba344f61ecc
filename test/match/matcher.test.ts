import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";

const dir = mkdtempSync(join(tmpdir(), "selfid-matcher-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny self-contained library, so these tests pin the engine, not the shipped data. */
function library(files: Record<string, string>) {
  const sub = mkdtempSync(join(dir, "lib-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(sub, name), text);
  return loadPatterns({ paths: [sub], builtin: false });
}

const BASE = {
  "common.yaml": `
macros: { b: '(?<![\\p{L}\\p{N}_])', e: '(?![\\p{L}\\p{N}_])' }
placeholders: ['{{name}}', '<author>']
`,
  "acme.yaml": `
family: acme
vendor: Acme
names:
  - { text: AcmeGPT, version: true }
  - { text: Rocket, ambiguous: true }
  - { text: Bolt, case: exact }
creators: [Acme Labs]
`,
  "en.yaml": `
lang: en
name: English
nouns: [assistant]
templates:
  - kind: self-claim
    regex: "{b}i'm {name}{e}"
    examples: { positive: ["I'm AcmeGPT"], negative: ["I'm fine"] }
  - kind: creator-claim
    regex: "{b}i was (?:built|made) by {creator}"
    examples: { positive: ["I was built by Acme Labs"], negative: ["It was built by Acme Labs"] }
  - kind: system-persona
    regex: "{b}you are {name}{e}"
    examples: { positive: [{ text: "You are AcmeGPT", role: system }], negative: [{ text: "You are kind", role: system }] }
blockers:
  - { scope: after, regex: '^ (?:user|fan)' }
  - { scope: before, regex: 'pretend [^.]*$' }
  - { scope: sentence, regex: '^are you' }
`,
};

describe("createMatcher", () => {
  const matcher = createMatcher(library(BASE));

  it("finds a claim with its family, kind, language, template and original span", () => {
    const text = "Hello! I'm **AcmeGPT-2.5-turbo**, at your service.";
    expect(matcher.match(text, "assistant")).toEqual([
      {
        family: "acme",
        kind: "self-claim",
        lang: "en",
        match: "I'm **AcmeGPT-2.5-turbo",
        start: 7,
        end: 30,
        pattern: "en/self-claim/1",
      },
    ]);
  });

  it("confirms an ambiguous name only with a role noun or its creator nearby", () => {
    expect(matcher.match("I'm Rocket, and I love hiking.", "assistant")).toEqual([]);
    expect(matcher.match("I'm Rocket, your assistant.", "assistant")).toHaveLength(1);
    expect(matcher.match("I'm Rocket, made by Acme Labs.", "assistant")).toHaveLength(1);
    const why = matcher.explain("I'm Rocket, and I love hiking.", "assistant").rejected;
    expect(why[0]?.reason).toMatch(/ambiguous/);
  });

  it("requires the exact capitalisation where the lexicon says so", () => {
    expect(matcher.match("I'm Bolt", "assistant")).toHaveLength(1);
    expect(matcher.match("I'm bolt", "assistant")).toEqual([]);
  });

  it("applies blockers by scope", () => {
    expect(matcher.match("I'm AcmeGPT user since 2020.", "assistant")).toEqual([]);
    expect(matcher.match("Let's pretend that I'm AcmeGPT.", "assistant")).toEqual([]);
    expect(matcher.match("Are you sure? I'm AcmeGPT.", "assistant")).toHaveLength(1);
    expect(matcher.explain("I'm AcmeGPT fan", "assistant").rejected[0]?.reason).toMatch(/blocked by after/);
  });

  it("runs system-persona templates on system text only", () => {
    expect(matcher.match("You are AcmeGPT", "assistant")).toEqual([]);
    expect(matcher.match("You are AcmeGPT", "system")[0]?.kind).toBe("system-persona");
  });

  it("reports placeholders instead of claims", () => {
    const found = matcher.match("I'm {{name}}, and I was made by <AUTHOR>.", "assistant");
    expect(found.map((f) => [f.kind, f.family])).toEqual([
      ["placeholder", null],
      ["placeholder", null],
    ]);
  });

  it("returns findings in text order", () => {
    const found = matcher.match("I was built by Acme Labs. Later: I'm AcmeGPT.", "assistant");
    expect(found.map((f) => f.kind)).toEqual(["creator-claim", "self-claim"]);
  });

  it("drops an ignored family and rejects an unknown one", () => {
    const mine = createMatcher(library(BASE), { ignore: ["acme"] });
    expect(mine.match("I'm AcmeGPT", "assistant")).toEqual([]);
    expect(() => createMatcher(library(BASE), { ignore: ["nope"] })).toThrow(
      /unknown family; known families: acme/,
    );
  });

  it("prefilters texts without any name, creator or placeholder", () => {
    expect(matcher.mayMatch("nothing to see here")).toBe(false);
    expect(matcher.mayMatch("ACMEGPT")).toBe(true);
  });
});

/** A language file with three broken templates and a fourth given by the caller. */
function brokenLang(fourth: string): string {
  return `
lang: xx
name: Broken
templates:
  - kind: self-claim
    regex: "I'm {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "{nosuch} {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "(unclosed {name}"
    examples: { positive: ["x"], negative: ["y"] }
  - kind: self-claim
    regex: "hello"
${fourth}
`;
}

describe("pattern validation", () => {
  it("reports schema problems with file and path before compiling", () => {
    const broken = { ...BASE, "bad.yaml": brokenLang("    examples: { positive: [], negative: [] }") };
    let error: unknown;
    try {
      createMatcher(library(broken));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toMatch(/bad\.yaml: templates\[3\]\.examples: every template needs/);
    expect(message).not.toMatch(/upper case/); // schema problems stop that file first
  });

  it("rejects upper case, unknown macros and invalid regexes, all at once", () => {
    const broken = { ...BASE, "bad.yaml": brokenLang('    examples: { positive: ["x"], negative: ["y"] }') };
    expect(() => createMatcher(library(broken))).toThrow(
      /4 problems[\s\S]*templates\[0\]\.regex: "I" is upper case[\s\S]*unknown slot or macro \{nosuch\}[\s\S]*templates\[2\]\.regex: invalid regex[\s\S]*needs a \{name\} or \{creator\} slot/,
    );
  });

  it("rejects a file that is not YAML, naming it", () => {
    expect(() => library({ ...BASE, "x.yaml": "lang: [unclosed" })).toThrow(/x\.yaml: not valid YAML/);
  });

  it("rejects a lookbehind in a name regex, and characters normalisation removes", () => {
    const broken = {
      ...BASE,
      "bad.yaml": "family: bad\nvendor: Bad\nnames:\n  - { regex: '(?<=x)y' }\n  - { regex: '通義' }\n",
    };
    expect(() => createMatcher(library(broken))).toThrow(
      /no lookbehind[\s\S]*"義" never occurs in normalised text; write it as "义"/,
    );
  });
});
