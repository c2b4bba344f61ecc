import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { UsageError } from "../../src/errors.js";
import { evaluateGates, newFindingsFailure, parseGateSpec } from "../../src/report/gates.js";
import { diffReports } from "../../src/report/report-diff.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";

describe("parseGateSpec", () => {
  it("reads an overall rate, languages and families, repeated or in comma lists", () => {
    expect(
      parseGateSpec(["0.001", "zh=1e-4,en=0.01", "ja=0"], ["openai=0", "anthropic=1e-5, meta=1"]),
    ).toEqual({
      overall: 0.001,
      languages: { zh: 1e-4, en: 0.01, ja: 0 },
      families: { openai: 0, anthropic: 1e-5, meta: 1 },
    });
    expect(parseGateSpec([], [])).toEqual({ languages: {}, families: {} });
    expect(parseGateSpec([".5e-1"]).overall).toBe(0.05);
    expect(parseGateSpec(["1"]).overall).toBe(1);
  });

  const refused: Array<[string[], string[], RegExp]> = [
    [
      ["lots"],
      [],
      /^--fail-above lots: "lots" is not a rate; expected a number between 0 and 1, e\.g\. 0\.001$/,
    ],
    [["1.5"], [], /--fail-above 1\.5: "1\.5" is not a rate/],
    [["-0.1"], [], /"-0\.1" is not a rate/],
    [["0x1"], [], /"0x1" is not a rate/],
    [["Infinity"], [], /"Infinity" is not a rate/],
    [["1%"], [], /"1%" is not a rate; .*; write 0\.01 for 1%$/],
    [["zh="], [], /--fail-above zh=: "" is not a rate; expected a number between 0 and 1, e\.g\. zh=0\.0001/],
    [["zh=1e-4,en=2"], [], /--fail-above zh=1e-4,en=2: "2" is not a rate/],
    [["ZH=0.1"], [], /"ZH" is not a language code; expected RATE or LANG=RATE/],
    [["=0.1"], [], /"" is not a language code/],
    [["zh=0.1,"], [], /--fail-above "zh=0\.1,": an empty item/],
    [
      ["0.1", "0.2"],
      [],
      /--fail-above 0\.2: the overall rate is already gated \(--fail-above 0\.1\); give it once/,
    ],
    [
      ["zh=0.1", "en=0.1,zh=0.2"],
      [],
      /--fail-above en=0\.1,zh=0\.2: language zh is already gated \(zh=0\.1\)/,
    ],
    [[], ["openai"], /--fail-above-family openai: expected FAMILY=RATE/],
    [[], ["OpenAI=0"], /--fail-above-family OpenAI=0: expected FAMILY=RATE with a family id such as openai/],
    [[], ["openai=no"], /--fail-above-family openai=no: "no" is not a rate; .* e\.g\. openai=0/],
    [[], ["openai=0", "openai=0.1"], /family openai is already gated \(openai=0\); give it once/],
  ];
  for (const [failAbove, family, message] of refused) {
    it(`refuses ${[...failAbove, ...family.map((f) => `family ${f}`)].join(" ")}`, () => {
      expect(() => parseGateSpec(failAbove, family)).toThrow(UsageError);
      expect(() => parseGateSpec(failAbove, family)).toThrow(message);
    });
  }
});

const root = mkdtempSync(join(tmpdir(), "selfid-gates-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FLAGGING = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "我是ChatGPT，由OpenAI开发的人工智能助手。",
  "Je suis Claude, un assistant créé par Anthropic.",
];
const PLAIN = ["The capital of France is Paris.", "今天天气很好，我们去公园散步吧。"];

let report: Report;
let reportIgnoring: Report;

async function scanReport(name: string, ...flags: string[]): Promise<Report> {
  const result = await run(["scan", "data.jsonl", "--json", name, "-q", ...flags], { cwd: root });
  expect(result.exitCode, result.stderr).toBe(0);
  return reportSchema.parse(JSON.parse(readFileSync(join(root, name), "utf8")));
}

beforeAll(async () => {
  const lines = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? FLAGGING[i % 4] : PLAIN[i % 2]));
  writeFileSync(join(root, "data.jsonl"), `${lines.map((text) => JSON.stringify({ text })).join("\n")}\n`);
  report = await scanReport("report.json");
  reportIgnoring = await scanReport("ignoring.json", "--ignore", "alibaba");
});

describe("evaluateGates on a real report", () => {
  it("fails the overall gate strictly above the rate, with the counts", () => {
    const { rate, flagged, scanned } = report.totals;
    expect(flagged).toBeGreaterThan(0);
    expect(evaluateGates(report, parseGateSpec([String(rate)])).failures).toEqual([]);
    const gate = rate * 0.999;
    const { failures } = evaluateGates(report, parseGateSpec([String(gate)]));
    expect(failures).toHaveLength(1);
    expect(failures[0]?.gate).toBe("overall");
    const shown = failures[0]?.message.match(
      /^flagged rate ([\d.e-]+) \((\d+) of (\d+) records\) is above --fail-above (.+)$/,
    );
    expect(shown?.slice(2)).toEqual([String(flagged), String(scanned), String(gate)]);
    // As few digits as show the rate is above the gate.
    expect(Number(shown?.[1])).toBeGreaterThan(gate);
    expect(shown?.[1]?.replace(/^0\.0*/, "").length).toBeLessThan(8);
  });

  it("gates each language on its own rate", () => {
    const zh = report.languages.zh;
    const en = report.languages.en;
    expect(zh && en && zh.rate > en.rate).toBe(true);
    const between = ((zh?.rate ?? 0) + (en?.rate ?? 0)) / 2;
    const { failures, notes } = evaluateGates(report, parseGateSpec([`zh=${between},en=${between}`]));
    expect(failures.map((f) => [f.gate, f.subject])).toEqual([["language", "zh"]]);
    expect(failures[0]?.message).toMatch(
      new RegExp(
        `^language zh: flagged rate [\\d.]+ \\(${zh?.flagged} of ${zh?.records} records\\) is above --fail-above zh=${between}$`,
      ),
    );
    expect(notes).toEqual([]);
  });

  it("passes a gated language absent from the report, with a note", () => {
    expect(report.languages.ko).toBeUndefined();
    const { failures, notes } = evaluateGates(report, parseGateSpec(["ko=0"]));
    expect(failures).toEqual([]);
    expect(notes).toEqual([
      {
        severity: "note",
        message: "--fail-above ko=0: no records of language ko in this report; the gate passes",
      },
    ]);
  });

  it("gates a family on its records among all scanned; =0 fails on any", () => {
    const openai = report.flaggedByFamily.openai ?? 0;
    expect(openai).toBeGreaterThan(0);
    const { failures } = evaluateGates(report, parseGateSpec([], ["openai=0,deepseek=0"]));
    expect(failures).toEqual([
      {
        gate: "family",
        subject: "openai",
        message: expect.stringMatching(
          new RegExp(
            `^family openai: ${openai} of ${report.totals.scanned} records flagged \\(rate [\\d.]+\\) is above --fail-above-family openai=0$`,
          ),
        ),
      },
    ]);
    const share = openai / report.totals.scanned;
    expect(evaluateGates(report, parseGateSpec([], [`openai=${share}`])).failures).toEqual([]);
  });

  it("warns about a gated family it cannot know, and one the run ignores", () => {
    const known = new Set(["openai", "alibaba", "deepseek"]);
    expect(evaluateGates(report, parseGateSpec([], ["deepseek=0"]), known).notes).toEqual([]);
    expect(evaluateGates(report, parseGateSpec([], ["opnai=0"]), known).notes).toEqual([
      {
        severity: "warning",
        message: expect.stringMatching(
          /^--fail-above-family opnai=0: no family opnai in this report nor in the pattern library \(a typo\?/,
        ),
      },
    ]);
    expect(evaluateGates(report, parseGateSpec([], ["opnai=0"])).notes[0]?.message).toMatch(
      /no family opnai in this report \(a typo\?/,
    );
    const ignored = evaluateGates(reportIgnoring, parseGateSpec([], ["alibaba=0"]), known);
    expect(ignored.failures).toEqual([]);
    expect(ignored.notes[0]?.message).toMatch(/this run ignores alibaba \(--ignore alibaba\)/);
  });

  it("fails --fail-on-new when a cell grew, naming the cells", () => {
    expect(newFindingsFailure(diffReports(report, report))).toBeUndefined();
    const failure = newFindingsFailure(diffReports(reportIgnoring, report, { before: "ignoring.json" }));
    const alibaba = report.flaggedByFamily.alibaba;
    expect(failure?.message).toBe(
      `1 family × language cell has new findings beyond the baseline ignoring.json: +${alibaba} flagged records (alibaba × zh +${alibaba}) and --fail-on-new is set`,
    );
  });
});
