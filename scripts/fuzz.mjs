#!/usr/bin/env node
// `npm run fuzz [-- --iterations N --seed S --keep]`: random valid corpora (JSONL, JSON arrays,
// text, Parquet; plain, .gz, .zst), one random mutation each, scanned twice by the built CLI
// (dist/) with --json and --emit, 20 cases a scan (--batch); the property
// (test/helpers/fuzz-property.mjs) must hold every time. Before the loop, one 200 MB single-line JSONL (skip with --no-huge). Exits 1 on any
// violation, printing the seed that reproduces it. Run `npm run build` first.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { run } from "../dist/cli/run.js";
import { checkScan, fuzzBatch } from "../test/helpers/fuzz-property.mjs";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "2000" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    keep: { type: "boolean", default: false },
    "no-huge": { type: "boolean", default: false },
    timeout: { type: "string", default: "60" },
    batch: { type: "string", default: "20" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`npm run fuzz -- [--iterations N] [--seed S] [--batch B] [--timeout SECONDS] [--no-huge] [--keep]
  --iterations N   mutated cases to check (default 2000)
  --seed S         the first case's seed (default: from the clock; printed, so a run can be repeated)
  --batch B        cases per scan (default 20); a violation names its case and seed either way
  --timeout S      a scan still running after S seconds is a hang (default 60)
  --no-huge        skip the 200 MB single-line case run first
  --keep           keep the temporary corpora`);
  process.exit(0);
}
const iterations = Number(values.iterations);
const seed = Number(values.seed);
const timeoutMs = Number(values.timeout) * 1000;
const batch = Math.max(1, Number(values.batch));
let done = 0;
if (!Number.isInteger(iterations) || iterations < 0 || !Number.isInteger(seed)) {
  console.error("fuzz: --iterations and --seed take whole numbers");
  process.exit(2);
}

/** The CLI in this process, with a deadline: a scan still running after it is a hang. */
async function runCli(argv, cwd) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no result after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([run(argv, { cwd, env: {} }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const root = mkdtempSync(join(tmpdir(), "selfid-fuzz-"));
const byKind = new Map();
const failures = [];
const started = Date.now();

if (!values["no-huge"]) {
  const dir = join(root, "huge");
  mkdirSync(dir);
  const fd = openSync(join(dir, "huge.jsonl"), "w");
  writeSync(fd, '{"text":"I am ChatGPT."}\n{"text":"');
  const chunk = Buffer.alloc(1 << 20, 0x61);
  for (let i = 0; i < 200; i++) writeSync(fd, chunk);
  writeSync(fd, '"}\n{"text":"after the huge line"}\n');
  closeSync(fd);
  const t = Date.now();
  const { violations, report } = await checkScan(runCli, dir, ["huge.jsonl"], { twice: false });
  const input = report?.inputs[0];
  if (input && (input.scanned !== 2 || input.errors !== 1)) violations.push(`huge: ${JSON.stringify(input)}`);
  console.log(
    `200 MB single line: ${violations.length ? "FAILED" : "ok"} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  if (violations.length) failures.push({ seed: "huge", kind: "jsonl:200MB-line", violations, dir });
  else rmSync(dir, { recursive: true, force: true });
}

// Cases go in batches: one scan compiles the patterns once for all the files of a batch.
for (let first = 0; first < iterations; first += batch) {
  const seeds = Array.from({ length: Math.min(batch, iterations - first) }, (_, i) => seed + first + i);
  const dir = join(root, `batch-${seeds[0]}`);
  mkdirSync(dir);
  let outcome;
  try {
    outcome = await fuzzBatch(runCli, dir, seeds);
  } catch (error) {
    const message = `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    outcome = { cases: [], bySeed: new Map(), general: [message] };
  }
  for (const c of outcome.cases) {
    byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    const violations = outcome.bySeed.get(c.seed) ?? [];
    if (violations.length > 0) {
      failures.push({ seed: c.seed, kind: c.kind, inputs: c.inputs, violations, dir });
      console.log(`FAIL seed ${c.seed} (${c.kind}): ${violations[0]}`);
    }
  }
  if (outcome.general.length > 0) {
    failures.push({ seed: seeds.join(","), kind: "batch", violations: outcome.general, dir });
    console.log(`FAIL batch of seeds ${seeds[0]}…${seeds.at(-1)}: ${outcome.general[0]}`);
  }
  const failed = outcome.general.length > 0 || outcome.cases.some((c) => outcome.bySeed.get(c.seed)?.length);
  if (!failed && !values.keep) rmSync(dir, { recursive: true, force: true });
  done += seeds.length;
  if (Math.floor(done / 100) > Math.floor((done - seeds.length) / 100)) {
    console.log(`${done}/${iterations} iterations, ${failures.length} failures`);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\nfuzz: ${iterations} iterations from seed ${seed} in ${seconds} s, ${failures.length} failures`,
);
console.log("cases by kind:");
for (const [kind, n] of [...byKind].sort()) console.log(`  ${kind.padEnd(36)} ${n}`);
for (const failure of failures) {
  console.log(`\nFAILED seed ${failure.seed} (${failure.kind}), files kept in ${failure.dir}`);
  if (failure.inputs) console.log(`  inputs: ${JSON.stringify(failure.inputs)}`);
  for (const violation of failure.violations) console.log(`  - ${violation}`);
  if (typeof failure.seed === "number") {
    console.log(`  reproduce: node scripts/fuzz.mjs --iterations 1 --seed ${failure.seed} --no-huge --keep`);
  }
}
if (failures.length === 0 && !values.keep) rmSync(root, { recursive: true, force: true });
process.exit(failures.length > 0 ? 1 : 0);
