import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { mixedJsonl, TEXTS } from "../helpers/mixed-corpus.js";
import { prng } from "../helpers/prng.js";

const BIN = new URL("../../bin/selfid.js", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "selfid-shard-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Text lines, some blank, without a final newline. */
function textLines(seed: number, count: number): string {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) =>
    rand() < 0.1 ? "" : `${TEXTS[Math.floor(rand() * TEXTS.length)]} ${i}`,
  ).join("\n");
}

/** Runs the built CLI in a child process: a shard is a process of its own, as on a cluster. */
function selfid(args: string[], cwd = root): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (status) => done({ status, stderr }));
  });
}

/** Runs the commands two at a time (the machine is shared) and expects each to exit 0. */
async function all(commands: string[][]): Promise<void> {
  const queue = [...commands];
  const lane = async () => {
    for (let args = queue.shift(); args; args = queue.shift()) {
      const { status, stderr } = await selfid(args);
      expect(stderr, args.join(" ")).toBe("");
      expect(status, args.join(" ")).toBe(0);
    }
  };
  await Promise.all([lane(), lane()]);
}

const read = (name: string) => readFileSync(join(root, name), "utf8");
const json = (name: string) => JSON.parse(read(name));
// Every data file of more than 3001 bytes is read in ranges of 3001 bytes: a shard's stretch starts
// and ends inside files, and records straddle the range boundaries.
const COMMON = ["scan", "data", "--max-record-bytes", "2048", "-q"];
const SHARDED = [...COMMON, "--task-bytes", "3001"];

beforeAll(async () => {
  mkdirSync(join(root, "data/sub"), { recursive: true });
  writeFileSync(join(root, "data/a.jsonl"), mixedJsonl(1, 500));
  writeFileSync(join(root, "data/sub/b.jsonl"), mixedJsonl(2, 120));
  writeFileSync(join(root, "data/c.jsonl.gz"), gzipSync(mixedJsonl(3, 100)));
  writeFileSync(join(root, "data/d.txt"), textLines(4, 300));
  writeFileSync(join(root, "data/e.json"), JSON.stringify([{ text: TEXTS[0] }, { text: TEXTS[3] }]));
  writeFileSync(join(root, "data/f.jsonl"), mixedJsonl(5, 10));
  await all([[...COMMON, "--json", "single.json", "--hits", "single.jsonl"]]);
}, 60_000);

describe("scan --shard I/N, then merge", () => {
  for (const [count, extra] of [
    [1, []],
    [3, ["--workers", "2"]],
    [7, []],
  ] as const) {
    it(`gives one run's report and hits with ${count} shard(s) ${extra.join(" ")}`, async () => {
      const shards = Array.from({ length: count }, (_, i) => i);
      await all(
        shards.map((i) => [
          ...SHARDED,
          ...extra,
          "--shard",
          `${i}/${count}`,
          "--json",
          `r${count}-${i}.json`,
          "--hits",
          `h${count}-${i}.jsonl`,
        ]),
      );
      // Given in reverse order: merge takes shard reports in shard order.
      const reports = shards.map((i) => `r${count}-${i}.json`).reverse();
      await all([["merge", ...reports, "--json", `merged-${count}.json`, "-q"]]);

      const single = json("single.json");
      expect(json(`merged-${count}.json`)).toEqual(single);
      expect(shards.map((i) => read(`h${count}-${i}.jsonl`)).join("")).toBe(read("single.jsonl"));

      // The data exercised what matters: findings, errors, and files split between shards.
      expect(single.totals.hits).toBeGreaterThan(50);
      expect(single.totals.errors).toBeGreaterThan(10);
      expect(single.errors.some((e: { line?: number }) => (e.line ?? 0) > 100)).toBe(true);
      const parts = shards.map((i) => json(`r${count}-${i}.json`));
      for (const [i, part] of parts.entries())
        expect(part.shard).toEqual({ index: i, count, plan: expect.stringMatching(/^[0-9a-f]{16}$/) });
      if (count > 1) {
        const sources = parts.flatMap((part) => part.inputs.map((input: { source: string }) => input.source));
        expect(sources.length).toBeGreaterThan(new Set(sources).size);
        expect(parts.every((part) => part.totals.records > 0)).toBe(true);
      }
    }, 240_000);
  }
});

describe("shards with no tasks, and shards from the environment", () => {
  beforeAll(() => {
    mkdirSync(join(root, "small"));
    writeFileSync(join(root, "small/a.jsonl"), mixedJsonl(6, 20));
    writeFileSync(join(root, "small/b.jsonl"), mixedJsonl(7, 20));
  });
  const scanSmall = (args: string[], env: Record<string, string> = {}) =>
    run(["scan", "small", "--max-record-bytes", "2048", ...args], { cwd: root, env });

  it("writes a valid empty report for a shard with nothing to read, and merges it", async () => {
    expect((await scanSmall(["--json", "small.json", "-q"])).exitCode).toBe(0);
    for (let i = 0; i < 5; i++) {
      const shard = await scanSmall(["--shard", `${i}/5`, "--json", `small-${i}.json`, "-q"]);
      expect(shard.exitCode).toBe(0);
    }
    const empty = json("small-1.json");
    expect(empty.shard).toEqual({ index: 1, count: 5, plan: json("small-0.json").shard.plan });
    expect(empty.inputs).toEqual([]);
    expect(empty.totals.records).toBe(0);
    expect(empty.complete).toBe(true);
    const names = [0, 1, 2, 3, 4].map((i) => `small-${i}.json`);
    const merged = await run(["merge", ...names, "--format", "json"], { cwd: root });
    expect(merged.exitCode).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(json("small.json"));
  }, 120_000);

  it("takes the shard from a Slurm array or an Indexed Job when asked, and says so", async () => {
    const slurm = await scanSmall(["--shard", "auto", "--format", "json"], {
      SLURM_ARRAY_TASK_ID: "7",
      SLURM_ARRAY_TASK_MIN: "5",
      SLURM_ARRAY_TASK_COUNT: "5",
    });
    expect(slurm.exitCode).toBe(0);
    expect(slurm.stderr).toContain(
      "selfid: shard 2 of 5 (index from SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN",
    );
    expect(JSON.parse(slurm.stdout)).toEqual(json("small-2.json"));
    const k8s = await scanSmall(["--format", "json"], { JOB_COMPLETION_INDEX: "0", SELFID_SHARD_COUNT: "5" });
    expect(k8s.exitCode).toBe(0);
    expect(JSON.parse(k8s.stdout)).toEqual(json("small-0.json"));
    // Without a request, the variables are not read.
    const plain = await scanSmall(["--format", "json"], {
      JOB_COMPLETION_INDEX: "0",
      SLURM_ARRAY_TASK_ID: "1",
    });
    expect(JSON.parse(plain.stdout)).toEqual(json("small.json"));
  }, 120_000);
});

describe("refusals", () => {
  const usage = async (args: string[], message: string | RegExp) => {
    const result = await run(args, { cwd: root, env: {} });
    expect(result.exitCode, args.join(" ")).toBe(2);
    expect(result.stderr, args.join(" ")).toMatch(message);
  };

  it("refuses bad shards, stdin and --limit", async () => {
    await usage(["scan", "data", "--shard", "3/3"], "--shard 3/3: the shard index must be below the count");
    await usage(["scan", "data", "--shard", "two"], "--shard two: expected I/N");
    await usage(["scan", "data", "--shard-count", "0"], "no shard index in the environment");
    await usage(["scan", "-", "--shard", "0/2"], "--shard cannot read stdin (-)");
    await usage(["scan", "data", "--shard", "0/2", "--limit", "5"], "--limit cannot be used with --shard");
  });

  it("refuses to merge shards with other reports, shards of other counts, or a shard twice; warns of missing ones", async () => {
    const [a, b] = [json("small-0.json"), json("small-2.json")];
    const write = (name: string, report: unknown) => writeFileSync(join(root, name), JSON.stringify(report));
    write("m-a.json", a);
    write("m-b.json", b);
    write("m-plain.json", { ...a, shard: undefined });
    write("m-other.json", { ...b, shard: { index: 2, count: 6 } });
    write("m-twin.json", a);
    write("m-plan.json", { ...b, shard: { ...b.shard, plan: "0123456789abcdef" } });
    await usage(["merge", "m-a.json", "m-plain.json"], "m-plain.json is not a shard report but m-a.json is");
    await usage(
      ["merge", "m-a.json", "m-other.json"],
      "m-other.json is shard 2/6 but m-a.json is of 5 shards",
    );
    await usage(
      ["merge", "m-a.json", "m-b.json", "m-twin.json"],
      "m-a.json and m-twin.json are both shard 0/5",
    );
    await usage(
      ["merge", "m-a.json", "m-plan.json"],
      "m-plan.json and m-a.json are shards of different plans",
    );

    const partial = await run(["merge", "m-b.json", "m-a.json", "--format", "json"], { cwd: root });
    expect(partial.exitCode).toBe(0);
    expect(partial.stderr).toContain("warning: shard(s) 1, 3-4 of 5 missing");
    const merged = JSON.parse(partial.stdout);
    expect(merged.complete).toBe(false);
    expect(merged.shard).toBeUndefined();
    expect(merged.inputs.map((input: { source: string }) => input.source)).toEqual([
      ...a.inputs.map((input: { source: string }) => input.source),
      ...b.inputs.map((input: { source: string }) => input.source),
    ]);
  });
});
