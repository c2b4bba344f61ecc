import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { diffReports, reportDiffSchema } from "../../src/report/report-diff.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { SAMPLE_TEXTS } from "../helpers/sample-texts.js";

const root = mkdtempSync(join(tmpdir(), "selfid-diff-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEXTS = SAMPLE_TEXTS;

const sh = (args: string[]) => run(args, { cwd: root });
const readReport = (name: string) => reportSchema.parse(JSON.parse(readFileSync(join(root, name), "utf8")));

beforeAll(async () => {
  mkdirSync(join(root, "data"));
  const lines = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ text: `${TEXTS[(i + offset) % TEXTS.length]}` }));
  writeFileSync(join(root, "data", "a.jsonl"), `${lines(30, 0).join("\n")}\n`);
  expect((await sh(["scan", "data", "--json", "old.json", "-q"])).exitCode).toBe(0);
  // The update drops the first five records and adds twenty more.
  writeFileSync(join(root, "data", "a.jsonl"), `${lines(30, 0).slice(5).join("\n")}\n`);
  writeFileSync(join(root, "data", "b.jsonl"), `${lines(20, 3).join("\n")}\n`);
  expect((await sh(["scan", "data", "--json", "new.json", "-q"])).exitCode).toBe(0);
  writeFileSync(join(root, "junk.json"), "[1, 2");
});

describe("selfid diff", () => {
  it("prints the changed cells as a table and exits 0, even with new findings", async () => {
    const result = await sh(["diff", "old.json", "new.json"]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    const diff = diffReports(readReport("old.json"), readReport("new.json"));
    expect(diff.newFindings.cells).toBeGreaterThan(0);
    expect(result.stdout.split("\n")[0]).toBe(`selfid diff old.json → new.json: ${diff.verdict}`);
    for (const c of diff.cells) {
      expect(result.stdout).toMatch(
        new RegExp(`^${c.family}\\s+${c.lang}\\s+${c.before}\\s+${c.after}\\s`, "m"),
      );
    }
  });

  it("exits 1 with --fail-on-new when NEW has findings beyond OLD, 0 when it has none", async () => {
    const grown = await sh(["diff", "old.json", "new.json", "--fail-on-new"]);
    expect(grown.exitCode).toBe(1);
    expect(grown.stderr).toMatch(
      /^selfid: gate failed: \d+ family × language cells? ha(s|ve) new findings beyond the baseline old\.json/,
    );
    const shrunk = await sh(["diff", "new.json", "old.json", "--fail-on-new"]);
    expect(shrunk.exitCode).toBe(0);
    expect(shrunk.stdout).toMatch(
      /^selfid diff new\.json → old\.json: no new findings \(\d+ cells? ha(s|ve) fewer: -\d+ flagged records?\)$/m,
    );
    expect((await sh(["diff", "new.json", "new.json", "--fail-on-new"])).exitCode).toBe(0);
  });

  it("prints the selfid.diff/1 JSON contract with --format json", async () => {
    const result = await sh(["diff", "old.json", "new.json", "--format", "json"]);
    expect(result.exitCode).toBe(0);
    const diff = reportDiffSchema.parse(JSON.parse(result.stdout));
    expect(diff).toEqual(
      diffReports(readReport("old.json"), readReport("new.json"), { before: "old.json", after: "new.json" }),
    );
  });

  it("prints Markdown with --format markdown", async () => {
    const result = await sh(["diff", "old.json", "new.json", "--format", "markdown"]);
    expect(result.stdout).toMatch(
      /^### selfid: changes from `old\.json` to `new\.json`\n\n\*\*.*new findings/,
    );
    expect(result.stdout).toContain("| family | language | before | after | change |");
  });

  it("compares reports of other options with a warning, on stderr too with --format json", async () => {
    expect(
      (await sh(["scan", "data", "--ignore", "anthropic", "--json", "ignoring.json", "-q"])).exitCode,
    ).toBe(0);
    const table = await sh(["diff", "old.json", "ignoring.json"]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(
      /^warning: the reports were made with different scan options \(ignore \[\] vs \["anthropic"\]\)/m,
    );
    const json = await sh(["diff", "old.json", "ignoring.json", "--format", "json"]);
    expect(JSON.parse(json.stdout).comparable).toBe(false);
    expect(json.stderr).toMatch(/^selfid: diff: warning: the reports were made with different scan options/);
  });

  it("exits 2 on a report it cannot read, naming it", async () => {
    const missing = await sh(["diff", "old.json", "nowhere.json"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^selfid: diff: cannot read nowhere\.json \(ENOENT\)/);
    const junk = await sh(["diff", "junk.json", "new.json"]);
    expect(junk.exitCode).toBe(2);
    expect(junk.stderr).toMatch(/^selfid: diff: junk\.json is not JSON/);
    expect((await sh(["diff", "old.json"])).exitCode).toBe(2);
  });

  it("documents its exit codes in --help", async () => {
    const help = await sh(["diff", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain(
      "Exit codes: 0 compared (also with new findings), 1 new findings with --fail-on-new",
    );
  });
});
