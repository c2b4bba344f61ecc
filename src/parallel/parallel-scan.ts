import { availableParallelism } from "node:os";
import { InputError } from "../errors.js";
import { splitSource } from "../plan/split-source.js";
import type { Source } from "../sources/source.js";
import { Tally } from "../tally/tally.js";
import type { Hit } from "../types.js";
import type { ScanTask, ScanTaskResult, ScanWorkerSetup } from "./scan-task.js";
import { shiftLines } from "./shift-lines.js";
import { WorkerPool, workerScript } from "./worker-pool.js";

/** The default of `--workers`: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Options of {@link scanInParallel}. */
export interface ParallelScanOptions {
  workers: number;
  /** Bytes per task of a big file (see `splitSource`). */
  taskBytes: number;
  /** Every hit, in input and record order, as a single-threaded run gives them. */
  onHit: ((hit: Hit) => void) | undefined;
  /** Reads a source the workers cannot open (stdin, Hub files) in this thread, into `tally`. */
  scanHere: (source: Source, tally: Tally) => Promise<{ failed: boolean }>;
  /** Progress: an input starts (its counts will grow in `tally`), a task of it is added, it ends. */
  progress?: {
    begin(source: Source, tally: Tally): void;
    tick(): void;
    end(): void;
  };
}

/**
 * Scans `sources` with a pool of worker threads: local files become tasks (a big uncompressed
 * JSONL or text file one per byte range, anything else one per file), run on any worker, and their
 * results are taken in task order, renumbered (`shiftLines`) and added up, so the report and the
 * hits are exactly those of a single-threaded run. At most two tasks per worker are in flight, which
 * bounds memory by the results waiting to be taken.
 * @returns how many inputs failed
 */
export async function scanInParallel(
  sources: readonly Source[],
  setup: ScanWorkerSetup,
  tally: Tally,
  options: ParallelScanOptions,
): Promise<number> {
  const pool = new WorkerPool<ScanTask, ScanTaskResult>(
    workerScript("scan-worker.js"),
    options.workers,
    setup,
    (error) =>
      error.name === "InputError"
        ? new InputError(error.message, error.source ?? "")
        : new Error(error.message),
  );
  // The task list, source by source: each source's results are read in its task order.
  const plan = sources.map((source) => ({ source, tasks: tasksOf(source, setup, options.taskBytes) }));
  const flat = plan.flatMap(({ tasks }) => tasks ?? []);
  const inFlight: Array<Promise<ScanTaskResult>> = [];
  let sent = 0;
  const topUp = (): void => {
    while (sent < flat.length && inFlight.length < options.workers * 2) {
      const promise = pool.run(flat[sent++] as ScanTask);
      // Taken in order later; a rejection before then must not count as unhandled.
      promise.catch(() => {});
      inFlight.push(promise);
    }
  };
  let failed = 0;
  try {
    for (const { source, tasks } of plan) {
      const part = new Tally();
      options.progress?.begin(source, part);
      if (tasks === undefined) {
        if ((await options.scanHere(source, part)).failed) failed++;
      } else {
        let lineBase = 0;
        let sourceFailed = false;
        for (let i = 0; i < tasks.length; i++) {
          topUp();
          const result = await (inFlight.shift() as Promise<ScanTaskResult>);
          shiftLines(result.hits, result.sections, lineBase);
          lineBase += result.lines;
          if (options.onHit) for (const hit of result.hits) options.onHit(hit);
          part.absorb(result.sections, i === 0 ? undefined : part.inputs[0]);
          sourceFailed ||= result.failed;
          options.progress?.tick();
        }
        if (sourceFailed) failed++;
      }
      tally.absorb(part.toSections());
      options.progress?.end();
    }
  } finally {
    await pool.close();
  }
  return failed;
}

/** A source's tasks, or undefined when this thread must read it (no local path). */
function tasksOf(source: Source, setup: ScanWorkerSetup, taskBytes: number): ScanTask[] | undefined {
  if (source.path === undefined) return undefined;
  const base = { uri: source.uri, path: source.path, size: source.size };
  const ranges = splitSource(source, setup.format, setup.textUnit, taskBytes);
  return ranges === undefined ? [{ ...base, range: undefined }] : ranges.map((range) => ({ ...base, range }));
}
