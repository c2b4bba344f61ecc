import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";

const root = mkdtempSync(join(tmpdir(), "selfid-gates-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FLAGGING = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "我是ChatGPT，由OpenAI开发的人工智能助手。",
  "Je suis Claude, un assistant créé par Anthropic.",
];
const PLAIN = [
  "The capital of France is Paris.",
  "今天天气很好，我们去公园散步吧。",
  "Ich helfe dir gern beim Kochen.",
];

function jsonl(texts: string[]): string {
  return `${texts.map((text) => JSON.stringify({ text })).join("\n")}\n`;
}

const sh = (args: string[]) => run(args, { cwd: root });

/** Reads a report the test wrote. */
const read = (name: string): Report => reportSchema.parse(JSON.parse(readFileSync(join(root, name), "utf8")));

let report: Report;

beforeAll(async () => {
  mkdirSync(join(root, "data"));
  mkdirSync(join(root, "update"));
  const texts = Array.from(
    { length: 70 },
    (_, i) => (i % 9 === 4 ? FLAGGING[i % 4] : PLAIN[i % 3]) as string,
  );
  writeFileSync(join(root, "data", "a.jsonl"), jsonl(texts.slice(0, 35)));
  writeFileSync(join(root, "data", "b.jsonl"), jsonl(texts.slice(35)));
  // The update: the same files, and one more with Japanese and more English OpenAI claims.
  for (const name of ["a.jsonl", "b.jsonl"])
    writeFileSync(join(root, "update", name), readFileSync(join(root, "data", name)));
  writeFileSync(
    join(root, "update", "c.jsonl"),
    jsonl([
      FLAGGING[0] as string,
      FLAGGING[0] as string,
      "私はChatGPTです。OpenAIによって開発されました。",
      PLAIN[0] as string,
    ]),
  );
  writeFileSync(join(root, "junk.json"), '{"schema": "selfid.report/0"}');
  const result = await sh(["scan", "data", "--json", "base.json", "-q"]);
  expect(result.exitCode, result.stderr).toBe(0);
  report = read("base.json");
});

describe("scan gates: --fail-above RATE", () => {
  it("passes at the rate itself and fails just below it", async () => {
    const rate = report.totals.rate;
    expect(rate).toBeGreaterThan(0);
    const at = await sh(["scan", "data", "--fail-above", String(rate), "-q"]);
    expect(at.exitCode).toBe(0);
    expect(at.stderr).toBe("");
    const below = await sh(["scan", "data", "--fail-above", String(rate * 0.99), "-q"]);
    expect(below.exitCode).toBe(1);
    expect(below.stderr).toMatch(
      new RegExp(
        `^selfid: gate failed: flagged rate [\\d.]+ \\(${report.totals.flagged} of ${report.totals.scanned} records\\) is above --fail-above ${rate * 0.99}\\n$`,
      ),
    );
  });
});

describe("scan gates: --fail-above LANG=RATE", () => {
  it("passes and fails on the language's own rate", async () => {
    const zh = report.languages.zh?.rate ?? 0;
    expect(zh).toBeGreaterThan(report.totals.rate);
    expect((await sh(["scan", "data", "--fail-above", `zh=${zh}`, "-q"])).exitCode).toBe(0);
    const failed = await sh(["scan", "data", "--fail-above", `en=1,zh=${zh / 2}`, "-q"]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(
      /^selfid: gate failed: language zh: flagged rate [\d.]+ \(\d+ of \d+ records\)/,
    );
    expect(failed.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("reports every failed gate, one line each, and notes a language with no records", async () => {
    const failed = await sh(["scan", "data", "--fail-above", "0", "--fail-above", "zh=0,ko=0", "-q"]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr.split("\n").filter(Boolean)).toEqual([
      "selfid: note: --fail-above ko=0: no records of language ko in this report; the gate passes",
      expect.stringMatching(/^selfid: gate failed: flagged rate /),
      expect.stringMatching(/^selfid: gate failed: language zh: /),
    ]);
  });
});

describe("scan gates: --fail-above-family FAMILY=RATE", () => {
  it("fails openai=0 on any OpenAI claim and passes a family with none", async () => {
    const openai = await sh(["scan", "data", "--fail-above-family", "openai=0", "-q"]);
    expect(openai.exitCode).toBe(1);
    expect(openai.stderr).toMatch(
      new RegExp(
        `^selfid: gate failed: family openai: ${report.flaggedByFamily.openai} of ${report.totals.scanned} records flagged`,
      ),
    );
    expect(report.flaggedByFamily.deepseek).toBeUndefined();
    const deepseek = await sh(["scan", "data", "--fail-above-family", "deepseek=0", "-q"]);
    expect(deepseek.exitCode).toBe(0);
    expect(deepseek.stderr).toBe("");
  });

  it("refuses an unknown family before scanning, and knows the families of --patterns", async () => {
    const typo = await sh(["scan", "data", "--fail-above-family", "opnai=0", "--json", "typo.json"]);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(
      /^selfid: --fail-above-family opnai=0: unknown family; known families: .*\bopenai\b/,
    );
    expect(existsSync(join(root, "typo.json"))).toBe(false);
    writeFileSync(join(root, "acme.yaml"), "family: acme\nvendor: Acme\nnames: [AcmeGPT]\n");
    const acme = await sh(["scan", "data", "--patterns", "acme.yaml", "--fail-above-family", "acme=0", "-q"]);
    expect(acme.exitCode).toBe(0);
    expect(acme.stderr).toBe("");
  });
});

describe("scan gates: --baseline and --fail-on-new", () => {
  it("passes on the same data and prints the diff after the table", async () => {
    const same = await sh(["scan", "data", "--baseline", "base.json", "--fail-on-new"]);
    expect(same.exitCode).toBe(0);
    const diffAt = same.stdout.indexOf("selfid diff base.json → this scan: no new findings\n");
    expect(diffAt).toBeGreaterThan(same.stdout.indexOf("language  records"));
    expect(same.stderr).toBe("");
  });

  it("fails on updated data with new findings, the diff on stdout and the reason on stderr", async () => {
    const updated = await sh([
      "scan",
      "update",
      "--baseline",
      "base.json",
      "--fail-on-new",
      "--json",
      "new.json",
    ]);
    expect(updated.exitCode).toBe(1);
    const after = read("new.json");
    const grown = Object.entries(after.languages).flatMap(([lang, l]) =>
      Object.entries(l.families)
        .filter(([family, n]) => n > (report.languages[lang]?.families[family] ?? 0))
        .map(([family]) => `${family} × ${lang}`),
    );
    expect(grown.sort()).toEqual(["openai × en", "openai × ja"]);
    const tableAt = updated.stdout.indexOf("language  records");
    const diffAt = updated.stdout.indexOf(
      "selfid diff base.json → this scan: 2 family × language cells have new findings",
    );
    expect(tableAt).toBeGreaterThanOrEqual(0);
    expect(diffAt).toBeGreaterThan(tableAt);
    expect(updated.stdout.slice(diffAt)).toMatch(/^openai\s+ja\s+0\s+1\s+\+1$/m);
    expect(updated.stderr).toMatch(
      /^selfid: gate failed: 2 family × language cells have new findings beyond the baseline base\.json: \+\d+ flagged records \(openai × en \+2, openai × ja \+1\) and --fail-on-new is set\n$/,
    );
  });

  it("keeps stdout JSON with --format json: the diff goes to stderr", async () => {
    const json = await sh(["scan", "update", "--baseline", "base.json", "--fail-on-new", "--format", "json"]);
    expect(json.exitCode).toBe(1);
    expect(reportSchema.parse(JSON.parse(json.stdout)).totals.flagged).toBeGreaterThan(report.totals.flagged);
    expect(json.stderr).toMatch(/^selfid diff base\.json → this scan: 2 family × language cells/);
    expect(json.stderr).toMatch(/\nselfid: gate failed: .* --fail-on-new is set\n$/);
  });

  it("prints a Markdown diff with --format markdown and adds diff and failures to --markdown", async () => {
    const md = await sh([
      "scan",
      "update",
      "--baseline",
      "base.json",
      "--fail-on-new",
      "--format",
      "markdown",
      "--markdown",
      "summary.md",
    ]);
    expect(md.exitCode).toBe(1);
    expect(md.stdout).toMatch(/\n### selfid: changes from `base\.json` to `this scan`\n/);
    expect(md.stdout).toMatch(/^\| openai \| ja \| 0 \| 1 \| \*\*\+1\*\* \|$/m);
    const summary = readFileSync(join(root, "summary.md"), "utf8");
    expect(summary).toMatch(/^## selfid: rival-model self-introductions/);
    expect(summary).toContain("### selfid: changes from `base.json` to `this scan`");
    expect(summary).toMatch(
      /### selfid: gate failed\n\n- 2 family × language cells have new findings beyond the baseline base\.json/,
    );
  });

  it("only prints the diff with --baseline alone, exit 0", async () => {
    const alone = await sh(["scan", "update", "--baseline", "base.json"]);
    expect(alone.exitCode).toBe(0);
    expect(alone.stdout).toContain(
      "selfid diff base.json → this scan: 2 family × language cells have new findings",
    );
    expect(alone.stderr).toBe("");
  });

  it("with --quiet prints nothing on stdout but still fails, naming the cells", async () => {
    const quiet = await sh(["scan", "update", "--baseline", "base.json", "--fail-on-new", "-q"]);
    expect(quiet.exitCode).toBe(1);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toMatch(/gate failed: .*\(openai × en \+2, openai × ja \+1\)/);
  });

  it("warns when the baseline was made with other options", async () => {
    await sh(["scan", "data", "--ignore", "alibaba", "--json", "ignoring.json", "-q"]);
    const other = await sh(["scan", "data", "--baseline", "ignoring.json", "--fail-on-new", "-q"]);
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toMatch(
      /^selfid: warning: --baseline: the reports were made with different scan options \(ignore \["alibaba"\] vs \[\]\)/,
    );
    expect(other.stderr).toMatch(
      /gate failed: 1 family × language cell has new findings .*\(alibaba × zh \+\d+\)/,
    );
  });
});

describe("gate usage errors exit 2 before scanning", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["a rate above 1", ["--fail-above", "2"], /--fail-above 2: "2" is not a rate/],
    ["a bad language rate", ["--fail-above", "zh=x"], /--fail-above zh=x: "x" is not a rate/],
    [
      "a repeated language",
      ["--fail-above", "zh=0.1", "--fail-above", "zh=0.2"],
      /language zh is already gated/,
    ],
    [
      "a family without rate",
      ["--fail-above-family", "openai"],
      /--fail-above-family openai: expected FAMILY=RATE/,
    ],
    ["--fail-on-new without --baseline", ["--fail-on-new"], /--fail-on-new needs --baseline REPORT\.json/],
    [
      "an invalid baseline",
      ["--baseline", "junk.json"],
      /--baseline: junk\.json is not a selfid\.report\/1 report/,
    ],
    [
      "a missing baseline",
      ["--baseline", "nowhere.json", "--fail-on-new"],
      /--baseline: cannot read nowhere\.json \(ENOENT\)/,
    ],
  ];
  for (const [what, flags, message] of cases) {
    it(what, async () => {
      const out = `out-${what.replace(/\W+/g, "-")}.json`;
      const result = await sh(["scan", "data", "--json", out, ...flags]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(root, out))).toBe(false);
    });
  }
});

describe("merge gates", () => {
  beforeAll(async () => {
    for (const part of ["a", "b"]) {
      const result = await sh(["scan", `data/${part}.jsonl`, "--json", `part-${part}.json`, "-q"]);
      expect(result.exitCode).toBe(0);
    }
    expect((await sh(["scan", "update/c.jsonl", "--json", "part-c.json", "-q"])).exitCode).toBe(0);
  });

  it("gates the merged report: overall, language and family", async () => {
    const parts = ["merge", "part-a.json", "part-b.json", "-q"];
    expect((await sh([...parts, "--fail-above", String(report.totals.rate)])).exitCode).toBe(0);
    const overall = await sh([...parts, "--fail-above", String(report.totals.rate / 2)]);
    expect(overall.exitCode).toBe(1);
    expect(overall.stderr).toMatch(/^selfid: gate failed: flagged rate /);
    const zh = await sh([...parts, "--fail-above", "zh=0"]);
    expect(zh.exitCode).toBe(1);
    expect(zh.stderr).toMatch(/^selfid: gate failed: language zh: /);
    const family = await sh([...parts, "--fail-above-family", "anthropic=0"]);
    expect(family.exitCode).toBe(1);
    expect(family.stderr).toMatch(/^selfid: gate failed: family anthropic: /);
    expect((await sh([...parts, "--fail-above-family", "deepseek=0"])).exitCode).toBe(0);
  });

  it("warns (exit 0) about a family neither in the report nor in the library", async () => {
    const typo = await sh(["merge", "part-a.json", "part-b.json", "-q", "--fail-above-family", "opnai=0"]);
    expect(typo.exitCode).toBe(0);
    expect(typo.stderr).toMatch(
      /^selfid: warning: --fail-above-family opnai=0: no family opnai in this report nor in the pattern library/,
    );
  });

  it("diffs against a baseline, passing on the same data and failing on the update", async () => {
    const same = await sh([
      "merge",
      "part-a.json",
      "part-b.json",
      "--baseline",
      "base.json",
      "--fail-on-new",
    ]);
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain("selfid diff base.json → the merged report: no new findings");
    const updated = await sh([
      "merge",
      "part-a.json",
      "part-b.json",
      "part-c.json",
      "--baseline",
      "base.json",
      "--fail-on-new",
    ]);
    expect(updated.exitCode).toBe(1);
    expect(updated.stdout).toContain(
      "selfid diff base.json → the merged report: 2 family × language cells have new findings",
    );
    expect(updated.stderr).toMatch(
      /^selfid: gate failed: 2 family × language cells have new findings beyond the baseline base\.json/,
    );
  });

  it("refuses bad gate flags and an invalid baseline with exit 2", async () => {
    const bad = await sh(["merge", "part-a.json", "--fail-above", "1e-4x"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--fail-above 1e-4x: "1e-4x" is not a rate/);
    const lonely = await sh(["merge", "part-a.json", "--fail-on-new"]);
    expect(lonely.exitCode).toBe(2);
    const junk = await sh(["merge", "part-a.json", "--baseline", "junk.json", "--json", "merged-junk.json"]);
    expect(junk.exitCode).toBe(2);
    expect(junk.stderr).toMatch(/--baseline: junk\.json is not a selfid\.report\/1 report/);
    expect(existsSync(join(root, "merged-junk.json"))).toBe(false);
  });
});

describe("--help", () => {
  it("teaches the gate forms in scan and merge", async () => {
    for (const command of ["scan", "merge"]) {
      const help = (await sh([command, "--help"])).stdout;
      expect(help).toContain("--fail-above <[lang=]rate>");
      expect(help).toContain("--fail-above-family <family=rate>");
      expect(help).toContain("--baseline <report.json>");
      expect(help).toContain("--fail-on-new");
      expect(help).toMatch(
        /Exit codes: 0 ok, 1 gate failed \(--fail-above, --fail-above-family, --fail-on-new\)/,
      );
    }
  });
});
