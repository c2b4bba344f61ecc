#!/usr/bin/env node
// `npm run bench`: times selfid against the tools a user would reach for instead (ripgrep, GNU grep,
// Python json+re, DuckDB SQL: ../shared/bench/baselines.sh), on the same generated corpora, in one
// run, and prints a table and the performance goals of issue 5 as met / not met.
//
//   npm run bench -- [--runs 3] [--size 256M | --quick] [--dir DIR] [--no-memory]
//                    [--memory-size 1G] [--seed 1] [--no-build]
//
// Each tool is a whole process, timed from outside (wall clock here, peak RSS from GNU time), so
// start-up counts for every tool alike. The jobs of one round run one after another, the order
// rotated each round, and the median of the rounds is quoted with its min and max: these machines
// are shared and noisy, and a slow minute then hits every tool rather than one. Corpora are made by
// ../shared/bench/make-corpus.py into a cache outside the repo and reused when their parameters
// match. Results also go to bench/results/DATE.json. Not part of `npm test` or CI.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fail, GNU_TIME, has, log, ROOT, SELFID, SHARED } from "./bench/common.mjs";
import { makeCorpora, warm } from "./bench/corpora.mjs";
import { baselineJobs, runJob, runRounds, selfidJob } from "./bench/runner.mjs";
import { goals, report, summarize, writeResults } from "./bench/table.mjs";

const USAGE = `usage: npm run bench -- [options]

  --runs N           rounds; the median is reported (default 3)
  --size SIZE        size of each corpus, e.g. 256M, 1G (default 256M)
  --quick            a smoke run: --size 16M (memory rows at 4 x size)
  --dir DIR          corpus cache (default \${TMPDIR:-/tmp}/selfid-bench)
  --no-memory        skip the peak-RSS rows on the large JSONL and JSON array
  --memory-size SIZE size of the memory rows' corpora (default 4 x --size: 1G)
  --seed N           make-corpus.py seed (default 1)
  --no-build         do not run \`npm run build\` first (dist/ must exist)
  -h, --help         this text
`;

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)B?$/i.exec(text);
  if (!m) fail(`bad size ${JSON.stringify(text)}: expected a number with K, M or G, e.g. 256M`);
  return Math.round(Number(m[1]) * { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[m[2].toUpperCase()]);
}

/** The shortest exact label make-corpus.py reads back as the same byte count (1073741824 → "1G"). */
function sizeLabel(bytes) {
  for (const [unit, scale] of [
    ["G", 2 ** 30],
    ["M", 2 ** 20],
    ["K", 2 ** 10],
  ]) {
    if (bytes % scale === 0) return `${bytes / scale}${unit}`;
  }
  return String(bytes);
}

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        runs: { type: "string", default: "3" },
        size: { type: "string" },
        quick: { type: "boolean", default: false },
        dir: { type: "string", default: join(process.env.TMPDIR || "/tmp", "selfid-bench") },
        "no-memory": { type: "boolean", default: false },
        "memory-size": { type: "string" },
        seed: { type: "string", default: "1" },
        "no-build": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const runs = Number(parsed.runs);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs ${parsed.runs}: expected a whole number ≥ 1`);
  if (!/^\d+$/.test(parsed.seed)) fail(`--seed ${parsed.seed}: expected a whole number`);
  const size = parseSize(parsed.size ?? (parsed.quick ? "16M" : "256M"));
  const memorySize = parsed["memory-size"] ? parseSize(parsed["memory-size"]) : 4 * size;
  return {
    runs,
    size: sizeLabel(size),
    memorySize: sizeLabel(memorySize),
    dir: parsed.dir,
    memory: !parsed["no-memory"],
    seed: parsed.seed,
    build: !parsed["no-build"],
  };
}

// ---------------------------------------------------------------------------------------------
// Preconditions
// ---------------------------------------------------------------------------------------------

function checkPrerequisites(options) {
  for (const file of ["make-corpus.py", "python_filter.py", "duckdb_filter.mjs", "names.txt"]) {
    if (!existsSync(join(SHARED, file))) {
      fail(
        `${join(SHARED, file)} not found: the bench needs ../shared/bench (corpus generator and baselines) beside the repo`,
      );
    }
  }
  if (!existsSync(GNU_TIME))
    fail(`${GNU_TIME} not found: install GNU time (Debian package time) for peak RSS`);
  if (!has("python3")) fail("python3 not found: make-corpus.py and the Python baseline need it");
  if (options.build) {
    log("npm run build");
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (built.status !== 0)
      fail("npm run build failed; fix the build or pass --no-build to time the dist/ as it is");
  } else if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    fail("dist/cli/main.js not found: run `npm run build` or drop --no-build");
  }
}

/** Whether @duckdb/node-api resolves from the repo and its native binding loads on this platform. */
async function duckdbAvailable() {
  try {
    await import(createRequire(join(ROOT, "package.json")).resolve("@duckdb/node-api"));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const options = readOptions(process.argv.slice(2));
checkPrerequisites(options);
const corpora = await makeCorpora(options, options.memory);
const outDir = join(options.dir, "out");
mkdirSync(outDir, { recursive: true });
const timeFile = join(outDir, "time.txt");

const help = spawnSync(process.execPath, [SELFID, "scan", "--help"], { encoding: "utf8" }).stdout ?? "";
const hasWorkers = /--workers\b/.test(help);
const duckdb = await duckdbAvailable();
const skipped = [];
if (!duckdb) skipped.push("duckdb: @duckdb/node-api does not load here (npm install; linux-x64 builds only)");
const rgTools = has("rg") ? ["rg"] : [];
if (!has("rg")) skipped.push("ripgrep: rg not found (Debian package ripgrep)");

const jobs = [
  selfidJob(corpora.chat, outDir),
  ...baselineJobs(corpora.chat, [...rgTools, "grep", "python", ...(duckdb ? ["duckdb"] : [])]),
  ...(hasWorkers
    ? [
        selfidJob(corpora.chat, outDir, ["--workers", "1"], "selfid --workers 1"),
        selfidJob(corpora.chat, outDir, ["--workers", "2"], "selfid --workers 2"),
      ]
    : []),
  selfidJob(corpora.ascii, outDir),
  ...baselineJobs(corpora.ascii, [...rgTools, "grep"]),
  selfidJob(corpora.text, outDir),
  ...baselineJobs(corpora.text, [...rgTools, "grep", "python"]),
  ...(corpora.zst ? [selfidJob(corpora.zst, outDir)] : []),
];
log(`warming the page cache`);
for (const c of new Set(jobs.map((j) => j.corpus))) await warm(c.path);
const samples = await runRounds(jobs, options.runs, timeFile);

// Peak RSS hardly varies from run to run, and one run of each takes minutes, so these run once.
const memoryJobs = options.memory
  ? [selfidJob(corpora.bigJsonl, outDir), selfidJob(corpora.bigArray, outDir)]
  : [];
const memorySamples = [];
for (const job of memoryJobs) {
  await warm(job.corpus.path);
  log(`memory: selfid on ${job.corpus.label}`);
  memorySamples.push([{ round: 0, ...(await runJob(job, timeFile)) }]);
}

const rows = [...summarize(jobs, samples), ...summarize(memoryJobs, memorySamples)];
const context = {
  chatLabel: corpora.chat.label,
  memorySize: options.memorySize,
  memory: options.memory,
  hasWorkers,
};
const goalList = goals(rows, context);
process.stdout.write(report(rows, goalList, options, skipped));
const resultFile = await writeResults({ options, hasWorkers, skipped, corpora, rows, goalList });
process.stdout.write(`\nresults: ${resultFile}\n`);
process.exitCode = rows.some((r) => r.failures.length) ? 1 : 0;
