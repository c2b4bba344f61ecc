import type { ResourceLimits } from "node:worker_threads";
import { DEFAULT_MAX_LINE_BYTES } from "../records/line-splitter.js";

const MiB = 1024 * 1024;

/**
 * Heap limits of a scan worker: a tuning of V8's collector, not a cap on what a task may hold.
 *
 * V8 sizes a heap's growth by its limit. Under Node's default (~4 GB) a worker lets the garbage
 * that outlives two scavenges (records in flight, ~1% of what it allocates) pile up in its old
 * generation to ~100 MB before a full collection, where ~30 MB are live; with a limit under 1 GB
 * it grows in smaller steps. A 4 MB semi-space (12 MB young generation) instead of 16 MB saves
 * ~20 MB a worker. Together they take the 1 GB JSONL scan with 2 workers from ~415 to ~275 MB peak
 * RSS (bench/README.md).
 *
 * The old generation still leaves room for the largest record a worker must hold, eight times its
 * bytes (the line as a string, the parsed value, the texts and their normalised forms); a task that
 * needs more runs again on a worker without limits (`WorkerPool`).
 */
export function scanWorkerLimits(maxRecordBytes: number = DEFAULT_MAX_LINE_BYTES): ResourceLimits {
  const recordMb = Math.ceil(maxRecordBytes / MiB);
  return { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: Math.max(512, 256 + 8 * recordMb) };
}
