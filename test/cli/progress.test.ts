import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProgressReporter,
  formatBytes,
  formatCount,
  formatDuration,
  formatLiveLine,
  formatLogLine,
  progressFromFlags,
} from "../../src/cli/progress.js";
import { run } from "../../src/cli/run.js";
import { UsageError } from "../../src/errors.js";
import { type ScanProgress, scan } from "../../src/scan.js";

const dir = mkdtempSync(join(tmpdir(), "selfid-progress-"));
const RECORDS = 2500;

beforeAll(() => {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const text =
      i % 97 === 0
        ? `Hello! I'm ChatGPT, a large language model trained by OpenAI. Record ${i}.`
        : `Record ${i}: the river rose after three days of rain, and the ferry stopped running.`;
    lines.push(JSON.stringify({ text }));
  }
  const jsonl = `${lines.join("\n")}\n`;
  writeFileSync(join(dir, "big.jsonl"), jsonl);
  writeFileSync(join(dir, "big.jsonl.gz"), gzipSync(jsonl));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function progress(overrides: Partial<ScanProgress> = {}): ScanProgress {
  return {
    bytesDone: 1.2e9,
    bytesTotal: 4e9,
    inputsDone: 3,
    inputsTotal: 10,
    records: 1_234_500,
    flagged: 300,
    findings: 321,
    elapsedMs: 100_000,
    resumedBytes: 0,
    resumedRecords: 0,
    done: false,
    ...overrides,
  };
}

describe("progress formatting", () => {
  it("writes bytes in decimal units, counts with separators, durations in two units", () => {
    expect([0, 999, 1000, 999_960, 6_800_000, 1_234_567_890, 4e12].map(formatBytes)).toEqual([
      "0 B",
      "999 B",
      "1.0 kB",
      "1.0 MB",
      "6.8 MB",
      "1.2 GB",
      "4.0 TB",
    ]);
    expect([0, 999, 12_345.4, 1_234_567].map(formatCount)).toEqual(["0", "999", "12,345", "1,234,567"]);
    expect([0, 45_000, 65_000, 411_000, 7_620_000].map(formatDuration)).toEqual([
      "0s",
      "45s",
      "1m 05s",
      "6m 51s",
      "2h 07m",
    ]);
  });

  it("shows share and ETA when the total is known", () => {
    // 1.2 GB in 100 s is 12 MB/s; 2.8 GB left takes 233 s.
    expect(formatLiveLine(progress())).toBe(
      "scanning  1.2 GB / 4.0 GB  30%  12,345 rec/s  12.0 MB/s  findings 321  ETA 3m 53s",
    );
    expect(formatLogLine(progress())).toBe(
      "selfid: progress  1.2 GB / 4.0 GB  30%  inputs 3/10  records 1,234,500  12,345 rec/s  12.0 MB/s  findings 321  flagged 300  ETA 3m 53s",
    );
  });

  it("leaves out share and ETA when the total is unknown (stdin)", () => {
    const p = progress({ bytesTotal: null, inputsTotal: 1, inputsDone: 0 });
    expect(formatLiveLine(p)).toBe("scanning  1.2 GB  12,345 rec/s  12.0 MB/s  findings 321");
    expect(formatLogLine(p)).toBe(
      "selfid: progress  1.2 GB  inputs 0/1  records 1,234,500  12,345 rec/s  12.0 MB/s  findings 321  flagged 300",
    );
  });

  it("says how long the scan took at the end", () => {
    const p = progress({ bytesDone: 4e9, inputsDone: 10, done: true, elapsedMs: 333_000 });
    expect(formatLiveLine(p)).toBe(
      "scanned  4.0 GB / 4.0 GB  100%  3,707 rec/s  12.0 MB/s  findings 321  in 5m 33s",
    );
    expect(formatLogLine(p)).toMatch(/^selfid: progress {2}4\.0 GB \/ 4\.0 GB {2}100% .* done in 5m 33s$/);
  });

  it("leaves what an earlier run finished (--resume) out of the rates", () => {
    const p = progress({ bytesDone: 2.2e9, records: 2_234_500, resumedBytes: 1e9, resumedRecords: 1e6 });
    expect(formatLiveLine(p)).toBe(
      "scanning  2.2 GB / 4.0 GB  55%  12,345 rec/s  12.0 MB/s  findings 321  ETA 2m 30s",
    );
  });

  it("shows no rate and no ETA before any time has passed", () => {
    expect(formatLiveLine(progress({ bytesDone: 0, records: 0, elapsedMs: 0 }))).toBe(
      "scanning  0 B / 4.0 GB  0%  0 rec/s  0 B/s  findings 321",
    );
  });
});

describe("progress reporter", () => {
  it("rewrites one terminal line in place, cut to the width, and ends it before the report", () => {
    const written: string[] = [];
    const reporter = createProgressReporter({ write: (t) => written.push(t), live: true, columns: 30 });
    reporter.update(progress());
    reporter.update(progress({ bytesDone: 2e9 }));
    reporter.end();
    expect(written).toEqual([
      "\rscanning  1.2 GB / 4.0 GB  30\x1b[K",
      "\rscanning  2.0 GB / 4.0 GB  50\x1b[K",
      "\n",
    ]);
  });

  it("ends the terminal line once when the scan finishes", () => {
    const written: string[] = [];
    const reporter = createProgressReporter({ write: (t) => written.push(t), live: true });
    reporter.update(progress({ done: true }));
    reporter.end();
    expect(written).toHaveLength(1);
    expect(written[0]?.startsWith("\rscanned  ")).toBe(true);
    expect(written[0]?.endsWith("\x1b[K\n")).toBe(true);
  });

  it("prints plain lines once per interval, and always the last", () => {
    const written: string[] = [];
    const reporter = createProgressReporter({
      write: (t) => written.push(t),
      live: false,
      intervalMs: 10_000,
    });
    expect(reporter.everyMs).toBe(200);
    for (const elapsedMs of [200, 9_800, 10_000, 10_200, 19_999, 20_100])
      reporter.update(progress({ elapsedMs }));
    reporter.update(progress({ elapsedMs: 20_300, done: true }));
    reporter.end();
    expect(written.map((line) => /ETA|done in/.exec(line)?.[0])).toEqual(["ETA", "ETA", "done in"]);
    expect(written.every((line) => line.startsWith("selfid: progress  ") && line.endsWith("\n"))).toBe(true);
  });
});

describe("progress flags", () => {
  const tty = (stderrIsTTY: boolean) => ({
    stderrIsTTY,
    stderrColumns: undefined,
    errLive: () => {},
    usage: (message: string): never => {
      throw new UsageError(message);
    },
  });

  it("is on by default on a terminal only, and off with --quiet or --no-progress", () => {
    expect(progressFromFlags(tty(true), {})?.everyMs).toBe(200);
    expect(progressFromFlags(tty(false), {})).toBeUndefined();
    expect(progressFromFlags(tty(false), { progress: true })).toBeDefined();
    expect(progressFromFlags(tty(false), { progressInterval: "0.05" })?.everyMs).toBe(50);
    expect(progressFromFlags(tty(true), { quiet: true, progress: true })).toBeUndefined();
    expect(progressFromFlags(tty(true), { progress: false })).toBeUndefined();
  });

  it("refuses a bad interval, and an interval with --no-progress", () => {
    expect(() => progressFromFlags(tty(false), { progressInterval: "0" })).toThrow(
      /expected a number of seconds/,
    );
    expect(() => progressFromFlags(tty(false), { progressInterval: "soon" })).toThrow(
      /--progress-interval soon/,
    );
    expect(() => progressFromFlags(tty(false), { progressInterval: "5", progress: false })).toThrow(
      /contradict/,
    );
  });
});

describe("selfid scan --progress", () => {
  it("prints plain lines on stderr, none on stdout, the last with all the file's bytes", async () => {
    const size = statSync(join(dir, "big.jsonl")).size;
    const result = await run(
      ["scan", "big.jsonl", "--progress", "--progress-interval", "0.001", "--format", "json"],
      { cwd: dir },
    );
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { totals: { records: number } };
    expect(report.totals.records).toBe(RECORDS);
    const lines = result.stderr.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((line) => line.startsWith("selfid: progress  "))).toBe(true);
    const total = formatBytes(size);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^selfid: progress {2}${total} / ${total} {2}100% {2}inputs 1/1 {2}records 2,500 .* done in `,
      ),
    );
  });

  it("prints no progress with --quiet, even with --progress", async () => {
    const result = await run(["scan", "big.jsonl", "--quiet", "--progress", "--progress-interval", "0.001"], {
      cwd: dir,
    });
    expect(result).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("prints nothing extra when stderr is not a terminal and --progress is not given", async () => {
    const result = await run(["scan", "big.jsonl"], { cwd: dir });
    expect(result.stderr).toBe("");
  });

  it("draws a live line on a terminal and leaves it on its own line", async () => {
    const live: string[] = [];
    const result = await run(["scan", "big.jsonl", "--format", "json"], {
      cwd: dir,
      stderrIsTTY: true,
      writeStderr: (text) => live.push(text),
    });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ totals: { records: RECORDS } });
    const last = live.at(-1) ?? "";
    expect(last.startsWith("\rscanned  ")).toBe(true);
    expect(last.endsWith("\x1b[K\n")).toBe(true);
    expect(last).toMatch(/ 100% .* in \d+s/);
  });
});

describe("scan onProgress", () => {
  it("reports compressed bytes rising to the total, and the report's record count", async () => {
    const calls: ScanProgress[] = [];
    const { report } = await scan({
      inputs: ["big.jsonl", "big.jsonl.gz"],
      cwd: dir,
      onProgress: (p) => calls.push(p),
      progressEveryMs: 0,
    });
    const total = statSync(join(dir, "big.jsonl")).size + statSync(join(dir, "big.jsonl.gz")).size;
    expect(calls.length).toBeGreaterThan(2);
    for (let i = 1; i < calls.length; i++) {
      const [before, after] = [calls[i - 1] as ScanProgress, calls[i] as ScanProgress];
      expect(after.bytesDone).toBeGreaterThanOrEqual(before.bytesDone);
      expect(after.records).toBeGreaterThanOrEqual(before.records);
    }
    expect(calls.filter((p) => p.done)).toHaveLength(1);
    expect(calls.at(-1)).toMatchObject({
      done: true,
      bytesDone: total,
      bytesTotal: total,
      inputsDone: 2,
      inputsTotal: 2,
      records: report.totals.records,
      flagged: report.totals.flagged,
      findings: report.totals.hits,
    });
    expect(report.totals.records).toBe(2 * RECORDS);
  });

  it("ends at the same totals with worker threads", async () => {
    const calls: ScanProgress[] = [];
    const { report } = await scan({
      inputs: ["big.jsonl", "big.jsonl.gz"],
      cwd: dir,
      workers: 2,
      taskBytes: 64 << 10,
      onProgress: (p) => calls.push(p),
      progressEveryMs: 0,
    });
    const total = statSync(join(dir, "big.jsonl")).size + statSync(join(dir, "big.jsonl.gz")).size;
    const bytes = calls.map((p) => p.bytesDone);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(calls.at(-1)).toMatchObject({ done: true, bytesDone: total, records: report.totals.records });
  });

  it("has no total for stdin", async () => {
    const calls: ScanProgress[] = [];
    const bytes = Buffer.from('{"text":"I am ChatGPT."}\n{"text":"hello"}\n');
    await scan({
      inputs: ["-"],
      stdin: Readable.from([bytes]),
      onProgress: (p) => calls.push(p),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ bytesTotal: null, bytesDone: bytes.length, records: 2, done: true });
  });
});
