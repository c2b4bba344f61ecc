import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import {
  diffReports,
  formatDiffMarkdown,
  formatDiffTable,
  type ReportDiff,
  reportDiffSchema,
} from "../../src/report/report-diff.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";
import { HIT_KINDS } from "../../src/types.js";

const root = mkdtempSync(join(tmpdir(), "selfid-diff-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Texts that flag (family, document language) and texts that do not. */
const TEXT = {
  openaiEn: "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  googleEn: "I am Gemini, a large language model made by Google.",
  alibabaZh: "我是通义千问，由阿里云开发的AI助手。",
  openaiZh: "我是ChatGPT，由OpenAI开发的人工智能助手。",
  anthropicFr: "Je suis Claude, un assistant créé par Anthropic.",
  openaiJa: "私はChatGPTです。OpenAIによって開発されました。",
  plainEn: "The capital of France is Paris.",
  plainZh: "今天天气很好，我们去公园散步吧。",
  plainFr: "La capitale de la France est Paris, une très belle ville.",
  plainJa: "今日はいい天気ですね。公園に散歩に行きましょう。",
};
type Corpus = Record<string, Array<[keyof typeof TEXT, number]>>;

/** The dataset before the update. */
const BEFORE: Corpus = {
  "en.jsonl": [
    ["openaiEn", 3],
    ["plainEn", 20],
  ],
  "zh.jsonl": [
    ["alibabaZh", 4],
    ["openaiZh", 2],
    ["plainZh", 10],
  ],
  "fr.jsonl": [
    ["anthropicFr", 2],
    ["plainFr", 10],
  ],
};
/** After: more OpenAI in English and a first Google claim, less Alibaba, a Japanese file. */
const AFTER: Corpus = {
  "en.jsonl": [
    ["openaiEn", 5],
    ["googleEn", 1],
    ["plainEn", 25],
  ],
  "zh.jsonl": [
    ["alibabaZh", 1],
    ["openaiZh", 2],
    ["plainZh", 10],
  ],
  "fr.jsonl": BEFORE["fr.jsonl"] as Corpus[string],
  "ja.jsonl": [
    ["openaiJa", 2],
    ["plainJa", 6],
  ],
};

function writeCorpus(corpus: Corpus): void {
  rmSync(join(root, "data"), { recursive: true, force: true });
  mkdirSync(join(root, "data"));
  for (const [file, parts] of Object.entries(corpus)) {
    const lines = parts.flatMap(([key, n]) =>
      Array.from({ length: n }, () => JSON.stringify({ text: TEXT[key] })),
    );
    writeFileSync(join(root, "data", file), `${lines.join("\n")}\n`);
  }
}

async function scanReport(name: string, ...flags: string[]): Promise<Report> {
  const result = await run(["scan", "data", "--json", name, "-q", ...flags], { cwd: root });
  expect(result.exitCode, result.stderr).toBe(0);
  return reportSchema.parse(JSON.parse(readFileSync(join(root, name), "utf8")));
}

const count = (corpus: Corpus, key: keyof typeof TEXT) =>
  Object.values(corpus)
    .flat()
    .filter(([k]) => k === key)
    .reduce((n, [, c]) => n + c, 0);
const records = (corpus: Corpus) =>
  Object.values(corpus)
    .flat()
    .reduce((n, [, c]) => n + c, 0);

let before: Report;
let after: Report;
let diff: ReportDiff;

beforeAll(async () => {
  writeCorpus(BEFORE);
  before = await scanReport("before.json");
  writeCorpus(AFTER);
  after = await scanReport("after.json");
  diff = diffReports(before, after, { before: "before.json", after: "after.json" });
});

const cell = (d: ReportDiff, family: string, lang: string) =>
  d.cells.find((c) => c.family === family && c.lang === lang);

describe("diffReports on a dataset before and after an update", () => {
  it("finds grown cells, a new language and a new family, grown first by size", () => {
    const grownBy = (key: keyof typeof TEXT) => count(AFTER, key) - count(BEFORE, key);
    expect(cell(diff, "openai", "en")).toEqual({
      family: "openai",
      lang: "en",
      before: count(BEFORE, "openaiEn"),
      after: count(AFTER, "openaiEn"),
      delta: grownBy("openaiEn"),
    });
    expect(before.languages.ja).toBeUndefined();
    expect(cell(diff, "openai", "ja")).toMatchObject({ before: 0, delta: grownBy("openaiJa") });
    expect(before.flaggedByFamily.google).toBeUndefined();
    expect(cell(diff, "google", "en")).toMatchObject({ before: 0, delta: grownBy("googleEn") });
    const grown = diff.cells.filter((c) => c.delta > 0);
    expect(grown.map((c) => `${c.family}×${c.lang}`)).toEqual(["openai×en", "openai×ja", "google×en"]);
    expect(diff.newFindings).toEqual({
      cells: 3,
      records: grownBy("openaiEn") + grownBy("openaiJa") + grownBy("googleEn"),
    });
    expect(diff.verdict).toMatch(
      new RegExp(
        `^3 family × language cells have new findings: \\+${diff.newFindings.records} flagged records`,
      ),
    );
  });

  it("lists shrunk cells after the grown ones and leaves unchanged cells out", () => {
    const shrunk = cell(diff, "alibaba", "zh");
    expect(shrunk?.delta).toBe(count(AFTER, "alibabaZh") - count(BEFORE, "alibabaZh"));
    expect(diff.cells.at(-1)).toBe(shrunk);
    expect(diff.verdict).toMatch(new RegExp(`\\(1 cell has fewer: ${shrunk?.delta} flagged records\\)$`));
    expect(cell(diff, "openai", "zh")).toBeUndefined();
    expect(cell(diff, "anthropic", "fr")).toBeUndefined();
  });

  it("agrees with a cell-by-cell comparison of the two reports", () => {
    const all = new Set<string>();
    for (const report of [before, after])
      for (const [lang, l] of Object.entries(report.languages))
        for (const family of Object.keys(l.families)) all.add(`${family}\0${lang}`);
    const expected = [...all]
      .map((key) => {
        const [family, lang] = key.split("\0") as [string, string];
        const b = before.languages[lang]?.families[family] ?? 0;
        const a = after.languages[lang]?.families[family] ?? 0;
        return { family, lang, before: b, after: a, delta: a - b };
      })
      .filter((c) => c.delta !== 0);
    const byKey = (x: { family: string; lang: string }, y: { family: string; lang: string }) =>
      `${x.family}\0${x.lang}` < `${y.family}\0${y.lang}` ? -1 : 1;
    expect([...diff.cells].sort(byKey)).toEqual(expected.sort(byKey));
  });

  it("compares the totals and the hits by kind", () => {
    expect(diff.totals.records).toEqual({
      before: records(BEFORE),
      after: records(AFTER),
      delta: records(AFTER) - records(BEFORE),
    });
    expect(diff.totals.flagged.delta).toBe(after.totals.flagged - before.totals.flagged);
    expect(diff.totals.rate).toEqual({
      before: before.totals.rate,
      after: after.totals.rate,
      delta: after.totals.rate - before.totals.rate,
    });
    for (const kind of HIT_KINDS) {
      expect(diff.hitsByKind[kind]?.delta).toBe(
        (after.totals.hitsByKind[kind] ?? 0) - (before.totals.hitsByKind[kind] ?? 0),
      );
    }
    expect(diff.comparable).toBe(true);
    expect(diff.warnings).toEqual([]);
  });

  it("is a selfid.diff/1 document that survives JSON", () => {
    expect(reportDiffSchema.parse(JSON.parse(JSON.stringify(diff)))).toEqual(diff);
    expect(diff.before).toMatchObject({ label: "before.json", version: before.tool.version, complete: true });
  });

  it("has no new findings against itself, and the reverse diff turns shrunk into grown", () => {
    const same = diffReports(after, after);
    expect(same.cells).toEqual([]);
    expect(same.verdict).toBe("no new findings");
    const reverse = diffReports(after, before);
    expect(reverse.newFindings).toEqual({
      cells: 1,
      records: count(BEFORE, "alibabaZh") - count(AFTER, "alibabaZh"),
    });
    expect(reverse.cells.filter((c) => c.delta < 0)).toHaveLength(3);
  });

  it("warns, without failing, when the reports are not comparable", async () => {
    writeFileSync(join(root, "acme.yaml"), "family: acme\nvendor: Acme\nnames: [AcmeGPT]\n");
    const patterns = diffReports(before, await scanReport("patterns.json", "--patterns", "acme.yaml"));
    expect(patterns.comparable).toBe(false);
    expect(patterns.warnings.join("\n")).toMatch(
      /different pattern sets \(builtin \w{12} vs builtin\+.*acme\.yaml/,
    );
    expect(patterns.newFindings).toEqual(diff.newFindings);

    const ignoring = diffReports(before, await scanReport("ignore.json", "--ignore", "alibaba"));
    expect(ignoring.warnings).toEqual([
      expect.stringMatching(/different scan options \(ignore \[\] vs \["alibaba"\]\)/),
    ]);
    expect(cell(ignoring, "alibaba", "zh")?.after).toBe(0);

    const limited = diffReports(before, await scanReport("limit.json", "--limit", "5"), {
      after: "limit.json",
    });
    expect(limited.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^limit\.json is incomplete/),
        expect.stringMatching(/\(limit null vs 5\)/),
      ]),
    );

    const older = diffReports({ ...before, tool: { ...before.tool, version: "0.0.1" } }, after);
    expect(older.warnings).toEqual([expect.stringMatching(/different selfid versions \(0\.0\.1 vs /)]);
  });
});

describe("the diff as text", () => {
  it("prints the verdict, the totals and the changed cells, grown first", () => {
    const text = formatDiffTable(diff);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`selfid diff before.json → after.json: ${diff.verdict}`);
    const [r0, r1] = [records(BEFORE), records(AFTER)];
    expect(text).toMatch(new RegExp(`^records\\s+${r0}\\s+${r1}\\s+\\+${r1 - r0}$`, "m"));
    const row = (family: string, lang: string, key: keyof typeof TEXT) => {
      const [b, a] = [count(BEFORE, key), count(AFTER, key)];
      return new RegExp(`^${family}\\s+${lang}\\s+${b}\\s+${a}\\s+${a > b ? "\\+" : ""}${a - b}$`);
    };
    const rows = lines.filter((l) => /^(openai|google|alibaba|anthropic)\s/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(row("openai", "en", "openaiEn")),
      expect.stringMatching(row("openai", "ja", "openaiJa")),
      expect.stringMatching(row("google", "en", "googleEn")),
      expect.stringMatching(row("alibaba", "zh", "alibabaZh")),
    ]);
    expect(formatDiffTable(diffReports(before, before))).not.toMatch(/family × document language/);
  });

  it("writes Markdown with new findings in bold and warnings quoted", () => {
    const md = formatDiffMarkdown(
      diffReports(before, { ...after, tool: { ...after.tool, version: "9.9.9" } }),
    );
    expect(md).toMatch(/^### selfid: changes from `before` to `after`$/m);
    const [openai, alibaba] = [cell(diff, "openai", "en"), cell(diff, "alibaba", "zh")];
    expect(md).toContain(`| openai | en | ${openai?.before} | ${openai?.after} | **+${openai?.delta}** |`);
    expect(md).toContain(`| alibaba | zh | ${alibaba?.before} | ${alibaba?.after} | ${alibaba?.delta} |`);
    expect(md).toMatch(/^> \*\*Warning:\*\* the reports come from different selfid versions/m);
    expect(md).not.toMatch(/\| anthropic \|/);
  });
});
