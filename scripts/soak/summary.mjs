// What a soak's samples say: RSS after warm-up (min, median, max), its slope against the bytes fed
// (least squares), a verdict, a sparkline, and the results file bench/results/soak-DATE.json.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../bench/common.mjs";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Least squares y = a + b·x: slope b, intercept a, and r². */
function leastSquares(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx, r2: sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0 };
}

const stats = (xs) =>
  xs.length
    ? { min: Math.min(...xs), median: median(xs), max: Math.max(...xs) }
    : { min: null, median: null, max: null };

/**
 * The summary of a run: duration and throughput; RSS statistics over the samples after warm-up
 * (the first `warmup` fraction of the bytes and the first `warmupS` seconds, whichever ends later)
 * and before the cool-down (the last `cooldown` fraction of the bytes); the least-squares slope of
 * RSS against the bytes fed; and the verdict. RSS is flat when, in between,
 * - it does not grow: the fitted line rises by at most `maxGrowth` MB over the bytes it covers, and
 *   the peak of the later half of those bytes is at most `maxGrowth` MB above the earlier half's
 *   (a leak, however slow, keeps setting new highs; a GC sawtooth does not), and
 * - it does not swing: max − min stays within `maxBand` MB.
 * Otherwise the verdict says which: "grows" (a leak until shown otherwise) or "swings" only.
 *
 * Why a warm-up in seconds too: V8 lets the old generation fill with garbage until its first
 * memory-reducing full GC, which came 105–115 s after start in every emit run here (at 1.4 to
 * 2.1 GB: a time, not a share of the bytes), and RSS rises 60–90 MB until then, once. A run with
 * less than `minSeconds` after warm-up is "inconclusive" whatever its numbers.
 */
export function summarize(samples, options) {
  const { totalBytes, records, warmup, warmupS, cooldown, maxBand, maxGrowth, minSeconds } = options;
  const last = samples[samples.length - 1];
  const duration = last ? last.t : 0;
  // selfid and the generator both take seconds to start: MB/s counts from the first byte through.
  const firstByte = samples.find((s) => s.bytes > 0)?.t ?? 0;
  const warmBytes = warmup * totalBytes;
  const warm = (s) => s.bytes < warmBytes || s.t < warmupS;
  // Judged before the last `cooldown` of the bytes too: at the end one worker runs out of tasks
  // and hands its buffers back, and selfid writes its report; neither is the steady state.
  const finalBytes = last ? last.bytes : 0;
  const beforeEnd = samples.filter((s) => s.bytes <= (1 - cooldown) * finalBytes);
  const streaming = beforeEnd.length >= 3 ? beforeEnd : samples;
  const settled = streaming.filter((s) => !warm(s));
  // A run too short to get past warm-up (--quick) still gets numbers, from its first bytes on.
  const fallback = streaming.filter((s) => s.bytes > 0 && s.bytes >= warmBytes);
  const after = settled.length >= 3 ? settled : fallback.length >= 3 ? fallback : samples;
  const rss = after.map((s) => s.rssMB);
  const xs = after.map((s) => s.bytes / 1e9);
  const line = leastSquares(xs, rss);
  const spanGB = Math.max(...xs) - Math.min(...xs);
  const { min, max } = stats(rss);
  const growth = line.slope * spanGB;
  const middle = (Math.max(...xs) + Math.min(...xs)) / 2;
  const earlyPeak = Math.max(...after.filter((s) => s.bytes / 1e9 < middle).map((s) => s.rssMB));
  const latePeak = Math.max(...after.filter((s) => s.bytes / 1e9 >= middle).map((s) => s.rssMB));
  const grows = Math.abs(growth) > maxGrowth || latePeak - earlyPeak > maxGrowth;
  const swings = max - min > maxBand;
  const recordsPerGB = records / (totalBytes / 1e9);
  const judgedS = settled.length >= 3 ? streaming[streaming.length - 1].t - settled[0].t : 0;
  const verdict =
    judgedS < minSeconds ? "inconclusive" : grows ? "not flat: grows" : swings ? "not flat: swings" : "flat";
  return {
    durationS: duration,
    gb: totalBytes / 1e9,
    firstByteS: firstByte,
    mbps: duration > firstByte ? totalBytes / 1e6 / (duration - firstByte) : null,
    samples: samples.length,
    // The seconds of the cool-down, left out of the verdict.
    cooldown: { fraction: cooldown, seconds: duration - (streaming[streaming.length - 1]?.t ?? duration) },
    warmup: {
      fraction: warmup,
      bytes: Math.round(warmBytes),
      seconds: warmupS,
      untilBytes: after[0]?.bytes ?? 0,
      untilS: after[0]?.t ?? 0,
      samples: after.length,
    },
    rssMB: {
      ...stats(rss),
      band: max - min,
      atWarmupEnd: rss[0],
      atEnd: rss[rss.length - 1],
      duringWarmup: Math.max(...samples.filter(warm).map((s) => s.rssMB), 0),
      earlyPeak,
      latePeak,
    },
    // The second half of the bytes on its own: what a long run settles to.
    lastHalfRssMB: stats(streaming.filter((s) => s.bytes >= finalBytes / 2).map((s) => s.rssMB)),
    peakHwmMB: Math.max(...samples.map((s) => s.hwmMB ?? 0)),
    slopeMBperGB: line.slope,
    interceptMB: line.intercept,
    r2: line.r2,
    spanGB,
    fittedGrowthMB: growth,
    // A steady leak of L bytes per record rises by L × records-per-GB per GB; this is the smallest
    // leak the growth bound would catch over this span.
    detectableLeakBytesPerRecord: spanGB > 0 ? (maxGrowth * 1e6) / (spanGB * recordsPerGB) : null,
    bounds: { maxBandMB: maxBand, maxGrowthMB: maxGrowth, minSeconds },
    judgedS,
    // What the numbers alone would say, also when the run was too short for a verdict.
    byNumbers: grows ? "not flat: grows" : swings ? "not flat: swings" : "flat",
    verdict,
  };
}

const BARS = "▁▂▃▄▅▆▇█";

/** The largest value of each of `width` runs of consecutive samples. */
function columns(values, width) {
  const cols = [];
  const w = Math.min(width, values.length);
  for (let c = 0; c < w; c++) {
    const from = Math.floor((c * values.length) / w);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / w));
    cols.push(Math.max(...values.slice(from, to)));
  }
  return cols;
}

/** One line of bars from `lo` (▁) to `hi` (█). */
const bars = (cols, lo, hi) =>
  cols.map((v) => BARS[Math.min(7, Math.max(0, Math.round(((v - lo) / (hi - lo || 1)) * 7)))]).join("");

/** The sparkline of RSS over time, twice: from 0 (what growth looks like) and zoomed to min–max (the noise). */
export function sparkline(samples, summary, width = 60) {
  const cols = columns(
    samples.map((s) => s.rssMB),
    width,
  );
  const hi = Math.max(...cols);
  const { min, max } = summary.rssMB;
  const warmCol = Math.round((summary.warmup.untilS / (summary.durationS || 1)) * cols.length);
  const per = (summary.durationS / cols.length).toFixed(1);
  const labels = [`0–${hi.toFixed(0)} MB`, `${min.toFixed(0)}–${max.toFixed(0)} MB`];
  const pad = Math.max(...labels.map((l) => l.length));
  return [
    `RSS over time, ${cols.length} columns of ~${per} s (each the column's largest sample):`,
    `  ${labels[0].padEnd(pad)}  ${bars(cols, 0, hi)}   (from 0)`,
    `  ${labels[1].padEnd(pad)}  ${bars(cols, min, max)}   (after warm-up's min–max; below it ▁)`,
    `  ${" ".repeat(pad)}  ${" ".repeat(warmCol)}^ warm-up ends (${(100 * summary.warmup.fraction).toFixed(0)}% of the bytes and ${summary.warmup.seconds} s)`,
  ].join("\n");
}

const f = (x, d = 1) => (x == null || Number.isNaN(x) ? "—" : x.toFixed(d));

/** Why a run is too short to judge. */
function inconclusiveWhy(summary) {
  const w = summary.warmup;
  const where =
    summary.judgedS > 0
      ? `${f(summary.judgedS, 0)} s after warm-up, under ${summary.bounds.minSeconds} s`
      : `the run ended inside the warm-up (${w.seconds} s); the numbers above are from ${100 * w.fraction}% of the bytes on`;
  return ` (${where}: too short to tell V8's first GC cycle from growth; by the numbers alone: ${summary.byNumbers})`;
}

/** The summary as text. */
export function summaryText(summary, checks, label) {
  const r = summary.rssMB;
  const h = summary.lastHalfRssMB;
  const g = summary.bounds.maxGrowthMB;
  const mark = (ok) => (ok ? "[ok]  " : "[FAIL]");
  return [
    "",
    `selfid soak — ${label}`,
    `  fed       ${f(summary.gb, 2)} GB in ${f(summary.durationS, 0)} s (first byte at ${f(summary.firstByteS, 0)} s; ` +
      `cool-down, the last ${100 * summary.cooldown.fraction}% of the bytes: ${f(summary.cooldown.seconds, 0)} s): ` +
      `${f(summary.mbps)} MB/s from the first byte (10^6 bytes)`,
    `  RSS       after warm-up (from ${f(summary.warmup.untilS, 0)} s and ${f(summary.warmup.untilBytes / 1e9, 2)} GB, ` +
      `${summary.warmup.samples} samples): ` +
      `min ${f(r.min)} / median ${f(r.median)} / max ${f(r.max)} MB (band ${f(r.band)} MB); ` +
      `during warm-up up to ${f(r.duringWarmup)} MB; VmHWM ${f(summary.peakHwmMB)} MB`,
    `  slope     ${f(summary.slopeMBperGB, 2)} MB per GB fed (r² ${f(summary.r2, 2)}): ` +
      `${f(summary.fittedGrowthMB, 1)} MB over the ${f(summary.spanGB, 2)} GB after warm-up`,
    `  peaks     ${f(r.earlyPeak)} MB in the earlier half of those bytes, ${f(r.latePeak)} MB in the later half`,
    `  last half ${f(h.min)} / ${f(h.median)} / ${f(h.max)} MB (min / median / max over the second half of the bytes, before the cool-down)`,
    `  verdict   ${summary.verdict.toUpperCase()}` +
      (summary.verdict === "inconclusive" ? inconclusiveWhy(summary) : ""),
    `            flat = no growth (|fitted growth| ≤ ${g} MB, and the later peak ≤ the earlier + ${g} MB) ` +
      `and no swing (band ≤ ${summary.bounds.maxBandMB} MB);`,
    `            over this span the growth bound catches a leak of ≥ ${f(summary.detectableLeakBytesPerRecord, 1)} bytes per record`,
    "",
    "checks:",
    ...checks.map((c) => `  ${mark(c.ok)} ${c.name}: ${c.detail}`),
    "",
  ].join("\n");
}

function gitState() {
  const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return { commit: null, dirty: null };
  return { commit: head.stdout.trim(), dirty: git("status", "--porcelain").stdout.trim() !== "" };
}

/** Writes the run, every sample included, to bench/results/soak-DATE.json; returns its path. */
export function writeResults(result) {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `soak-${stamp}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    // These machines are shared: the load at the end says how busy it was.
    loadAverageAtEnd: loadavg(),
    memoryBytes: totalmem(),
    node: process.version,
  };
  const body = {
    schema: "selfid.soak/1",
    date: new Date().toISOString(),
    machine,
    git: gitState(),
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
  return file;
}
