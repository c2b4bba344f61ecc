import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { mergeReports } from "../../src/report/merge-reports.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { mixedJsonl, TEXTS } from "../helpers/mixed-corpus.js";
import { toParquet } from "../records/parquet-helpers.js";

const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
    writeFileSync(join(root, "data/a.jsonl"), mixedJsonl(1, 600));
    writeFileSync(join(root, "data/sub/b.jsonl"), mixedJsonl(2, 300));
    writeFileSync(join(root, "data/c.jsonl.gz"), gzipSync(mixedJsonl(3, 100)));
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
    writeFileSync(join(root, "data/b.jsonl"), mixedJsonl(4, 200));
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
