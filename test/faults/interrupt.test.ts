import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT_FILE } from "../../src/emit/checkpoint.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";

// SIGINT and SIGTERM stop a scan within moments, with a report of exactly what was read, marked
// incomplete; --emit leaves the input it was in only as .partial files; --resume then ends with the
// uninterrupted run's report, hits and shards.

const bin = join(import.meta.dirname, "../../bin/selfid.js");
const root = mkdtempSync(join(tmpdir(), "selfid-interrupt-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const data = join(root, "data");
const FILES = 4;

const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "The mitochondria is the powerhouse of the cell, as every biology student learns early on.",
  "我是通义千问，由阿里云开发的AI助手。",
  "Paris is the capital of France and lies on the Seine.",
];

beforeAll(() => {
  mkdirSync(data);
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let i = 0; i < 15_000; i++) {
      if (i % 997 === 5) lines.push("{broken");
      else {
        const text = i % 100 === 0 ? TEXTS[(i + f) % 2 === 0 ? 0 : 2] : TEXTS[(i + f) % 2 === 0 ? 1 : 3];
        lines.push(JSON.stringify({ id: i, messages: [{ role: "assistant", content: `${text} (${i})` }] }));
      }
    }
    writeFileSync(join(data, `part-${f}.jsonl`), `${lines.join("\n")}\n`);
  }
  // The uninterrupted run every stopped and resumed one must end up equal to.
  const whole = spawnSync(process.execPath, [
    bin,
    "scan",
    data,
    "-q",
    "--json",
    join(root, "whole.json"),
    "--hits",
    join(root, "whole.jsonl"),
    "--emit",
    join(root, "whole"),
  ]);
  expect(whole.status, whole.stderr.toString()).toBe(0);
}, 150_000);

const read = (path: string) => readFileSync(path, "utf8");
const lines = (path: string) => read(path).split("\n").filter(Boolean);

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from the signal to the process's exit. */
  latency: number;
}

/** Runs `selfid scan`, waits until `ready()`, sends `signal`, and waits for the exit. */
async function stopWhen(args: string[], ready: () => boolean, signal: NodeJS.Signals): Promise<Stopped> {
  const child: ChildProcess = spawn(process.execPath, [bin, "scan", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, sig) => done({ code, signal: sig })),
  );
  for (let i = 0; i < 1200 && !ready(); i++) await new Promise((done) => setTimeout(done, 25));
  expect(child.exitCode, `the scan ended before it could be stopped: ${stderr}`).toBe(null);
  const sent = performance.now();
  child.kill(signal);
  const exit = await exited;
  return { ...exit, stderr, latency: performance.now() - sent };
}

/** The report is valid, incomplete, and every count adds up: records = scanned + errors, per input. */
function checkPartialReport(path: string, hitsPath: string): Report {
  const report = reportSchema.parse(JSON.parse(read(path)));
  expect(report.complete).toBe(false);
  for (const input of report.inputs) expect(input.records).toBe(input.scanned + input.errors);
  expect(report.totals.records).toBe(report.totals.scanned + report.totals.errors);
  expect(report.totals.records).toBe(report.inputs.reduce((n, input) => n + input.records, 0));
  expect(report.totals.records).toBeGreaterThan(0);
  // Not everything was read: it really stopped early.
  const whole = reportSchema.parse(JSON.parse(read(join(root, "whole.json"))));
  expect(report.totals.records).toBeLessThan(whole.totals.records);
  // The hits file holds exactly the hits of the records counted.
  expect(lines(hitsPath)).toHaveLength(report.totals.hits);
  const counted = new Map(report.inputs.map((input) => [input.source, input.hits]));
  const perSource = new Map<string, number>();
  for (const line of lines(hitsPath)) {
    const { source } = JSON.parse(line) as { source: string };
    perSource.set(source, (perSource.get(source) ?? 0) + 1);
  }
  for (const [source, n] of perSource) expect(counted.get(source)).toBe(n);
  return report;
}

function checkpointLines(dir: string): string[] {
  const path = join(dir, CHECKPOINT_FILE);
  return existsSync(path) ? read(path).split("\n").slice(1).filter(Boolean) : [];
}

function shardFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => /^(clean|flagged|errors)\//.test(p) && statSync(join(dir, p)).isFile())
    .sort();
}

/** Every shard file of a finished run, by path, with its bytes. */
function shardBytes(dir: string): Map<string, string> {
  return new Map(shardFiles(dir).map((p) => [p, read(join(dir, p))]));
}

describe("SIGINT and SIGTERM", () => {
  it.each([
    ["", []],
    [" --workers 2", ["--workers", "2", "--task-bytes", "1MiB"]],
  ])(
    "SIGINT with --emit%s: stops at once, writes a partial report, leaves .partial only for the input it was in; --resume ends as an uninterrupted run",
    async (name, workers) => {
      const out = join(root, `emit${name.replace(/\W+/g, "-")}`);
      const args = [
        data,
        "--json",
        join(root, "e.json"),
        "--hits",
        join(root, "e.jsonl"),
        "--emit",
        out,
        ...workers,
      ];
      // Stopped once the first input is finished and the second is being written.
      const stopped = await stopWhen(args, () => checkpointLines(out).length >= 1, "SIGINT");
      expect(stopped.signal).toBe(null);
      expect(stopped.code).toBe(130);
      expect(stopped.latency).toBeLessThan(5000);
      expect(stopped.stderr).toContain(
        `selfid: interrupted by SIGINT: partial report written to ${join(root, "e.json")} (complete: false)`,
      );
      const report = checkPartialReport(join(root, "e.json"), join(root, "e.jsonl"));

      // Final names only for the inputs the checkpoint records as finished; the rest only .partial.
      const finished = checkpointLines(out).flatMap((line) =>
        (JSON.parse(line) as { files: { path: string }[] }).files.map((f) => f.path),
      );
      expect(finished.length).toBeGreaterThan(0);
      const present = shardFiles(out);
      expect(present.filter((p) => !p.split("/").at(-1)?.startsWith("."))).toEqual([...finished].sort());
      const finishedInputs = checkpointLines(out).length;
      expect(finishedInputs).toBeLessThan(FILES);
      for (const partial of present.filter((p) => p.endsWith(".partial"))) {
        expect(partial).toMatch(
          new RegExp(`\\.part-${finishedInputs}\\.jsonl(\\.reasons\\.jsonl)?\\.partial$`),
        );
      }
      const manifest = JSON.parse(read(join(out, "manifest.json")));
      expect(manifest.complete).toBe(false);
      expect(manifest.inputs).toHaveLength(finishedInputs);
      // The report counts the finished inputs as the manifest does, and the one it was in so far.
      expect(report.inputs.length).toBeGreaterThanOrEqual(finishedInputs);
      for (const [i, input] of (manifest.inputs as { read: number }[]).entries()) {
        expect(report.inputs[i]?.records).toBe(input.read);
      }

      const resumed = spawnSync(process.execPath, [bin, "scan", ...args, "--resume", "-q"]);
      expect(resumed.status, resumed.stderr.toString()).toBe(0);
      expect(read(join(out, "manifest.json"))).toBe(read(join(root, "whole/manifest.json")));
      expect(read(join(root, "e.jsonl"))).toBe(read(join(root, "whole.jsonl")));
      expect(JSON.parse(read(join(root, "e.json")))).toEqual(JSON.parse(read(join(root, "whole.json"))));
      expect(shardBytes(out)).toEqual(shardBytes(join(root, "whole")));
    },
    150_000,
  );

  it("SIGTERM with --workers 2: terminates the busy workers, reports the tasks taken; --resume ends as an uninterrupted run", async () => {
    const json = join(root, "w.json");
    const hits = join(root, "w.jsonl");
    const args = [data, "--workers", "2", "--task-bytes", "1MiB", "--json", json, "--hits", hits, "--resume"];
    const log = `${json}.resume.jsonl`;
    const shares = () => (existsSync(log) ? read(log).split("\n").filter(Boolean).length - 1 : 0);
    const stopped = await stopWhen([...args, "-q"], () => shares() >= 1, "SIGTERM");
    expect(stopped.signal).toBe(null);
    expect(stopped.code).toBe(143);
    expect(stopped.latency).toBeLessThan(5000);
    expect(stopped.stderr).toContain("selfid: interrupted by SIGTERM: partial report written to");
    checkPartialReport(json, hits);

    const resumed = spawnSync(process.execPath, [bin, "scan", ...args, "-q"]);
    expect(resumed.status, resumed.stderr.toString()).toBe(0);
    expect(read(hits)).toBe(read(join(root, "whole.jsonl")));
    expect(JSON.parse(read(json))).toEqual(JSON.parse(read(join(root, "whole.json"))));
  }, 150_000);

  it("a second signal ends the process at once", async () => {
    const child = spawn(process.execPath, [bin, "scan", data, "--progress", "--progress-interval", "0.1"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    for (let i = 0; i < 1200 && !stderr.includes("selfid: progress"); i++)
      await new Promise((done) => setTimeout(done, 25));
    child.kill("SIGINT");
    child.kill("SIGINT");
    expect(await exited).toBe(130);
  }, 90_000);
});
