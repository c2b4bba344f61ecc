#!/usr/bin/env node
// `npm run soak`: streams 10 GB of chat JSONL through `selfid scan - --emit DIR` and records the
// process's memory every second, to show that RSS stays flat however much goes through (issue 7).
//
//   npm run soak -- [--gb 10 | --quick] [--mode emit|workers] [--compression zstd|gzip|none]
//                   [--dir DIR] [--seed 1] [--keep] [--no-build] [--from RESULTS.json]
//
// emit (default): ../shared/bench/make-corpus.py writes the records into a named pipe, this script
// counts their bytes and lines on the way, and selfid reads them on stdin and writes DIR/clean/ and
// DIR/flagged/ (zstd by default, so 10 GB in is ~3 GB out). The outputs are not sharded and
// deleted as they fill: selfid keeps every shard of an input as `.NAME.partial` until the input
// ends, then renames them all, so a shard removed early would fail that rename. workers: one
// generated file given N times (hard links), scanned without --emit by a pool of worker threads
// (stdin with --emit is read and written by one thread). Either way the script
// samples /proc/PID/status of selfid (and of any child) once a second, then checks the run's
// report, manifest and outputs against what it was fed, and prints RSS after warm-up (min, median,
// max), its slope in MB per GB fed, a verdict and a sparkline. Every sample goes to
// bench/results/soak-DATE.json. Not part of `npm test` or CI.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statfsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { has, ROOT, SELFID } from "./bench/common.mjs";
import { GENERATOR } from "./soak/feed.mjs";
import { procAvailable } from "./soak/proc.mjs";
import { fail, log, soakEmit, soakWorkers } from "./soak/run.mjs";
import { sparkline, summarize, summaryText, writeResults } from "./soak/summary.mjs";

const USAGE = `usage: npm run soak -- [options]

  --gb N              GB (10^9 bytes) to feed (default 10)
  --quick             a smoke run: --gb 0.5
  --mode MODE         emit: stdin through scan --emit, one thread (default);
                      workers: a file given many times, scan only, --workers N
  --compression C     emit: --emit-compression zstd|gzip|none (default zstd)
  --workers N         workers mode: worker threads (default 2)
  --pool-gb N         workers mode: size of the file given ceil(gb / N) times (default 1)
  --claim-rate R      planted self-introductions per record (default 0.01)
  --seed N            make-corpus.py seed (default 1)
  --warmup F          fraction of the bytes before RSS counts (default 0.05)
  --warmup-s S        and seconds before RSS counts, whichever ends later (default 150)
  --cooldown F        fraction of the bytes at the end left out (default 0.02)
  --max-band MB       flat: RSS max - min after warm-up at most this (default 64)
  --max-growth MB     flat: fitted RSS growth after warm-up at most this (default 16)
  --min-seconds S     fewer seconds after warm-up give "inconclusive" (default 180)
  --interval S        seconds between samples (default 1)
  --node-arg ARG      pass ARG to selfid's node, e.g. --node-arg=--heap-prof (repeatable)
  --dir DIR           work directory (default \${TMPDIR:-/tmp}/selfid-soak)
  --keep              keep the emitted files, hits and report (default: removed once checked)
  --from FILE         summarise a results file again (other --warmup or bounds), no run
  --selfid PATH       the selfid bin to run, e.g. a patched copy's (implies --no-build;
                      default: this repo's bin/selfid.js)
  --no-build          do not run \`npm run build\` first (dist/ must exist)
  -h, --help          this text
`;

function readOptions(argv) {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        gb: { type: "string" },
        quick: { type: "boolean", default: false },
        mode: { type: "string", default: "emit" },
        compression: { type: "string", default: "zstd" },
        workers: { type: "string", default: "2" },
        "pool-gb": { type: "string", default: "1" },
        "claim-rate": { type: "string", default: "0.01" },
        seed: { type: "string", default: "1" },
        warmup: { type: "string", default: "0.05" },
        "warmup-s": { type: "string", default: "150" },
        cooldown: { type: "string", default: "0.02" },
        "max-band": { type: "string", default: "64" },
        "max-growth": { type: "string", default: "16" },
        interval: { type: "string", default: "1" },
        "min-seconds": { type: "string", default: "180" },
        "node-arg": { type: "string", multiple: true, default: [] },
        dir: { type: "string", default: join(process.env.TMPDIR || "/tmp", "selfid-soak") },
        keep: { type: "boolean", default: false },
        from: { type: "string" },
        selfid: { type: "string" },
        "no-build": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  if (v.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const num = (name, text, ok) => {
    const x = Number(text);
    if (text === "" || !Number.isFinite(x) || !ok(x)) fail(`--${name} ${text}: out of range`);
    return x;
  };
  if (!["emit", "workers"].includes(v.mode)) fail(`--mode ${v.mode}: expected emit or workers`);
  if (!["zstd", "gzip", "none"].includes(v.compression))
    fail(`--compression ${v.compression}: expected zstd, gzip or none`);
  if (!/^\d+$/.test(v.seed)) fail(`--seed ${v.seed}: expected a whole number`);
  return {
    gb: num("gb", v.gb ?? (v.quick ? "0.5" : "10"), (x) => x > 0),
    mode: v.mode,
    compression: v.compression,
    workers: num("workers", v.workers, (x) => Number.isInteger(x) && x >= 1),
    poolGb: num("pool-gb", v["pool-gb"], (x) => x > 0),
    claimRate: num("claim-rate", v["claim-rate"], (x) => x >= 0 && x <= 1),
    seed: v.seed,
    warmup: num("warmup", v.warmup, (x) => x >= 0 && x < 1),
    warmupS: num("warmup-s", v["warmup-s"], (x) => x >= 0),
    cooldown: num("cooldown", v.cooldown, (x) => x >= 0 && x < 0.5),
    maxBand: num("max-band", v["max-band"], (x) => x > 0),
    maxGrowth: num("max-growth", v["max-growth"], (x) => x > 0),
    intervalMs: 1000 * num("interval", v.interval, (x) => x >= 0.1),
    minSeconds: num("min-seconds", v["min-seconds"], (x) => x >= 0),
    nodeArgs: v["node-arg"],
    dir: v.dir,
    keep: v.keep,
    from: v.from,
    selfid: resolve(v.selfid ?? SELFID),
    build: !v["no-build"] && v.selfid === undefined,
  };
}

function checkPrerequisites(options) {
  if (!existsSync(GENERATOR)) fail(`${GENERATOR} not found: the soak needs ../shared/bench beside the repo`);
  if (!has("python3")) fail("python3 not found: make-corpus.py needs it");
  if (!procAvailable()) fail("/proc/PID/status not readable: the soak samples memory from Linux's /proc");
  if (options.build) {
    log("npm run build");
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (built.status !== 0) fail("npm run build failed; fix the build or pass --no-build");
  } else if (!existsSync(join(dirname(options.selfid), "..", "dist", "cli", "main.js"))) {
    fail(`dist/cli/main.js not found beside ${options.selfid}: run \`npm run build\` or drop --no-build`);
  }
  mkdirSync(options.dir, { recursive: true });
  // zstd level 3 leaves about 30% of this generator's JSONL, gzip about 35%; without compression
  // the outputs are as big as the input. Hits take ~0.5%. Half as much again to spare.
  const outRatio = options.mode === "workers" ? 0 : { zstd: 0.35, gzip: 0.4, none: 1 }[options.compression];
  const need =
    1.5 * (options.gb * 1e9 * (outRatio + 0.01) + (options.mode === "workers" ? options.poolGb * 1e9 : 0));
  const { bavail, bsize } = statfsSync(options.dir);
  if (bavail * bsize < need) {
    fail(
      `${options.dir}: ${((bavail * bsize) / 1e9).toFixed(1)} GB free, the run needs about ${(need / 1e9).toFixed(1)} GB; ` +
        "use --compression zstd, a smaller --gb, or --dir elsewhere",
    );
  }
}

/** The summary of `run` under the bounds of `options`, and the text that says it. */
function conclude(run, options) {
  const summary = summarize(run.samples, {
    totalBytes: run.fed.bytes,
    records: run.fed.lines,
    warmup: options.warmup,
    warmupS: options.warmupS,
    cooldown: options.cooldown,
    maxBand: options.maxBand,
    maxGrowth: options.maxGrowth,
    minSeconds: options.minSeconds,
  });
  const text = `${summaryText(summary, run.checks, run.label)}${sparkline(run.samples, summary)}\n`;
  // Exit 0 for a run whose outputs check out and whose RSS is flat, or too short to judge (--quick).
  const judged = summary.verdict === "flat" || summary.verdict === "inconclusive";
  return { summary, text, ok: judged && run.checks.every((c) => c.ok) };
}

const options = readOptions(process.argv.slice(2));
if (options.from) {
  // The samples stay as measured; only the summary (warm-up, bounds) is worked out again.
  const saved = JSON.parse(readFileSync(options.from, "utf8"));
  const { text, ok } = conclude(saved, options);
  process.stdout.write(text);
  const load = (l) => (l ?? []).map((x) => x.toFixed(1)).join(" ");
  process.stdout.write(
    `\nfrom ${options.from} (${saved.date}; load average ${load(saved.loadAverageAtStart)} at the start, ` +
      `${load(saved.machine?.loadAverageAtEnd)} at the end)\n`,
  );
  process.exit(ok ? 0 : 1);
}
checkPrerequisites(options);
const loadAtStart = loadavg();
const run = options.mode === "emit" ? await soakEmit(options) : await soakWorkers(options);
const { summary, text, ok } = conclude(run, options);
process.stdout.write(text);
const load = (l) => l.map((x) => x.toFixed(1)).join(" ");
process.stdout.write(
  `\nmachine: ${cpus().length} CPUs, load average ${load(loadAtStart)} at the start, ${load(loadavg())} at the end\n`,
);
const file = writeResults({
  options,
  loadAverageAtStart: loadAtStart,
  mode: options.mode,
  label: run.label,
  command: run.command,
  fed: run.fed,
  totals: run.totals,
  summary,
  checks: run.checks,
  files: run.files,
  samples: run.samples,
});
process.stdout.write(`\nresults: ${file}\n`);
process.exitCode = ok ? 0 : 1;
