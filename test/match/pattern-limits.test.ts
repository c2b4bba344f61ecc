import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { compilePatterns } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { PATTERN_LIMITS } from "../../src/match/pattern-limits.js";

const root = mkdtempSync(join(tmpdir(), "selfid-limits-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

function loadError(file: string): string {
  try {
    compilePatterns(loadPatterns({ paths: [file], builtin: false }));
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("pattern file limits", () => {
  it("rejects a file over the size cap before reading it", () => {
    const file = write(
      "big.yaml",
      `family: big\nvendor: Big\nnote: '${"x".repeat(PATTERN_LIMITS.fileBytes)}'\n`,
    );
    expect(loadError(file)).toMatch(
      /big\.yaml: \d+ bytes, over the limit of 1048576 bytes for a pattern file/,
    );
  });

  it("rejects a YAML alias bomb", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const file = write("bomb.yaml", `${levels.join("\n")}\n`);
    expect(loadError(file)).toMatch(/bomb\.yaml: more than the limit of 100 YAML aliases/);
  });

  it("rejects absurd counts: names, templates, examples", () => {
    const names = Array.from({ length: PATTERN_LIMITS.terms + 1 }, (_, i) => `  - name${i}`).join("\n");
    const family = write("names.yaml", `family: many\nvendor: Many\nnames:\n${names}\n`);
    expect(loadError(family)).toMatch(/names\.yaml: names: more than the limit of 1000 entries/);

    const template =
      "  - kind: self-claim\n    regex: 'i am {name}'\n    examples: { positive: ['i am x'], negative: ['x'] }\n";
    const lang = write("templates.yaml", `lang: en\nname: E\ntemplates:\n${template.repeat(1001)}`);
    expect(loadError(lang)).toMatch(/templates\.yaml: templates: more than the limit of 1000 entries/);

    const examples = Array.from({ length: 1001 }, () => "'i am x'").join(", ");
    const ex = write("examples.yaml", `family: ex\nvendor: Ex\nexamples: { positive: [${examples}] }\n`);
    expect(loadError(ex)).toMatch(/examples\.yaml: examples\.positive: more than the limit of 1000 entries/);
  });

  it("rejects an overlong regex, and a macro bomb that expands past the compiled cap", () => {
    const long = write("long.yaml", `family: long\nvendor: L\nnames:\n  - regex: '${"a".repeat(10_001)}'\n`);
    expect(loadError(long)).toMatch(
      /long\.yaml: names\[0\]\.regex: longer than the limit of 10000 characters/,
    );

    const macros = ["m0: 'abcdefghij'"];
    for (let i = 1; i <= 4; i++) macros.push(`m${i}: '${`{m${i - 1}}`.repeat(10)}'`);
    const bomb = write(
      "macros.yaml",
      `lang: en\nname: E\nmacros:\n${macros.map((m) => `  ${m}`).join("\n")}\ntemplates:\n` +
        "  - kind: self-claim\n    regex: '{m4}{name}'\n    examples: { positive: ['x'], negative: ['y'] }\n",
    );
    expect(loadError(bomb)).toMatch(
      /macros\.yaml: lang en templates\[0\]\.regex: \d+ characters once macros and slots are filled, over the limit of 50000/,
    );
  });

  it("`selfid patterns check` reports a cap and exits 2", async () => {
    const names = Array.from({ length: 1001 }, (_, i) => `  - n${i}`).join("\n");
    const file = write("check.yaml", `family: check\nvendor: C\nnames:\n${names}\n`);
    const result = await run(["patterns", "check", "--no-builtin", file], { cwd: root, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/check\.yaml: names: more than the limit of 1000 entries/);
  });

  it("the built-in library is within every cap", () => {
    expect(() =>
      loadPatterns({}, { dir: join(import.meta.dirname, "../../patterns"), snapshot: null }),
    ).not.toThrow();
  });
});
