import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { compilePatterns } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { regexHazard } from "../../src/match/regex-safety.js";

const root = mkdtempSync(join(tmpdir(), "selfid-redos-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A language file with one self-claim template whose regex is `regex`. */
function langFile(name: string, regex: string, extra = ""): string {
  const file = join(root, name);
  writeFileSync(
    file,
    `lang: en\nname: English\n${extra}templates:\n  - kind: self-claim\n    regex: '${regex}'\n` +
      `    examples:\n      positive: ["i am chatgpt"]\n      negative: ["hello"]\n`,
  );
  return file;
}

describe("regexHazard", () => {
  it.each([
    ["(a+)+$", "exponential"],
    ["(a|a)*b", "can match the same text"],
    ["(\\w+\\s?)*$", "exponential"],
    ["(.*a){12}", "O(n^12)"],
    ["(.|\\s)*$", "can match the same text"],
    ["(?:a|aa)+$", "can match the same text"],
  ])("rejects the catastrophic %s", (source, why) => {
    const hazard = regexHazard(source, "u");
    expect(hazard?.reason).toContain(why);
    expect(hazard?.fix).toMatch(/\w/);
  });

  it.each([
    "i am (?:\\w+ ){0,3}chatgpt",
    "(?:i am|i'm|my name is)\\s+\\ue000",
    "^\\s*(?:user|fan)",
    "(?:ab|cd)+$",
    "[a-z]+(?:-[a-z0-9]+)*",
  ])("passes the harmless %s", (source) => {
    expect(regexHazard(source, "u")).toBeNull();
  });
});

describe("catastrophic regexes in user pattern files", () => {
  it("rejects a template, naming the file, language, entry, regex and why", () => {
    const file = langFile("nested.yaml", "i am {name}(a+)+$");
    expect(() => compilePatterns(loadPatterns({ paths: [file], builtin: false }))).toThrow(
      /nested\.yaml: lang en templates\[0\]\.regex: regex \/.*\(a\+\)\+\$\/ is unsafe: nested quantifier `a\+` inside `\(a\+\)\+` can take exponential time.*require a separator/,
    );
  });

  it("sees a harmless-looking macro made catastrophic by the template that repeats it", () => {
    const file = langFile("macro.yaml", "i am {name}(?:{word}\\s?)*!", "macros:\n  word: '\\w+'\n");
    expect(() => compilePatterns(loadPatterns({ paths: [file], builtin: false }))).toThrow(
      /macro\.yaml: lang en templates\[0\]\.regex: .*exponential/,
    );
  });

  it("rejects a family's regex name", () => {
    const file = join(root, "family.yaml");
    writeFileSync(file, "family: acme\nvendor: Acme\nnames:\n  - regex: '(?:x|x)+y'\n");
    expect(() => compilePatterns(loadPatterns({ paths: [file], builtin: false }))).toThrow(
      /family\.yaml: family acme names\[0\]: regex .* is unsafe: repeated alternatives `x` and `x`/,
    );
  });

  it("rejects a blocker and a noun reached by a user language file", () => {
    const file = langFile(
      "blocker.yaml",
      "i am {name}",
      "nouns: ['(?:\\w+\\s?)+']\nblockers:\n  - scope: after\n    regex: '(\\s|\\s)*x'\n",
    );
    let message = "";
    try {
      compilePatterns(loadPatterns({ paths: [file], builtin: false }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("blocker.yaml: lang en blockers[0].regex: regex");
    expect(message).toContain("blocker.yaml: lang en nouns: regex");
  });

  it("passes harmless user files and the built-in library they extend", () => {
    const file = langFile("fine.yaml", "(?:i am|i\\x27m) (?:\\w+ ){0,2}{name}");
    const compiled = compilePatterns(loadPatterns({ paths: [file] }));
    expect(compiled.templates.length).toBeGreaterThan(500);
  });

  it("`selfid patterns check` reports it and exits 2", async () => {
    const file = langFile("check.yaml", "i am {name}(a+)+$");
    const result = await run(["patterns", "check", "--no-builtin", file], { cwd: root, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/check\.yaml: lang en templates\[0\]\.regex: .*exponential/);
  });

  it("a scan with a catastrophic --patterns file on an adversarial input ends at once, exit 2", () => {
    const patterns = langFile("scan.yaml", "i am (?:\\w+\\s?)*!");
    const input = join(root, "evil.jsonl");
    writeFileSync(input, `${JSON.stringify({ text: `i am ${"a".repeat(50_000)}` })}\n`);
    // dist/, built by the global setup when src/ is newer.
    const bin = new URL("../../bin/selfid.js", import.meta.url).pathname;
    const child = spawnSync(process.execPath, [bin, "scan", input, "--patterns", patterns], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/scan\.yaml: lang en templates\[0\]\.regex: .*exponential/);
  }, 40_000);
});

describe("the built-in library", () => {
  it("has no catastrophic regex: every file checked as if a user's", () => {
    const set = loadPatterns({}, { dir: join(import.meta.dirname, "../../patterns"), snapshot: null });
    // Every file treated as a user's, so that every regex is checked.
    set.user = { files: set.files, common: true };
    // This check found fa.yaml's filler `(?:\s*[،,]?\s*{fw}){0,7}?`, which let adjacent words split
    // a run of letters in C(n,7) ways ("من ChatGPT " + 36 letters took 1.5 s); it now needs a separator.
    expect(() => compilePatterns(set, { hints: null })).not.toThrow();
  }, 30_000);
});
