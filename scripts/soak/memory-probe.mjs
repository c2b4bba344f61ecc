// A diagnostic preload for a soak that is not flat: loaded into selfid's node (and, inherited,
// into each of its worker threads) with
//
//   SOAK_PROBE=/tmp/probe.jsonl npm run soak -- --node-arg=--import=$PWD/scripts/soak/memory-probe.mjs
//
// (an absolute path: selfid runs in the soak's work directory) it appends one JSON line per thread
// every second to SOAK_PROBE (default memory-probe.jsonl in that directory, kept with --keep):
// the thread, process RSS, and that thread's V8 heap (used, total),
// external and ArrayBuffer memory and V8's own malloc. Heaps that stay flat while RSS grows point
// at native memory (malloc arenas, buffers outside V8); a growing used heap points at JavaScript.

import { appendFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { isMainThread, threadId } from "node:worker_threads";

const file = process.env.SOAK_PROBE || "memory-probe.jsonl";
const start = Date.now();
const MB = 1e6;

const timer = setInterval(() => {
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  const line = {
    t: (Date.now() - start) / 1000,
    thread: isMainThread ? "main" : `worker-${threadId}`,
    rss: m.rss / MB,
    heapUsed: m.heapUsed / MB,
    heapTotal: m.heapTotal / MB,
    external: m.external / MB,
    arrayBuffers: m.arrayBuffers / MB,
    malloced: h.malloced_memory / MB,
    peakMalloced: h.peak_malloced_memory / MB,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}, 1000);
// The probe must not keep selfid (or a worker) alive once its work is done.
timer.unref();
