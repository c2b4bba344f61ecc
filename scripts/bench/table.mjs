// What a run gives: the rows (medians, ratios), the table, the goals of issue 5, and the results
// file bench/results/DATE.json (schema selfid.bench/1).

import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "./common.mjs";
import { median } from "./runner.mjs";

/** One row per job: median, min and max seconds, MB/s, peak RSS, records, and the ratio to selfid. */
export function summarize(jobs, samples) {
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

/** The rows as an aligned text table. */
export function table(rows) {
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

/** The goals of issue 5, each met, not met, or n/a, with the numbers behind it. */
export function goals(rows, context) {
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

const mark = (m) => (m === true ? "[met]    " : m === false ? "[not met]" : "[n/a]    ");

/** The text printed at the end: a legend, the table, the goals, and what was skipped. */
export function report(rows, goalList, options, skipped) {
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
  return `${lines.join("\n")}\n`;
}

/** Writes everything, every sample included, to bench/results/DATE.json; resolves its path. */
export async function writeResults({ options, hasWorkers, skipped, corpora, rows, goalList }) {
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
  return resultFile;
}
