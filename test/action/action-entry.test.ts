import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ActionInputError, buildScan, outputEntry } from "../../action/entry.mjs";
import { reportSchema } from "../../src/report/report-schema.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const ENTRY = join(ROOT, "action/entry.mjs");
const temp = mkdtempSync(join(tmpdir(), "selfid-action-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The end of every argv: the files in the output dir, stdout as annotations. */
const outputArgs = (dir: string) => [
  "--json",
  join(dir, "report.json"),
  "--hits",
  join(dir, "hits.jsonl"),
  "--html",
  join(dir, "report.html"),
  "--markdown",
  join(dir, "summary.md"),
  "--format",
  "github",
  "--no-progress",
];

/** The arguments after the outputs, for brevity. */
function gateArgs(env: Record<string, string>): string[] {
  return buildScan({ RUNNER_TEMP: "/rt", ...env }).args.slice(outputArgs("/rt/selfid").length + 2);
}

describe("buildScan: inputs to selfid scan arguments", () => {
  it("scans the paths into $RUNNER_TEMP/selfid by default", () => {
    const scan = buildScan({ SELFID_PATHS: "examples/", RUNNER_TEMP: "/rt" });
    expect(scan.args).toEqual(["scan", "examples/", ...outputArgs("/rt/selfid")]);
    expect(scan.dir).toBe("/rt/selfid");
    expect(scan.files).toEqual({
      report: "/rt/selfid/report.json",
      html: "/rt/selfid/report.html",
      hits: "/rt/selfid/hits.jsonl",
      markdown: "/rt/selfid/summary.md",
    });
    expect(buildScan({ SELFID_PATHS: "a", SELFID_OUTPUT_DIR: "/out/x" }).dir).toBe("/out/x");
  });

  it("splits paths at spaces on one line, and at line ends only when there are several lines", () => {
    const paths = (value: string) =>
      buildScan({ SELFID_PATHS: value, RUNNER_TEMP: "/rt" }).args.slice(1, -outputArgs("").length);
    expect(paths("data/a.jsonl  data/b.jsonl\tshards/*.zst")).toEqual([
      "data/a.jsonl",
      "data/b.jsonl",
      "shards/*.zst",
    ]);
    expect(paths("data/my file.jsonl\n  shards/*.jsonl.zst \n\nhf://datasets/o/n\n")).toEqual([
      "data/my file.jsonl",
      "shards/*.jsonl.zst",
      "hf://datasets/o/n",
    ]);
    expect(paths("examples/\n")).toEqual(["examples/"]);
  });

  it("repeats --fail-above for each rate of a comma or line list", () => {
    expect(gateArgs({ SELFID_PATHS: "d", SELFID_FAIL_ABOVE: "0.001" })).toEqual(["--fail-above", "0.001"]);
    expect(gateArgs({ SELFID_PATHS: "d", SELFID_FAIL_ABOVE: "zh=1e-4,en=0.001" })).toEqual([
      "--fail-above",
      "zh=1e-4",
      "--fail-above",
      "en=0.001",
    ]);
    expect(gateArgs({ SELFID_PATHS: "d", SELFID_FAIL_ABOVE: " 0.01, zh=.5\nund=0 " })).toEqual([
      "--fail-above",
      "0.01",
      "--fail-above",
      "zh=.5",
      "--fail-above",
      "und=0",
    ]);
  });

  it("repeats --fail-above-family, then the baseline, --fail-on-new and the extra arguments", () => {
    const args = gateArgs({
      SELFID_PATHS: "d",
      SELFID_FAIL_ABOVE_FAMILY: "openai=0,alibaba=1E-3",
      SELFID_BASELINE: " reports/v1.json ",
      SELFID_FAIL_ON_NEW: "True",
      SELFID_ARGS: "--ignore meta  --roles all",
    });
    expect(args).toEqual([
      "--fail-above-family",
      "openai=0",
      "--fail-above-family",
      "alibaba=1E-3",
      "--baseline",
      "reports/v1.json",
      "--fail-on-new",
      "--ignore",
      "meta",
      "--roles",
      "all",
    ]);
  });

  it("adds nothing for empty optional inputs, as action.yml passes its defaults", () => {
    const env = {
      SELFID_PATHS: "d",
      SELFID_FAIL_ABOVE: "",
      SELFID_FAIL_ABOVE_FAMILY: "",
      SELFID_BASELINE: "",
      SELFID_FAIL_ON_NEW: "false",
      SELFID_ARGS: "",
      SELFID_OUTPUT_DIR: "",
    };
    expect(gateArgs(env)).toEqual([]);
  });

  it.each([
    [{ SELFID_PATHS: "" }, "paths: give at least one file, directory or glob to scan"],
    [{ SELFID_PATHS: " \n \n" }, "paths: give at least one"],
    [{}, "paths: give at least one"],
    [{ SELFID_PATHS: "d", SELFID_FAIL_ON_NEW: "yes" }, "fail-on-new: yes: expected true or false"],
    [{ SELFID_PATHS: "d", SELFID_FAIL_ON_NEW: "true" }, "fail-on-new: true needs baseline"],
    [{ SELFID_PATHS: "d", SELFID_FAIL_ABOVE: "1%" }, "fail-above: 1%: expected a rate (0.001) or LANG=RATE"],
    [{ SELFID_PATHS: "d", SELFID_FAIL_ABOVE: "zh=" }, "fail-above: zh=: expected"],
    [
      { SELFID_PATHS: "d", SELFID_FAIL_ABOVE_FAMILY: "openai" },
      "fail-above-family: openai: expected FAMILY=RATE",
    ],
    [{ SELFID_PATHS: "d", SELFID_FAIL_ABOVE_FAMILY: "0.1" }, "fail-above-family: 0.1: expected"],
  ])("refuses %j", (env, message) => {
    expect(() => buildScan(env)).toThrow(ActionInputError);
    expect(() => buildScan(env)).toThrow(message);
  });
});

describe("outputEntry", () => {
  it("writes key=value, and a heredoc with a delimiter the value does not contain for multi-line values", () => {
    expect(outputEntry("rate", 0.25)).toBe("rate=0.25\n");
    const entry = outputEntry("note", "a\nb");
    const m = /^note<<(ghadelimiter_[0-9a-f-]{36})\na\nb\n(.*)\n$/.exec(entry);
    expect(m?.[1]).toBe(m?.[2]);
    expect(parseOutputs(entry)).toEqual({ note: "a\nb" });
  });
});

/** $GITHUB_OUTPUT as the runner reads it: `key=value` lines and `key<<DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      outputs[heredoc[1] as string] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return outputs;
}

let runs = 0;

/** Runs `node action/entry.mjs` from the repository root as the Scan step does. */
function runEntry(inputs: Record<string, string>) {
  const dir = join(temp, `run-${runs++}`);
  const files = { output: join(dir, "output.txt"), summary: join(dir, "summary.md"), temp: join(dir, "tmp") };
  const child = spawnSync(process.execPath, [ENTRY], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      GITHUB_WORKSPACE: ROOT,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: files.temp,
      ...inputs,
    },
  });
  const outputs = existsSync(files.output) ? parseOutputs(readFileSync(files.output, "utf8")) : {};
  const summary = existsSync(files.summary) ? readFileSync(files.summary, "utf8") : "";
  return { ...child, outputs, summary, dir };
}

describe("the entry script, run as the action runs it", () => {
  it("refuses bad inputs before scanning, with an error annotation and exit 2", () => {
    const result = runEntry({ SELFID_PATHS: "examples/", SELFID_FAIL_ON_NEW: "maybe" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("::error title=selfid action::fail-on-new: maybe: expected true or false\n");
    expect(result.outputs).toEqual({});
  });

  it("ends the step with 0 when the scan fails, and reports the scan's exit code as an output", () => {
    const result = runEntry({ SELFID_PATHS: "no/such/file.jsonl" });
    expect(result.status).toBe(0);
    expect(result.outputs["exit-code"]).toBe("2");
    expect(result.outputs.report).toBe(join(result.dir, "tmp/selfid/report.json"));
    expect(result.outputs.dir).toBe(join(result.dir, "tmp/selfid"));
    expect(result.summary).toBe("");
  });

  it("scans examples/: annotations, step summary, outputs, a valid report", () => {
    const result = runEntry({ SELFID_PATHS: "examples/" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { outputs } = result;
    expect(Object.keys(outputs).sort()).toEqual(
      ["dir", "exit-code", "flagged", "hits", "html", "markdown", "rate", "report"].sort(),
    );
    expect(outputs["exit-code"]).toBe("0");
    const report = reportSchema.parse(JSON.parse(readFileSync(outputs.report as string, "utf8")));
    expect(outputs.flagged).toBe(String(report.totals.flagged));
    expect(Number(outputs.rate)).toBe(report.totals.rate);
    expect(report.totals.flagged).toBeGreaterThan(0);
    expect(readFileSync(outputs.html as string, "utf8")).toMatch(/<html/i);
    expect(result.summary).toContain("## selfid: rival-model self-introductions");
    expect(result.summary).toMatch(/^\| language \| records \| flagged \| rate \|/m);
    expect(result.stdout).toMatch(/^::error file=examples\/[^,]+,line=\d+,title=selfid%3A [\w-]+ [\w-]+::/m);
    expect(result.stdout).toMatch(/^::notice title=selfid::\d+ findings, 50 annotated; left out: /m);
  });

  it("reports exit-code 1 and a gate annotation when a gate fails", () => {
    const result = runEntry({
      SELFID_PATHS: "examples/chat/ examples/pretrain/",
      SELFID_FAIL_ABOVE: "0.5,zh=1e-4",
      SELFID_FAIL_ABOVE_FAMILY: "openai=0",
    });
    expect(result.status).toBe(0);
    expect(result.outputs["exit-code"]).toBe("1");
    expect(result.stdout).toMatch(/^::error title=selfid gate::.*zh/m);
    expect(result.stdout).toMatch(/^::error title=selfid gate::.*openai/m);
    expect(result.summary).toContain("| language |");
  });
});
