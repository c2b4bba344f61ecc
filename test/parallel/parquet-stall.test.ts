import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { loopingParquet } from "../helpers/hostile-inputs.js";
import { mixedJsonl } from "../helpers/mixed-corpus.js";

// A corrupt page that loops hyparquet's decoder (issue 7), wherever the file is decoded: in a scan
// worker watched by the pool (one worker or several), or in this thread's decode thread (--limit,
// --emit, Hub files). The file fails at the stuck row group; the rows before it count, with their
// hits; the other inputs are scanned; every path gives the same report and hits.

const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-stall-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(root: string, options: { workers?: number; limit?: number; strict?: boolean }) {
  const hits: Hit[] = [];
  const result = await scan({
    inputs: ["data"],
    cwd: root,
    patternSet,
    parquetStallMs: 1000,
    ...options,
    onHit: (hit) => hits.push(hit),
  });
  return { ...result, hits };
}

describe("a Parquet page that loops the decoder", () => {
  it("fails its file at that row group, keeps the rows before, and the scan goes on, on every path", async () => {
    const root = join(tmp, "loop");
    mkdirSync(join(root, "data"), { recursive: true });
    writeFileSync(join(root, "data/a-loop.parquet"), loopingParquet(1));
    writeFileSync(join(root, "data/b-loop.parquet"), loopingParquet(0));
    writeFileSync(join(root, "data/c.jsonl"), mixedJsonl(5, 200));
    const pooled = await run(root, { workers: 1 });
    const { inputs, errors } = pooled.report;
    const [first, second, jsonl] = inputs;
    // Group 0 (rows 0–7) is read, group 1 loops: 8 rows scanned, the rest one error.
    expect(first).toMatchObject({
      source: "data/a-loop.parquet",
      scanned: 8,
      errors: 1,
      records: 9,
      failed: true,
    });
    expect(second).toMatchObject({
      source: "data/b-loop.parquet",
      scanned: 0,
      errors: 1,
      records: 1,
      failed: true,
    });
    expect(jsonl).toMatchObject({ source: "data/c.jsonl", failed: false });
    expect(jsonl?.scanned).toBeGreaterThan(150);
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^parquet data\/a-loop\.parquet row group 1 \(rows 8–15\): the decoder made no progress for 1 s; the data is likely corrupt/,
        ),
        expect.stringMatching(
          /^parquet data\/b-loop\.parquet row group 0 \(rows 0–7\): the decoder made no progress/,
        ),
      ]),
    );
    // The rows before the stuck group keep their hits.
    const early = pooled.hits.filter((hit) => hit.source === "data/a-loop.parquet");
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((hit) => hit.record < 8)).toBe(true);
    expect(pooled.failedInputs).toBe(2);

    for (const options of [{ workers: 2 }, { limit: 1_000_000 }]) {
      const other = await run(root, options);
      expect(other.hits).toEqual(pooled.hits);
      expect(other.report.inputs).toEqual(pooled.report.inputs);
      expect(other.report.errors).toEqual(pooled.report.errors);
      expect(other.failedInputs).toBe(2);
    }
  }, 120_000);

  it("stops a --strict scan there, on every path", async () => {
    const root = join(tmp, "strict");
    mkdirSync(join(root, "data"), { recursive: true });
    writeFileSync(join(root, "data/a-loop.parquet"), loopingParquet(1));
    writeFileSync(join(root, "data/c.jsonl"), mixedJsonl(6, 20));
    for (const options of [{ workers: 1 }, { limit: 1_000_000 }]) {
      await expect(run(root, { ...options, strict: true })).rejects.toThrow(
        /^parquet data\/a-loop\.parquet row group 1 \(rows 8–15\): the decoder made no progress for 1 s/,
      );
    }
  }, 60_000);
});
