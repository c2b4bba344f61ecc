// The input of a soak: chat JSONL from ../shared/bench/make-corpus.py, generated on the fly and
// streamed to selfid's stdin (so no input of the soak's size ever sits on disk), or, for the worker
// pool, one generated file given several times under hard links.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { SHARED } from "../bench/common.mjs";

export const GENERATOR = join(SHARED, "make-corpus.py");

/** Counts the bytes and lines that pass, on their way from the generator to selfid. */
export class LineCounter extends Transform {
  bytes = 0;
  lines = 0;
  _transform(chunk, _encoding, done) {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    done(null, chunk);
  }
}

/** make-corpus.py's closing line, `make-corpus: N records, B bytes -> OUT`, as numbers. */
function parseGeneratorSummary(stderr) {
  const m = /make-corpus: (\d+) records, (\d+) bytes/.exec(stderr);
  return m ? { records: Number(m[1]), bytes: Number(m[2]) } : null;
}

/**
 * Starts make-corpus.py writing `bytes` of chat JSONL (`messages`, default shape) into the named
 * pipe `fifo` (made here; read it with createReadStream), the 0-based line of each planted claim to
 * `truth`. `done` resolves to its exit and its own count.
 */
export function startGenerator({ bytes, seed, claimRate, truth, fifo }) {
  // Not --out /dev/stdout: a child's stdout from Node is a socket, which Python cannot open() by name.
  const made = spawnSync("mkfifo", [fifo], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed: ${made.stderr.trim()}`);
  const args = ["--out", fifo, "--size", String(bytes), "--seed", seed];
  const child = spawn("python3", [GENERATOR, ...args, "--claim-rate", String(claimRate), "--truth", truth], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d) => {
    stderr = (stderr + d).slice(-4096);
  });
  const done = new Promise((resolve) => {
    child.on("error", (error) => resolve({ exit: -1, stderr: error.message, summary: null }));
    child.on("close", (code, signal) =>
      resolve({ exit: code ?? signal, stderr: stderr.trim(), summary: parseGeneratorSummary(stderr) }),
    );
  });
  return { child, done, command: ["python3", GENERATOR, ...args] };
}

/** The first 8 hex digits of the generator's sha256: part of cached file names, so a new generator never reuses old ones. */
export const generatorHash = () =>
  createHash("sha256").update(readFileSync(GENERATOR)).digest("hex").slice(0, 8);

/**
 * The worker-pool input: one generated file of `bytes` (cached in `dir` by its parameters), hard
 * linked `copies` times as `dir/pool/part-NNN.jsonl`. selfid drops an input it was given twice (by
 * real path), but hard links are distinct paths to the same bytes, so the pool reads the file
 * `copies` times while the disk holds it once. Resolves the links, the file and its truth file.
 */
export function makePool({ dir, bytes, seed, claimRate, copies, log }) {
  const base = join(dir, `pool-${bytes}-seed${seed}-claims${claimRate}-${generatorHash()}`);
  const file = `${base}.jsonl`;
  const truth = `${base}.truth.jsonl`;
  if (!existsSync(file) || !existsSync(truth)) {
    log(`making the pool file (${(bytes / 1e9).toFixed(2)} GB) → ${file}`);
    const made = spawnSync(
      "python3",
      [
        GENERATOR,
        ...["--out", `${file}.part`, "--size", String(bytes), "--seed", seed],
        ...["--claim-rate", String(claimRate), "--truth", `${truth}.part`],
      ],
      { stdio: ["ignore", 2, 2] },
    );
    if (made.status !== 0) throw new Error(`make-corpus.py failed (exit ${made.status ?? made.signal})`);
    renameSync(`${truth}.part`, truth);
    renameSync(`${file}.part`, file);
  }
  const poolDir = join(dir, "pool");
  rmSync(poolDir, { recursive: true, force: true });
  mkdirSync(poolDir, { recursive: true });
  const links = [];
  for (let i = 0; i < copies; i++) {
    const link = join(poolDir, `part-${String(i).padStart(3, "0")}.jsonl`);
    linkSync(file, link);
    links.push(link);
  }
  return { links, file, truth, bytes: statSync(file).size };
}
