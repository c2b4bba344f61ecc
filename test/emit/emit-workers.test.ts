import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKPOINT_FILE } from "../../src/emit/checkpoint.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { type ScanOptions, scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { fileTree } from "../helpers/file-tree.js";
import { mixedJsonl, TEXTS } from "../helpers/mixed-corpus.js";
import { toParquet } from "../records/parquet-helpers.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };
const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-emit-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir` with its bytes (as text, so a difference shows). */
function treeOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    fileTree(dir).map((path) => [path, readFileSync(join(dir, path)).toString("latin1")]),
  );
}

async function emitRun(root: string, out: string, options: Partial<ScanOptions>) {
  const hits: Hit[] = [];
  const result = await scan({
    inputs: ["data"],
    cwd: root,
    patternSet,
    maxRecordBytes: 2048,
    ...options,
    emit: { ...options.emit, dir: join(root, out) },
    onHit: (hit) => hits.push(hit),
  });
  return { report: result.report, failedInputs: result.failedInputs, hits, tree: treeOf(join(root, out)) };
}

describe("--emit with worker threads", () => {
  const root = join(tmp, "mixed");
  mkdirSync(join(root, "data/sub"), { recursive: true });
  writeFileSync(join(root, "data/a.jsonl"), mixedJsonl(21, 700));
  writeFileSync(join(root, "data/sub/b.jsonl.gz"), gzipSync(mixedJsonl(22, 200)));
  writeFileSync(join(root, "data/c.jsonl.zst"), zstd.compress(Buffer.from(mixedJsonl(23, 150))));
  writeFileSync(join(root, "data/d.txt"), TEXTS.map((t, i) => `${t} ${i}`).join("\r\n"));
  writeFileSync(join(root, "data/e.json"), JSON.stringify([{ text: TEXTS[0] }, { text: TEXTS[3] }, 7]));
  const cut = gzipSync(mixedJsonl(24, 300));
  writeFileSync(join(root, "data/t.jsonl.gz"), cut.subarray(0, Math.floor(cut.length * 0.7)));
  const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, text: `${TEXTS[i % TEXTS.length]} (${i})` }));
  writeFileSync(
    join(root, "data/f.parquet"),
    toParquet(rows, { id: "int64", text: "string" }, { rowGroupSize: 40 }),
  );

  it("writes the same outputs, byte for byte, as one thread: byte ranges, row groups, failed streams", async () => {
    const one = await emitRun(root, "one", { workers: 1 });
    for (const [workers, taskBytes] of [
      [2, 3001],
      [3, 20_000],
    ] as const) {
      const many = await emitRun(root, `many-${workers}`, { workers, taskBytes });
      expect(Object.keys(many.tree)).toEqual(Object.keys(one.tree));
      expect(many.tree).toEqual(one.tree);
      expect(many.report).toEqual(one.report);
      expect(many.hits).toEqual(one.hits);
      expect(many.failedInputs).toBe(one.failedInputs);
    }
    expect(one.failedInputs).toBe(1);
    expect(Object.keys(one.tree).filter((path) => path.startsWith("flagged/")).length).toBeGreaterThan(4);
    expect(one.report.totals.errors).toBeGreaterThan(20);
  }, 120_000);

  it("writes a shard's part of the inputs alike, numbered as in the files", async () => {
    for (let index = 0; index < 3; index++) {
      const shard = { index, count: 3 };
      const one = await emitRun(root, `shard-${index}-one`, { shard, workers: 1, taskBytes: 6000 });
      const many = await emitRun(root, `shard-${index}-many`, { shard, workers: 2, taskBytes: 6000 });
      expect(many.tree).toEqual(one.tree);
      expect(many.report).toEqual(one.report);
      expect(many.hits).toEqual(one.hits);
    }
  }, 120_000);

  it("annotates and cuts outputs into shards alike", async () => {
    const options = { emit: { dir: "", annotate: true, maxShardBytes: 9000 } };
    const one = await emitRun(root, "annotated-one", { ...options, workers: 1 });
    const many = await emitRun(root, "annotated-many", { ...options, workers: 2, taskBytes: 5000 });
    expect(many.tree).toEqual(one.tree);
    expect(
      Object.keys(one.tree).filter((path) => /^flagged\/a-\d+\.jsonl$/.test(path)).length,
    ).toBeGreaterThan(3);
    expect(one.tree["flagged/a-00000.jsonl"]).toContain('"selfid":');
  }, 120_000);

  it("resumes an interrupted run: finished inputs taken over, the rest written by the workers", async () => {
    const full = await emitRun(root, "full", { workers: 1 });
    const interrupted = await emitRun(root, "cut", { workers: 1 });
    expect(interrupted.tree).toEqual(full.tree);
    // As a run killed after its first two inputs leaves it: two checkpoint entries, no manifest.
    const checkpoint = readFileSync(join(root, "cut", CHECKPOINT_FILE), "utf8").split("\n");
    writeFileSync(join(root, "cut", CHECKPOINT_FILE), `${checkpoint.slice(0, 3).join("\n")}\n`);
    rmSync(join(root, "cut", "manifest.json"));
    const finishedFile = join(root, "cut", "clean/a.jsonl");
    const laterFile = join(root, "cut", "clean/sub/b.jsonl.gz");
    const before = [statSync(finishedFile).mtimeMs, statSync(laterFile).mtimeMs];
    await new Promise((done) => setTimeout(done, 20));
    const resumed = await emitRun(root, "cut", {
      workers: 2,
      taskBytes: 4000,
      emit: { dir: "", resume: true },
    });
    expect(resumed.tree).toEqual(full.tree);
    expect(resumed.report).toEqual(full.report);
    // The finished input was taken over, not written again; a later one was.
    expect(statSync(finishedFile).mtimeMs).toBe(before[0]);
    expect(statSync(laterFile).mtimeMs).toBeGreaterThan(before[1] as number);
  }, 120_000);
});
