import { availableParallelism } from "node:os";
import { builtFile } from "../built-file.js";
import type { InputEmitter } from "../emit/emit-writer.js";
import { InputError } from "../errors.js";
import { lineBaseOf } from "../plan/lines-before.js";
import type { SourceShare } from "../plan/shard-plan.js";
import { describeStall } from "../records/parquet-decoder.js";
import type { InputSummary } from "../report/report-schema.js";
import { type ScanStop, STOPPED } from "../scan-stop.js";
import type { Source } from "../sources/source.js";
import { Tally, type TallySections } from "../tally/tally.js";
import type { Hit, RecordItem } from "../types.js";
import { describeBatch } from "./line-batch.js";
import type {
  FileTask,
  ScanTask,
  ScanTaskResult,
  ScanWorkerSetup,
  StreamFormat,
  TaskCheckpoint,
} from "./scan-task.js";
import { shiftLines } from "./shift-lines.js";
import { DEFAULT_BATCH_BYTES, streamShare } from "./stream-share.js";
import { scanWorkerLimits } from "./worker-heap.js";
import { TaskStalled, WorkerPool } from "./worker-pool.js";

/** The default of `--workers`: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Options of {@link scanInParallel}. */
export interface ParallelScanOptions {
  workers: number;
  /** Every hit, in input and record order, as a single-threaded run gives them. */
  onHit: ((hit: Hit) => void) | undefined;
  /** Called with each share's counts once it is absorbed, in order, before the next is taken (`--resume`). */
  onShareDone?: (sections: TallySections) => Promise<void>;
  /**
   * Reads a source the workers cannot open (stdin, Hub files) in this thread, into `tally`; or
   * gives, when the scan was stopped meanwhile, the counts of what it read before the stop.
   */
  scanHere: (
    source: Source,
    tally: Tally,
    emit: InputEmitter | undefined,
  ) => Promise<{ failed: boolean } | { stopped: TallySections }>;
  /**
   * `--emit`: each input's outputs are written in this thread, in input order, while the workers
   * scan ahead. An input an earlier run finished is taken over and not read; another is begun,
   * its tasks' records written one task at a time from the workers' hits, then ended with its
   * counts (a stop leaves its files partial).
   */
  emit?: ParallelEmit;
  /**
   * Stops the scan (SIGINT): no task is taken after it, the workers are terminated mid-task, and
   * the input being read is counted up to its last task taken.
   */
  stop?: ScanStop;
  /**
   * The format of a share this thread reads as a stream while the workers scan its records (see
   * `streamShare`): a Hub file, stdin, a compressed file, a JSON array; undefined for the others.
   */
  streamFormat?: (share: SourceShare) => StreamFormat | undefined;
  /**
   * Counts a record of a streamed share in this thread: a JSON array's records after the point
   * where it stops being a plain array of objects, which only one reader can follow.
   */
  scanItemHere?: (source: Source, tally: Tally, input: InputSummary, item: RecordItem) => void;
  /** Size of the batches of a streamed share. @default 1 MiB */
  batchBytes?: number;
  /** Progress: an input starts (its counts will grow in `tally`), a task of it is added, it ends. */
  progress?: {
    begin(share: SourceShare, tally: Tally): void;
    tick(): void;
    end(): void;
  };
}

/** What {@link scanInParallel} needs to write `--emit` outputs. */
export interface ParallelEmit {
  /** Whether an earlier run finished this input (`--emit-resume`): its tasks are not run. */
  finished(share: SourceShare): boolean;
  /** Takes over an input an earlier run finished: its outputs and counts. */
  takeOver(share: SourceShare): void;
  begin(share: SourceShare): InputEmitter;
  /** Writes the records of one of the input's tasks, given the workers' hits (see `emitTaskRecords`). */
  writeTask(
    emit: InputEmitter,
    share: SourceShare,
    task: FileTask,
    hits: readonly Hit[],
    lineBase: number,
  ): Promise<void>;
}

/**
 * Scans `shares` (see `sharesOf`) with a pool of worker threads: local files become tasks (a big
 * uncompressed JSONL or text file one per byte range, anything else one per file), run on any
 * worker; a stream `streamFormat` names is read here and its records, in batches, are the tasks
 * (see `streamShare`). Results are taken in task order, renumbered (`shiftLines`) and added up, so
 * the report and the hits are exactly those of a single-threaded run. A share that starts inside
 * its file (a shard's first) is renumbered from the lines before it, counted while the workers start.
 * At most two tasks per worker are in flight, which bounds memory by the results waiting to be taken.
 * @returns how many inputs failed, and whether `stop` cut the scan short
 */
export async function scanInParallel(
  shares: readonly SourceShare[],
  setup: ScanWorkerSetup,
  tally: Tally,
  options: ParallelScanOptions,
): Promise<{ failed: number; stopped: boolean }> {
  const pool = new WorkerPool<ScanTask, ScanTaskResult, TaskCheckpoint>(
    builtFile("parallel/scan-worker.js"),
    options.workers,
    setup,
    {
      reviveError: (error) =>
        error.name === "InputError"
          ? new InputError(error.message, error.source ?? "")
          : new Error(error.message),
      foldCheckpoint: (previous, next) =>
        previous ? { ...next, hits: previous.hits.concat(next.hits) } : next,
      resourceLimits: scanWorkerLimits(setup.maxRecordBytes),
      outOfMemory: (task, error) =>
        new InputError(
          `${describeTask(task)}: a worker thread ran out of memory (${error.message}); ` +
            "lower --max-record-bytes, or give Node a bigger heap (NODE_OPTIONS=--max-old-space-size=MB)",
          task.uri,
          { cause: error },
        ),
    },
  );
  // The task list, source by source: each source's results are read in its task order.
  const plan = shares.map((share) => {
    const finished = options.emit?.finished(share) === true;
    const streamAs = finished ? undefined : options.streamFormat?.(share);
    const tasks = finished ? [] : streamAs ? undefined : tasksOf(share);
    return { share, finished, streamAs, tasks, lineBase: firstLine(share) };
  });
  const flat = plan.flatMap(({ tasks }) => tasks ?? []);
  const inFlight: Array<Promise<ScanTaskResult>> = [];
  let sent = 0;
  const topUp = (): void => {
    while (sent < flat.length && inFlight.length < options.workers * 2) {
      const task = flat[sent++] as ScanTask;
      const promise = pool.run(task).catch((error: unknown) => {
        if (error instanceof TaskStalled) return stalledResult(task, error, setup.strict);
        throw error;
      });
      // Taken in order later; a rejection before then must not count as unhandled.
      promise.catch(() => {});
      inFlight.push(promise);
    }
  };
  let failed = 0;
  const { stop } = options;
  const streamHere = async (
    source: Source,
    part: Tally,
    format: StreamFormat,
  ): Promise<{ failed: boolean } | { stopped: TallySections }> => {
    const reading = (from: Source) =>
      streamShare((task) => pool.run(task), from, part, {
        format,
        workers: options.workers,
        batchBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
        maxRecordBytes: setup.maxRecordBytes,
        strict: setup.strict,
        onHit: options.onHit,
        ...(options.progress ? { onBatch: options.progress.tick } : {}),
        ...(options.scanItemHere ? { scanItemHere: options.scanItemHere.bind(undefined, from, part) } : {}),
      });
    if (stop === undefined) return reading(source);
    const read = await stop.read(source, part, reading);
    return "outcome" in read ? read.outcome : read;
  };
  const orStop = <T>(promise: Promise<T>): Promise<T | typeof STOPPED> =>
    stop ? stop.race(promise) : promise;
  try {
    for (const { share, finished, streamAs, tasks, lineBase: lineBaseOf } of plan) {
      if (stop?.stopped) return { failed, stopped: true };
      if (finished) {
        options.emit?.takeOver(share);
        continue;
      }
      const { source } = share;
      const part = new Tally();
      options.progress?.begin(share, part);
      const emit = options.emit?.begin(share);
      if (tasks === undefined) {
        const read = streamAs
          ? await streamHere(source, part, streamAs)
          : await options.scanHere(source, part, emit);
        if ("stopped" in read) {
          tally.absorb(read.stopped);
          await emit?.stop();
          options.progress?.end();
          return { failed, stopped: true };
        }
        if (read.failed) failed++;
      } else {
        // The workers start on the tasks while this thread counts the lines before a share's span.
        topUp();
        const lines = await orStop(lineBaseOf);
        let lineBase = lines === STOPPED ? 0 : lines;
        let sourceFailed = false;
        for (let i = 0; i < tasks.length && !stop?.stopped; i++) {
          topUp();
          const result = await orStop(inFlight.shift() as Promise<ScanTaskResult>);
          if (result === STOPPED) break;
          // One thread stops reading a file where it fails (a corrupt row group, a read error):
          // what later tasks read of it is not counted either.
          if (sourceFailed) continue;
          shiftLines(result.hits, result.sections, lineBase);
          const taskLineBase = lineBase;
          lineBase += result.lines;
          if (options.onHit) for (const hit of result.hits) options.onHit(hit);
          part.absorb(result.sections, i === 0 ? undefined : part.inputs[0]);
          sourceFailed ||= result.failed;
          options.progress?.tick();
          // Counted first: a stop while its records are written leaves the count and hits whole.
          if (emit)
            await options.emit?.writeTask(emit, share, tasks[i] as FileTask, result.hits, taskLineBase);
        }
        if (stop?.stopped) {
          // The tasks taken so far are counted, with their hits: the input is cut at a task's end.
          tally.absorb(part.toSections());
          await emit?.stop();
          options.progress?.end();
          return { failed, stopped: true };
        }
        if (sourceFailed) failed++;
      }
      const sections = part.toSections();
      await emit?.end(sections);
      tally.absorb(sections);
      await options.onShareDone?.(sections);
      options.progress?.end();
    }
  } finally {
    // Terminates the workers, busy or not: a stopped scan does not wait for their tasks.
    await pool.close();
  }
  return { failed, stopped: false };
}

/**
 * The result of a task whose Parquet decode got stuck, as the worker would have given it had the
 * decode failed: what it read before the stuck batch, and the file failed from that batch on.
 */
function stalledResult(
  task: ScanTask,
  stalled: TaskStalled<TaskCheckpoint>,
  strict: boolean,
): ScanTaskResult {
  const { sections, hits, where } = stalled.checkpoint;
  const message = `${where}: ${describeStall(stalled.milliseconds)}`;
  // --strict stops at the first unreadable input, as the worker would have.
  if (strict) throw new InputError(message, task.uri);
  const tally = new Tally();
  tally.absorb(sections);
  const input = tally.inputs[0];
  if (input === undefined) throw new Error(`${task.uri}: a stalled task's checkpoint has no input`);
  tally.addError(input, { source: task.uri, message });
  return { sections: tally.toSections(), hits, lines: 0, failed: true };
}

/**
 * A task as an error message names it: `data/x.jsonl`, `data/x.jsonl bytes 0–67108863`, or a
 * stream's batch, `data/x.jsonl.zst lines 1201–2400`.
 */
function describeTask(task: ScanTask): string {
  if (task.kind === "lines")
    return `${task.uri} ${describeBatch(task.batch, task.format === "json" ? "elements" : "lines")}`;
  return task.range ? `${task.uri} bytes ${task.range.start}–${task.range.end - 1}` : task.uri;
}

/** A share's tasks, or undefined when this thread must read it (no local path). */
function tasksOf({ source, ranges }: SourceShare): FileTask[] | undefined {
  if (source.path === undefined) return undefined;
  const base = { kind: "file" as const, uri: source.uri, path: source.path, size: source.size };
  return ranges === undefined ? [{ ...base, range: undefined }] : ranges.map((range) => ({ ...base, range }));
}

/** The lines before a share's span, counted while the workers start (see `lineBaseOf`). */
function firstLine(share: SourceShare): Promise<number> {
  const counting = lineBaseOf(share);
  // Awaited when the share's turn comes; a failure before then must not count as unhandled.
  counting.catch(() => {});
  return counting;
}
