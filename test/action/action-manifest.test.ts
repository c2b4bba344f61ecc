import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { run } from "../../src/cli/run.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
/** A GitHub expression, `${{ … }}`, as it stands in action.yml. */
const expr = (inner: string) => `\${{ ${inner} }}`;

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  "working-directory"?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(read("action.yml")) as ActionManifest;
const steps = action.runs.steps;
const scanStep = steps.find((s) => s.id === "scan") as Step;
/** What action/entry.mjs writes to $GITHUB_OUTPUT (flagged and rate once there is a report). */
const ENTRY_OUTPUTS = ["dir", "report", "html", "hits", "markdown", "flagged", "rate", "exit-code"];

describe("action.yml", () => {
  it("is a composite action with the documented inputs and defaults", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        "args",
        "baseline",
        "fail-above",
        "fail-above-family",
        "fail-on-new",
        "node-version",
        "output-dir",
        "paths",
        "report-name",
      ].sort(),
    );
    expect(action.inputs.paths?.required).toBe(true);
    expect(action.inputs["fail-on-new"]?.default).toBe("false");
    expect(action.inputs["report-name"]?.default).toBe("selfid-report");
    expect(action.inputs["node-version"]?.default).toBe("20");
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\w/);
    }
  });

  it("passes every input the entry script reads through the scan step's env", () => {
    const names = new Set([...read("action/entry.mjs").matchAll(/env\.(SELFID_\w+)/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual(Object.keys(scanStep.env ?? {}).sort());
    for (const [variable, value] of Object.entries(scanStep.env ?? {})) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
      expect(input && action.inputs[input], `${variable}: ${value}`).toBeTruthy();
    }
  });

  it("uses every input", () => {
    const used = JSON.stringify(steps);
    for (const name of Object.keys(action.inputs)) expect(used, name).toContain(`inputs.${name} }}`);
  });

  it("never puts an expression into a shell script: inputs and outputs reach it as env", () => {
    for (const step of steps.filter((s) => s.run)) {
      expect(step.run, step.name).not.toContain("${{");
      expect(step.shell, step.name).toBe("bash");
    }
  });

  it("sets up node, installs from its own checkout, scans, uploads always, then fails with the scan's code", () => {
    expect(steps.map((s) => s.uses ?? s.id ?? s.name)).toEqual([
      "actions/setup-node@v4",
      "Install selfid",
      "scan",
      "actions/upload-artifact@v4",
      "Gate",
    ]);
    expect(steps[0]?.with?.["node-version"]).toBe(expr("inputs.node-version"));
    const install = steps[1] as Step;
    expect(install["working-directory"]).toBe(expr("github.action_path"));
    expect(install.run).toMatch(/^npm ci\b/);
    const pkg = JSON.parse(read("package.json")) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prepare).toMatch(/build/);
    expect(existsSync(join(ROOT, "package-lock.json"))).toBe(true);
    expect(scanStep.run).toBe('node "$GITHUB_ACTION_PATH/action/entry.mjs"');
    expect(existsSync(join(ROOT, "action/entry.mjs"))).toBe(true);
    expect(pkg.bin.selfid).toBe("bin/selfid.js");
    expect(read("action/entry.mjs")).toContain('new URL("../bin/selfid.js", import.meta.url)');
    const upload = steps[3] as Step;
    expect(upload.if).toMatch(/^always\(\) && /);
    expect(upload.with).toMatchObject({
      name: expr("inputs.report-name"),
      path: expr("steps.scan.outputs.dir"),
    });
    const gate = steps[4] as Step;
    expect(gate.if).not.toMatch(/always\(\)/);
    expect(gate.env?.EXIT_CODE).toBe(expr("steps.scan.outputs.exit-code"));
    expect(gate.run).toMatch(/exit "\$EXIT_CODE"\s*$/);
  });

  it("declares outputs the entry script writes", () => {
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining(["report", "html", "flagged", "rate", "exit-code"]),
    );
    for (const [name, output] of Object.entries(action.outputs)) {
      const key = /^\$\{\{ steps\.scan\.outputs\.([\w-]+) \}\}$/.exec(output.value)?.[1];
      expect(ENTRY_OUTPUTS, name).toContain(key);
    }
  });
});

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
  require_serial?: boolean;
  [key: string]: unknown;
}

/** pre-commit's manifest fields (clientlib.MANIFEST_HOOK_DICT). */
const HOOK_FIELDS = [
  "id",
  "name",
  "entry",
  "language",
  "alias",
  "files",
  "exclude",
  "types",
  "types_or",
  "exclude_types",
  "additional_dependencies",
  "args",
  "always_run",
  "fail_fast",
  "pass_filenames",
  "description",
  "language_version",
  "log_file",
  "minimum_pre_commit_version",
  "require_serial",
  "stages",
  "verbose",
];

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parse(read(".pre-commit-hooks.yaml")) as Hook[];
  const hook = hooks[0] as Hook;
  const dir = mkdtempSync(join(tmpdir(), "selfid-precommit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("declares one node hook with pre-commit's fields only", () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({
      id: "selfid",
      language: "node",
      pass_filenames: true,
      require_serial: true,
    });
    for (const key of Object.keys(hook)) expect(HOOK_FIELDS).toContain(key);
    for (const key of ["id", "name", "entry", "language"]) expect(typeof hook[key]).toBe("string");
  });

  it("selects data files, optionally .gz or .zst, and nothing else (re.search semantics)", () => {
    // The pattern uses only syntax Python's re and JavaScript agree on, so this is pre-commit's answer.
    expect(hook.files).not.toMatch(/\(\?[<P=!i]|\\[AZz]/);
    const files = new RegExp(hook.files);
    const match = [
      "train.jsonl",
      "data/part-0.ndjson",
      "data/sft.json",
      "corpus/web.txt",
      "shards/a.jsonl.gz",
      "shards/a.jsonl.zst",
      "shards/b.txt.zst",
      "x/y/z.json.gz",
      "table.parquet",
      "dir.jsonl/inner.json",
    ];
    const skip = [
      "README.md",
      "table.parquet.gz",
      "train.jsonl.bak",
      "archive.gz",
      "src/index.ts",
      "data.json5",
      "jsonl",
      "data.jsonl/README.md",
      "notes.txt.xz",
    ];
    expect(match.filter((f) => !files.test(f))).toEqual([]);
    expect(skip.filter((f) => files.test(f))).toEqual([]);
  });

  it("has an entry that is a selfid scan with a gate: exit 0 on clean files, 1 naming the record", async () => {
    const [bin, ...args] = hook.entry.split(/\s+/);
    expect(bin).toBe("selfid");
    expect(args[0]).toBe("scan");
    const chat = (content: string) =>
      JSON.stringify({
        messages: [
          { role: "user", content: "Who are you?" },
          { role: "assistant", content },
        ],
      });
    writeFileSync(join(dir, "clean.jsonl"), `${chat("Paris is the capital of France.")}\n`);
    writeFileSync(join(dir, "notes.txt"), "Remember to buy milk.\n");
    writeFileSync(
      join(dir, "bad.jsonl"),
      `${chat("Paris.")}\n${chat("我是通义千问，由阿里云开发的AI助手。")}\n`,
    );
    const clean = await run([...args, "clean.jsonl", "notes.txt"], { cwd: dir });
    expect(clean.stderr).toBe("");
    expect(clean.exitCode).toBe(0);
    const bad = await run([...args, "clean.jsonl", "bad.jsonl"], { cwd: dir });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/gate failed/);
    expect(bad.stdout).toContain("`bad.jsonl:2` alibaba self-claim");
  });
});
