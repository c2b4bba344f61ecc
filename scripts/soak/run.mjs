// The two soaks: each starts selfid, samples its memory while it runs, and checks what it wrote
// against what it was fed.

import { spawn } from "node:child_process";
import { closeSync, createReadStream, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { LineCounter, makePool, startGenerator } from "./feed.mjs";
import { readBytesRead, startSampler } from "./proc.mjs";
import { countFileLines, readPlanted, verifyEmit, verifyPool } from "./verify.mjs";

/** Progress on stderr, so stdout is only the summary. */
export const log = (message) => process.stderr.write(`soak: ${message}\n`);

/** Prints `soak: message` and exits 2 (a set-up problem, or selfid failed). */
export const fail = (message) => {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
};

/**
 * Runs selfid with `args` in `work`, sampling its memory; `bytes(pid)` tells the bytes fed so far.
 * Its stdout goes to `work/selfid.stdout` (empty with -q; V8's --trace-gc writes there).
 */
function runSampled(options, work, args, stdin, bytes) {
  const stdout = openSync(join(work, "selfid.stdout"), "w");
  const child = spawn(process.execPath, [...options.nodeArgs, options.selfid, ...args], {
    cwd: work,
    stdio: [stdin, stdout, "pipe"],
  });
  closeSync(stdout);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d) => {
    stderr = (stderr + d).slice(-8192);
  });
  let lastLog = 0;
  const sampler = startSampler(
    child.pid,
    () => bytes(child.pid),
    options.intervalMs,
    (s) => {
      if (s.t - lastLog < 10) return;
      lastLog = s.t;
      const mbps = s.bytes / 1e6 / s.t;
      log(
        `${s.t.toFixed(0)} s  ${(s.bytes / 1e9).toFixed(2)} GB  ${mbps.toFixed(1)} MB/s  RSS ${s.rssMB.toFixed(0)} MB (VmHWM ${s.hwmMB.toFixed(0)})`,
      );
    },
  );
  const exited = new Promise((resolve) => {
    child.on("error", (error) => resolve({ exit: -1, stderr: error.message }));
    child.on("close", (code, signal) => {
      sampler.stop();
      resolve({ exit: code ?? signal, stderr: stderr.trim() });
    });
  });
  return { child, sampler, exited };
}

/** The emit soak: generated JSONL on stdin through `scan - --emit`, one thread. */
export async function soakEmit(options) {
  const work = join(options.dir, "emit");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const outDir = join(work, "out");
  const report = join(work, "report.json");
  const truth = join(work, "truth.jsonl");
  const bytes = Math.round(options.gb * 1e9);
  const fifo = join(work, "feed.fifo");
  const gen = startGenerator({ bytes, seed: options.seed, claimRate: options.claimRate, truth, fifo });
  const args = ["scan", "-", "--emit", outDir, "--emit-compression", options.compression];
  args.push("--json", report, "-q");
  const counter = new LineCounter();
  const run = runSampled(options, work, args, "pipe", () => counter.bytes);
  log(`${gen.command.join(" ")} | node ${[...options.nodeArgs, options.selfid, ...args].join(" ")}`);
  // selfid may stop reading (it failed): the pipe then breaks, and its exit says why.
  const source = createReadStream(fifo, { highWaterMark: 1 << 20 });
  const fed = await pipeline(source, counter, run.child.stdin).then(
    () => null,
    (error) => error,
  );
  const [generated, selfid] = await Promise.all([gen.done, run.exited]);
  if (selfid.exit !== 0)
    fail(`selfid exited ${selfid.exit}: ${selfid.stderr.split("\n").slice(-5).join(" | ")}`);
  if (fed) fail(`feeding selfid failed: ${fed.message}`);
  if (generated.exit !== 0) fail(`make-corpus.py exited ${generated.exit}: ${generated.stderr}`);
  log("checking the report, the manifest and every emitted file");
  const reportJson = JSON.parse(readFileSync(report, "utf8"));
  const verified = await verifyEmit({
    report: reportJson,
    outDir,
    fed: { bytes: counter.bytes, lines: counter.lines },
    generator: generated.summary,
    planted: readPlanted(truth),
    minRecall: 0.99,
  });
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  return {
    command: `${gen.command.join(" ")} | selfid ${args.join(" ")}`,
    fed: { bytes: counter.bytes, lines: counter.lines },
    totals: reportJson.totals,
    samples: run.sampler.samples,
    ...verified,
    label: `${options.gb} GB of chat JSONL on stdin through scan --emit (--emit-compression ${options.compression})`,
  };
}

/** The worker-pool soak: one generated file given many times to `scan --workers N`, no --emit. */
export async function soakWorkers(options) {
  const poolBytes = Math.round(options.poolGb * 1e9);
  const copies = Math.max(1, Math.ceil((options.gb * 1e9) / poolBytes));
  const pool = makePool({ ...options, bytes: poolBytes, copies, log });
  // Counting the lines reads the file once, so the page cache holds it before the clock starts.
  const { lines: poolLines } = await countFileLines(pool.file);
  const work = join(options.dir, "workers");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const report = join(work, "report.json");
  const hits = join(work, "hits.jsonl");
  const args = ["scan", ...pool.links, "--workers", String(options.workers), "--json", report];
  args.push("--hits", hits, "-q");
  // rchar: every byte selfid's threads read, the input's and a few MB of modules at start-up.
  const run = runSampled(options, work, args, "ignore", (pid) => readBytesRead(pid) ?? 0);
  log(
    `node ${[...options.nodeArgs, options.selfid, ...args.slice(0, 2)].join(" ")} … (${copies} links) ${args.slice(copies + 1).join(" ")}`,
  );
  const selfid = await run.exited;
  if (selfid.exit !== 0)
    fail(`selfid exited ${selfid.exit}: ${selfid.stderr.split("\n").slice(-5).join(" | ")}`);
  log("checking the report and hits");
  const reportJson = JSON.parse(readFileSync(report, "utf8"));
  const verified = await verifyPool({
    report: reportJson,
    links: pool.links,
    poolLines,
    hitsPath: hits,
    planted: readPlanted(pool.truth),
    minRecall: 0.99,
  });
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  rmSync(join(options.dir, "pool"), { recursive: true, force: true });
  return {
    command: `selfid scan ${pool.file} ×${copies} (hard links) ${args.slice(copies + 1).join(" ")}`,
    fed: { bytes: pool.bytes * copies, lines: poolLines * copies },
    totals: reportJson.totals,
    samples: run.sampler.samples,
    ...verified,
    label: `${((pool.bytes * copies) / 1e9).toFixed(2)} GB (a ${options.poolGb} GB file × ${copies}) through --workers ${options.workers}, scan only`,
  };
}
