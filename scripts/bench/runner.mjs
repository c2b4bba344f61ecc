// The jobs (selfid and the baselines) and their timing: each a whole process under GNU time, the
// jobs of a round one after another in an order rotated each round.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GNU_TIME, log, ROOT, SELFID, SHARED } from "./common.mjs";

const countLine = (stdout) => {
  const n = Number.parseInt(stdout.trim().split("\n").pop() ?? "", 10);
  return Number.isNaN(n) ? null : n;
};

/** A selfid scan of `corpus` (default options, plus `extra`); its records are the flagged count. */
export function selfidJob(corpus, outDir, extra = [], tool = "selfid") {
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

/** The baseline jobs named in `tools` (rg, grep, python, duckdb) on `corpus`. */
export function baselineJobs(corpus, tools) {
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

/** Runs one job: seconds, peak RSS and records, or why it failed. */
export async function runJob(job, timeFile) {
  const r = await timed(job, timeFile);
  if (!job.okExits.includes(r.exit)) {
    return { ok: false, exit: r.exit, error: r.stderr.trim().split("\n").slice(-3).join(" | ") };
  }
  const records = job.records ? job.records() : r.exit === 1 ? 0 : countLine(r.stdout);
  return { ok: true, seconds: r.seconds, rssMB: r.rssMB, records };
}

/** The median of a non-empty list of numbers. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs every job `runs` times, one after another; the samples of each job, in job order. */
export async function runRounds(jobs, runs, timeFile) {
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
