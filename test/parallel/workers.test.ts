import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { mergeReports } from "../../src/report/merge-reports.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { prng } from "../helpers/prng.js";
import { toParquet } from "../records/parquet-helpers.js";

const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "Je suis Claude, un assistant créé par Anthropic.",
  "The capital of France is Paris; it lies on the Seine.",
  "Ich bin ein hilfreicher Assistent und beantworte gern deine Fragen zum Wetter.",
  "2 + 2 = 4, and the square root of 16 is 4 as well.",
  "As an AI language model, I cannot browse the internet.",
];

/** JSONL with records of every shape, blank, malformed and over-size lines, CRLF and a BOM. */
function corpus(seed: number, records: number): string {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    const r = rand();
    const text = `${pick(TEXTS)} (${i})`;
    if (r < 0.03) lines.push("");
    else if (r < 0.06) lines.push(pick(['{"text": "cut', "[1, 2]", "42"]));
    else if (r < 0.07) lines.push(JSON.stringify({ text: "x".repeat(3000) }));
    else if (r < 0.5)
      lines.push(
        JSON.stringify({
          id: i,
          messages: [
            { role: "user", content: "Who are you?" },
            { role: "assistant", content: text },
          ],
        }),
      );
    else if (r < 0.7)
      lines.push(
        JSON.stringify({
          id: i,
          conversations: [
            { from: "human", value: "Hi" },
            { from: "gpt", value: text },
          ],
        }),
      );
    else
      lines.push(
        JSON.stringify({ id: i, text: `${text} ${"filler words ".repeat(Math.floor(rand() * 30))}` }),
      );
  }
  return `\uFEFF${lines.map((line, i) => line + (i % 7 === 3 ? "\r\n" : "\n")).join("")}`;
}

async function run(root: string, workers: number, taskBytes?: number) {
  const hits: Hit[] = [];
  const result = await scan({
    inputs: ["data"],
    cwd: root,
    patternSet,
    workers,
    maxRecordBytes: 2048,
    ...(taskBytes ? { taskBytes } : {}),
    onHit: (hit) => hits.push(hit),
  });
  return { ...result, hits };
}

describe("scan with worker threads", () => {
  it("gives the same report and hits as one thread, with records straddling every range boundary", async () => {
    const root = join(tmp, "mixed");
    mkdirSync(join(root, "data/sub"), { recursive: true });
    writeFileSync(join(root, "data/a.jsonl"), corpus(1, 600));
    writeFileSync(join(root, "data/sub/b.jsonl"), corpus(2, 300));
    writeFileSync(join(root, "data/c.jsonl.gz"), gzipSync(corpus(3, 100)));
    writeFileSync(join(root, "data/d.txt"), TEXTS.map((t, i) => `${t} ${i}`).join("\n"));
    writeFileSync(join(root, "data/e.json"), JSON.stringify([{ text: TEXTS[0] }, { text: TEXTS[3] }]));
    const one = await run(root, 1);
    for (const [workers, taskBytes] of [
      [2, 3001],
      [3, 20_000],
    ] as const) {
      const many = await run(root, workers, taskBytes);
      expect(many.report).toEqual(one.report);
      expect(many.hits).toEqual(one.hits);
      expect(many.failedInputs).toBe(one.failedInputs);
    }
    expect(one.report.totals.errors).toBeGreaterThan(0);
    expect(one.report.totals.flagged).toBeGreaterThan(0);
  }, 120_000);
});

describe("Parquet by row groups", () => {
  const rows = Array.from({ length: 900 }, (_, i) => ({
    id: i,
    messages: [
      { role: "user", content: "Who are you?" },
      { role: "assistant", content: `${TEXTS[i % TEXTS.length]} (${i})` },
    ],
  }));
  const columns = { id: "int64", messages: { listOf: ["role", "content"] } } as const;

  it("workers and shards read a big file's row groups apart and add up to one thread's report", async () => {
    const root = join(tmp, "parquet");
    mkdirSync(join(root, "data"), { recursive: true });
    const bytes = toParquet(rows, columns, { rowGroupSize: 40 });
    writeFileSync(join(root, "data/a.parquet"), bytes);
    writeFileSync(join(root, "data/b.jsonl"), corpus(4, 200));
    const one = await run(root, 1);
    const taskBytes = Math.ceil(bytes.length / 5);
    const many = await run(root, 2, taskBytes);
    expect(many.report).toEqual(one.report);
    expect(many.hits).toEqual(one.hits);
    const parts = [];
    for (let index = 0; index < 3; index++) {
      const result = await scan({
        inputs: ["data"],
        cwd: root,
        patternSet,
        workers: 1,
        maxRecordBytes: 2048,
        taskBytes,
        shard: { index, count: 3 },
      });
      parts.push({ name: `shard ${index}`, report: result.report });
    }
    // Each shard read part of the Parquet file: the file is spread, not given to one shard.
    const parquetReaders = parts.filter(({ report }) =>
      report.inputs.some((input) => input.source.endsWith("a.parquet")),
    );
    expect(parquetReaders.length).toBeGreaterThan(1);
    expect(mergeReports(parts).report).toEqual(one.report);
  }, 120_000);

  it("stops counting a file where one thread stops: at a corrupt row group", async () => {
    const root = join(tmp, "parquet-corrupt");
    mkdirSync(join(root, "data"), { recursive: true });
    const bytes = toParquet(rows, columns, { rowGroupSize: 40 });
    // Garbage over the middle of the data (the footer at the end stays intact).
    bytes.fill(0xff, Math.floor(bytes.length * 0.45), Math.floor(bytes.length * 0.5));
    writeFileSync(join(root, "data/a.parquet"), bytes);
    const one = await run(root, 1);
    expect(one.failedInputs).toBe(1);
    expect(one.report.totals.records).toBeGreaterThan(0);
    const many = await run(root, 2, Math.ceil(bytes.length / 6));
    expect(many.report).toEqual(one.report);
    expect(many.hits).toEqual(one.hits);
  }, 120_000);
});
