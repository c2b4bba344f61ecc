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

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
} from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = join(ROOT, "..", "shared", "bench");
const GNU_TIME = "/usr/bin/time";
const SELFID = join(ROOT, "bin", "selfid.js");

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

const fail = (message) => {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
};
const log = (message) => process.stderr.write(`bench: ${message}\n`);

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
// Preconditions and corpora
// ---------------------------------------------------------------------------------------------

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

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

async function ensureFile(path, what, make) {
  if (existsSync(path)) return;
  log(`making ${what} → ${path}`);
  const part = `${path}.part`;
  await make(part);
  renameSync(part, path);
}

function runOrFail(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", 2, 2] });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

/** Streams a JSONL file into one JSON array, one element per line, without holding it in memory. */
async function jsonlToArray(src, dst) {
  await pipeline(
    createReadStream(src, { highWaterMark: 1 << 20 }),
    async function* (chunks) {
      yield "[\n";
      // A chunk's final newline may be the file's last, which closes the array instead of
      // separating two elements, so it is written only once the next chunk shows which it is.
      let pending = false;
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        if (pending) yield ",\n";
        const endsLine = chunk[chunk.length - 1] === 0x0a;
        const body = endsLine ? chunk.subarray(0, chunk.length - 1) : chunk;
        // latin1 maps bytes 1:1, so the UTF-8 inside passes through untouched.
        yield Buffer.from(body.toString("latin1").replaceAll("\n", ",\n"), "latin1");
        pending = endsLine;
      }
      yield "\n]\n";
    },
    createWriteStream(dst),
  );
}

async function makeCorpora(options, withMemory) {
  mkdirSync(options.dir, { recursive: true });
  const generator = join(SHARED, "make-corpus.py");
  // The generator's hash is part of each name, so a changed generator never reuses old corpora.
  const gen = createHash("sha256").update(readFileSync(generator)).digest("hex").slice(0, 8);
  const name = (shape, size, extra) =>
    join(options.dir, `${shape}-${size}-seed${options.seed}${extra}-${gen}`);
  const make = (out, size, ...extra) =>
    runOrFail("python3", [generator, "--out", out, "--size", size, "--seed", options.seed, ...extra]);
  const corpus = async (key, label, path, maker, extra = {}) => {
    await ensureFile(path, label, maker);
    return { key, label, path, bytes: statSync(path).size, ...extra };
  };
  const chatPath = `${name("chat", options.size, "")}.jsonl`;
  const chat = await corpus("chat", `chat ${options.size}`, chatPath, (p) => make(p, options.size));
  const ascii = await corpus(
    "ascii",
    `chat ${options.size} --ascii`,
    `${name("chat", options.size, "-ascii")}.jsonl`,
    (p) => make(p, options.size, "--ascii"),
  );
  const text = await corpus("text", `text ${options.size}`, `${name("text", options.size, "")}.jsonl`, (p) =>
    make(p, options.size, "--shape", "text"),
  );
  const corpora = { chat, ascii, text };
  if (has("zstd")) {
    corpora.zst = await corpus(
      "zst",
      `chat ${options.size} .zst`,
      `${chatPath}.zst`,
      (p) => runOrFail("zstd", ["-3", "-q", "-f", chatPath, "-o", p]),
      { uncompressedBytes: chat.bytes },
    );
  } else {
    log("zstd not found: skipping the .jsonl.zst corpus (Debian package zstd)");
  }
  if (withMemory) {
    const bigPath = `${name("chat", options.memorySize, "")}.jsonl`;
    corpora.bigJsonl = await corpus("bigJsonl", `chat ${options.memorySize} JSONL`, bigPath, (p) =>
      make(p, options.memorySize),
    );
    corpora.bigArray = await corpus(
      "bigArray",
      `chat ${options.memorySize} JSON array`,
      `${name("chat", options.memorySize, "")}.json`,
      (p) => jsonlToArray(bigPath, p),
    );
  }
  return corpora;
}

/** Reads a file once so that no tool pays for the first read from disk. */
async function warm(path) {
  for await (const _ of createReadStream(path, { highWaterMark: 4 << 20 })) {
    // reading is the point
  }
}

// ---------------------------------------------------------------------------------------------
// Jobs and timing
// ---------------------------------------------------------------------------------------------

const countLine = (stdout) => {
  const n = Number.parseInt(stdout.trim().split("\n").pop() ?? "", 10);
  return Number.isNaN(n) ? null : n;
};

function selfidJob(corpus, outDir, extra = [], tool = "selfid") {
  const tag = `${corpus.key}${extra.join("")}`;
  const report = join(outDir, `report-${tag}.json`);
  return {
    tool,
    corpus,
    cmd: process.execPath,
    // --json only adds the small report that tells the flagged-record count; the scan is the default.
    args: [
      SELFID,
      "scan",
      corpus.path,
      "-q",
      "--hits",
      join(outDir, `hits-${tag}.jsonl`),
      "--json",
      report,
      ...extra,
    ],
    okExits: [0],
    records: () => JSON.parse(readFileSync(report, "utf8")).totals.flagged,
  };
}

function baselineJobs(corpus, tools) {
  const names = join(SHARED, "names.txt");
  const all = {
    rg: { tool: "ripgrep -F -i names", cmd: "rg", args: ["-c", "-i", "-F", "-f", names, corpus.path] },
    grep: {
      tool: "GNU grep -F -i names",
      cmd: "grep",
      args: ["-c", "-i", "-F", "-f", names, corpus.path],
      env: { LC_ALL: "C.UTF-8" },
    },
    python: { tool: "python json+re", cmd: "python3", args: [join(SHARED, "python_filter.py"), corpus.path] },
    duckdb: {
      tool: "duckdb sql (2 threads)",
      cmd: process.execPath,
      args: [join(SHARED, "duckdb_filter.mjs"), corpus.path, "2"],
    },
  };
  // rg and grep exit 1 when nothing matched, which is an answer, not a failure.
  return tools.map((t) => ({
    ...all[t],
    corpus,
    okExits: t === "rg" || t === "grep" ? [0, 1] : [0],
    records: null,
  }));
}

/** Runs one command under GNU time; resolves wall seconds (measured here), peak RSS and output. */
function timed(job, timeFile) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(GNU_TIME, ["-o", timeFile, "-f", "%e %M", job.cmd, ...job.args], {
      cwd: ROOT,
      env: { ...process.env, ...job.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout = (stdout + d).slice(-4096);
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr = (stderr + d).slice(-4096);
    });
    child.on("error", (error) => resolve({ exit: -1, stderr: error.message }));
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
      const rssKiB = Number(/(\d+)$/.exec(last)?.[1] ?? Number.NaN);
      resolve({ exit: code ?? -1, seconds, rssMB: (rssKiB * 1024) / 1e6, stdout, stderr });
    });
  });
}

async function runJob(job, timeFile) {
  const r = await timed(job, timeFile);
  if (!job.okExits.includes(r.exit)) {
    return { ok: false, exit: r.exit, error: r.stderr.trim().split("\n").slice(-3).join(" | ") };
  }
  const records = job.records ? job.records() : r.exit === 1 ? 0 : countLine(r.stdout);
  return { ok: true, seconds: r.seconds, rssMB: r.rssMB, records };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function runRounds(jobs, runs, timeFile) {
  const samples = jobs.map(() => []);
  for (let round = 0; round < runs; round++) {
    // Rotate the order each round so no tool always runs first, or right after the slowest one.
    const order = jobs.map((_, i) => (i + round) % jobs.length);
    for (const [step, i] of order.entries()) {
      const job = jobs[i];
      log(`round ${round + 1}/${runs} [${step + 1}/${jobs.length}] ${job.tool} on ${job.corpus.label}`);
      samples[i].push({ round, ...(await runJob(job, timeFile)) });
    }
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Summary, table and goals
// ---------------------------------------------------------------------------------------------

function summarize(jobs, samples) {
  const rows = jobs.map((job, i) => {
    const ok = samples[i].filter((s) => s.ok);
    const secs = ok.map((s) => s.seconds);
    const mb = (job.corpus.uncompressedBytes ?? job.corpus.bytes) / 1e6;
    return {
      tool: job.tool,
      corpus: job.corpus.label,
      corpusKey: job.corpus.key,
      command: [job.cmd, ...job.args].join(" "),
      runs: samples[i].length,
      failures: samples[i].filter((s) => !s.ok),
      seconds: ok.length ? { median: median(secs), min: Math.min(...secs), max: Math.max(...secs) } : null,
      mbps: ok.length ? mb / median(secs) : null,
      peakRssMB: ok.length ? Math.max(...ok.map((s) => s.rssMB)) : null,
      records: ok.length ? ok[ok.length - 1].records : null,
      samples: samples[i],
      ratio: null,
    };
  });
  // selfid's speed as a multiple of each row's, paired round by round on the same corpus
  // (= row seconds / selfid seconds), so drift of the machine between rounds cancels out.
  for (const [i, row] of rows.entries()) {
    const base = rows.findIndex((r) => r.tool === "selfid" && r.corpusKey === row.corpusKey);
    if (base < 0) continue;
    const pairs = samples[i]
      .map((s) => [s, samples[base].find((b) => b.round === s.round)])
      .filter(([s, b]) => s.ok && b?.ok)
      .map(([s, b]) => s.seconds / b.seconds);
    row.ratio = pairs.length ? median(pairs) : null;
  }
  return rows;
}

const fmt = (x, digits = 2) => (x == null || Number.isNaN(x) ? "—" : x.toFixed(digits));
const fmtRatio = (x) =>
  x == null ? "—" : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2);

function table(rows) {
  const head = ["tool", "corpus", "seconds median (min–max)", "MB/s", "selfid ×", "peak RSS MB", "records"];
  const body = rows.map((r) => [
    r.tool,
    r.corpus,
    r.seconds
      ? `${fmt(r.seconds.median)} (${fmt(r.seconds.min)}–${fmt(r.seconds.max)})`
      : `failed (exit ${r.failures[0]?.exit}): ${(r.failures[0]?.error ?? "").slice(0, 60)}`,
    fmt(r.mbps, 1),
    fmtRatio(r.ratio),
    fmt(r.peakRssMB, 0),
    r.records == null ? "—" : String(r.records),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells) =>
    cells
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function goals(rows, context) {
  const find = (tool, key) => rows.find((r) => r.tool === tool && r.corpusKey === key && r.seconds);
  const selfid = find("selfid", "chat");
  const vs = (tool, target, name) => {
    const other = find(tool, "chat");
    const goal = `on ${context.chatLabel}, selfid MB/s ≥ ${target.toFixed(1)}× ${name}'s`;
    if (!selfid || !other) return { goal, target, value: null, met: null, detail: "n/a (not measured)" };
    return {
      goal,
      target,
      value: other.ratio,
      met: other.ratio >= target,
      detail: `${fmtRatio(other.ratio)}× (${fmt(selfid.mbps, 1)} vs ${fmt(other.mbps, 1)} MB/s)`,
    };
  };
  const out = [
    vs("duckdb sql (2 threads)", 1.0, "DuckDB SQL (2 threads)"),
    vs("ripgrep -F -i names", 0.5, "ripgrep"),
    vs("python json+re", 10, "Python json+re"),
  ];
  const w1 = find("selfid --workers 1", "chat");
  const w2 = find("selfid --workers 2", "chat");
  const workersGoal = `on ${context.chatLabel}, speed-up from 1 to 2 workers ≥ 1.7×`;
  if (!context.hasWorkers) {
    out.push({ goal: workersGoal, target: 1.7, value: null, met: null, detail: "n/a (no --workers yet)" });
  } else if (w1 && w2) {
    const pairs = w1.samples
      .map((s) => [s, w2.samples.find((b) => b.round === s.round)])
      .filter(([s, b]) => s.ok && b?.ok)
      .map(([s, b]) => s.seconds / b.seconds);
    const speedup = median(pairs);
    out.push({
      goal: workersGoal,
      target: 1.7,
      value: speedup,
      met: speedup >= 1.7,
      detail: `${fmt(speedup)}× (${fmt(w1.mbps, 1)} → ${fmt(w2.mbps, 1)} MB/s)`,
    });
  } else {
    out.push({
      goal: workersGoal,
      target: 1.7,
      value: null,
      met: null,
      detail: "n/a (a --workers run failed)",
    });
  }
  for (const key of ["bigJsonl", "bigArray"]) {
    const what = key === "bigJsonl" ? "JSONL" : "JSON array";
    const goal = `peak RSS ≤ 300 MB on a ${context.memorySize} ${what}`;
    const row = find("selfid", key);
    if (!row) {
      const why = context.memory ? "n/a (the run failed)" : "n/a (--no-memory)";
      out.push({ goal, target: 300, value: null, met: null, detail: why });
      continue;
    }
    out.push({
      goal,
      target: 300,
      value: row.peakRssMB,
      met: row.peakRssMB <= 300,
      detail: `${fmt(row.peakRssMB, 0)} MB (on ${context.chatLabel} JSONL: ${fmt(selfid?.peakRssMB, 0)} MB)`,
    });
  }
  return out;
}

function gitState() {
  const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return { commit: null, dirty: null };
  return { commit: head.stdout.trim(), dirty: git("status", "--porcelain").stdout.trim() !== "" };
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
const mark = (m) => (m === true ? "[met]    " : m === false ? "[not met]" : "[n/a]    ");

const lines = [
  "",
  `selfid bench — ${options.runs} round${options.runs > 1 ? "s" : ""}, median (min–max) wall seconds per whole process;`,
  "MB/s = corpus MB (10^6 bytes; .zst: uncompressed) / median seconds; selfid × = selfid's speed as a",
  "multiple of the row's on the same corpus (median of per-round pairs); records = matching records",
  "(selfid: flagged; rg/grep: lines with a name, blind to \\u escapes; python, duckdb: their filter).",
  "",
  table(rows),
  "",
  "goals:",
  ...goalList.map((g) => `  ${mark(g.met)} ${g.goal}: ${g.detail}`),
  ...(options.size !== "256M"
    ? [`  (corpora of ${options.size}: the goals are set for 256M chat JSONL and 1G memory rows)`]
    : []),
  ...skipped.map((s) => `  skipped ${s}`),
];
process.stdout.write(`${lines.join("\n")}\n`);

const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, "Z")
  .replaceAll(":", "-");
const resultsDir = join(ROOT, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const resultFile = join(resultsDir, `${stamp}.json`);
const result = {
  schema: "selfid.bench/1",
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryBytes: totalmem(),
    node: process.version,
  },
  git: gitState(),
  options,
  selfidHasWorkers: hasWorkers,
  skipped,
  corpora: Object.values(corpora).map(({ key, label, path, bytes, uncompressedBytes }) => ({
    key,
    label,
    path,
    bytes,
    uncompressedBytes: uncompressedBytes ?? bytes,
  })),
  rows: rows.map(({ corpusKey: _, ...row }) => row),
  goals: goalList,
};
const out = createWriteStream(resultFile);
out.end(`${JSON.stringify(result, null, 2)}\n`);
await new Promise((resolve) => out.on("finish", resolve));
process.stdout.write(`\nresults: ${resultFile}\n`);
process.exitCode = rows.some((r) => r.failures.length) ? 1 : 0;
