import { join } from "node:path";
import type { Readable } from "node:stream";
import type { CheckpointEntry } from "./emit/checkpoint.js";
import { emitFingerprint, planEmit, shardDirName } from "./emit/emit-plan.js";
import type { EmitOptions, PlannedInput } from "./emit/emit-writer.js";
import { emitWriteError } from "./emit/write-error.js";
import { UsageError } from "./errors.js";
import { parseFieldPath } from "./fields/field-path.js";
import { DEFAULT_FLAG_ROLES } from "./fields/roles.js";
import { loadPatterns, type PatternSet } from "./match/load-patterns.js";
import { checkIgnoredFamilies, createMatcher } from "./match/matcher.js";
import { defaultWorkers, type ParallelEmit, scanInParallel } from "./parallel/parallel-scan.js";
import type { ScanWorkerSetup } from "./parallel/scan-task.js";
import { type StreamSettings, streamableFormat, streamedShares } from "./parallel/stream-plan.js";
import { DEFAULT_BATCH_BYTES } from "./parallel/stream-share.js";
import { lineBaseOf } from "./plan/lines-before.js";
import { planShares, type ShardSpec, type SourceShare } from "./plan/shard-plan.js";
import { formatOf } from "./records/format.js";
import type { Report } from "./report/report-schema.js";
import { runFingerprint, type ScanCheckpoint } from "./scan-checkpoint.js";
import { emitTaskRecords, type RecordContext, scanInput, scanItemHere } from "./scan-input.js";
import { ProgressMeter, type ScanProgress } from "./scan-progress.js";
import { ScanStop } from "./scan-stop.js";
import { expandInputs } from "./sources/expand-inputs.js";
import type { HubOptions } from "./sources/hub-client.js";
import type { Source } from "./sources/source.js";
import { Tally, type TallySections } from "./tally/tally.js";
import { DEFAULT_FLAG_KINDS, type Hit, type HitKind, type InputFormat, type Role } from "./types.js";
import { VERSION } from "./version.js";

export type { RecordContext } from "./scan-input.js";
export type { ScanProgress } from "./scan-progress.js";

/** Options of {@link scan}; the CLI's `selfid scan` flags map onto these one to one. */
export interface ScanOptions {
  /** Files, directories, quoted globs, or `-` for stdin. */
  inputs: string[];
  /** Text fields to scan (`messages[].content`); @default detect the record shape */
  fields?: string[];
  /** Roles whose text can flag a record. @default ["assistant", "system", "none"] */
  roles?: readonly Role[];
  /** Kinds that flag a record. @default self-claim, creator-claim, basis-claim, system-persona */
  flagKinds?: readonly HitKind[];
  /** Families to ignore (your own model's). @default [] */
  ignore?: readonly string[];
  /** Extra pattern files or directories. @default [] */
  patterns?: readonly string[];
  /** A pattern set already loaded (overrides `patterns`). */
  patternSet?: PatternSet;
  /** Input format, instead of the one the extension gives. */
  format?: InputFormat;
  /** `.txt` inputs: a record per line, or the whole file. @default "line" */
  textUnit?: "line" | "file";
  /** Stop after this many records in all. */
  limit?: number;
  /** Stop at the first unreadable record or input. @default false */
  strict?: boolean;
  /** Called for each hit, in input and text order (for the hits file). */
  onHit?: (hit: Hit) => void;
  /** Standard input, for `-`. */
  stdin?: Readable;
  /** Resolves relative inputs. @default process.cwd() */
  cwd?: string;
  /** Longest record accepted, in bytes. @default 64 MiB */
  maxRecordBytes?: number;
  /**
   * Parquet: how long a decode may go without progress before its file fails as corrupt (a
   * corrupt page can loop the decoder for ever); each row group gets a second more per MB.
   * @default 30 s
   */
  parquetStallMs?: number;
  /** `hf://` inputs: endpoint, token, concurrency, split (never written to the report). */
  hub?: HubOptions;
  /**
   * Write every record read to `clean/`, `flagged/` or `errors/` under `emit.dir`, in its input's
   * format, with the hits file and `manifest.json` (DESIGN §5; see {@link EmitOptions}).
   */
  emit?: EmitOptions;
  /** Called while reading, at most every `progressEveryMs`, and once at the end (`done`). */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Worker threads. Big uncompressed JSONL and text files are read in byte ranges by all of them;
   * streams (Hub files, stdin, a lone compressed file or JSON array) are read in this thread and
   * scanned by them in batches of records; the report and hits are the same as with one. With `emit`,
   * this thread writes the outputs from their findings. Not used with `limit`.
   * @default the cores available, for inputs of 64 MiB and more; else 1
   */
  workers?: number;
  /**
   * Bytes per task of a big file. Every shard of a run must use the same. Batches of records of a
   * stream are this size too, up to 1 MiB. @default 64 MiB
   */
  taskBytes?: number;
  /**
   * Read only this shard's part of the inputs (DESIGN §6): the tasks (files, and byte ranges of big
   * files) are cut into `count` contiguous stretches of about equal bytes, and shard `index` reads
   * the one it gets (see `assignShards`). The report carries `shard`; `selfid merge` of all shards'
   * reports gives the report of one run, and their hits files, concatenated in shard order, its hits
   * file. With `emit`, each shard writes into `emit.dir/shard-IIIII-of-NNNNN/`. Not with `limit` or
   * stdin.
   */
  shard?: ShardSpec;
  /** Least time between two `onProgress` calls, in milliseconds. @default 200 */
  progressEveryMs?: number;
  /**
   * Resume a preempted scan without `emit`: skip the shares (inputs, or a shard's parts of them) an
   * earlier run with the same settings finished, taking their counts from the checkpoint, and
   * record each share as it finishes (see {@link ScanCheckpoint}). Not with `emit` (it keeps its
   * own) or `limit`.
   */
  checkpoint?: ScanCheckpoint;
  /**
   * Stops the scan (SIGINT, SIGTERM): no record is read after it aborts; the record being matched
   * is finished or left out whole; worker threads are terminated. The report then counts exactly
   * the records read (with their hits given to `onHit`) and has `complete: false`; with `emit`, the
   * input being written keeps only its `.partial` files and is not in the checkpoint (a resumed run
   * reads it again), and with `checkpoint`, neither is its share.
   */
  signal?: AbortSignal;
}

/** What {@link scan} returns. */
export interface ScanResult {
  report: Report;
  /** Inputs that could not be read to their end. */
  failedInputs: number;
  /** The scan was stopped by `signal` before it read everything: the report is incomplete. */
  interrupted: boolean;
}

/**
 * Scans inputs for rival-model self-introductions and returns the report (DESIGN §3). Never prints.
 * A malformed record is counted as an error and the scan goes on; an input that cannot be read is
 * counted as failed and the scan goes on; with `strict`, either throws an {@link InputError}.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const fields = options.fields?.map(parseFieldPath);
  const roles = new Set<Role>(options.roles ?? DEFAULT_FLAG_ROLES);
  const flagKinds = new Set<HitKind>(options.flagKinds ?? DEFAULT_FLAG_KINDS);
  if (options.shard) checkShard(options);
  if (options.checkpoint && (options.emit || options.limit !== undefined)) {
    throw new UsageError("--resume without --emit cannot be used with --limit, nor a checkpoint with emit");
  }
  // Inputs first: a missing file or dataset should fail before the library compiles (seconds).
  const sources = await expandInputs(options.inputs, {
    cwd: options.cwd ?? process.cwd(),
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.hub ? { hub: options.hub } : {}),
  });
  const plan = planShares(sources, { ...options, textUnit: options.textUnit ?? "line" });
  // Each shard emits into its own directory under DIR, with the layout one run has.
  const emitOptions =
    options.emit && options.shard
      ? { ...options.emit, dir: join(options.emit.dir, shardDirName(options.shard)) }
      : options.emit;
  const planned = emitOptions
    ? planEmit(
        plan.shares.map((share) => share.source),
        { ...options, dir: emitOptions.dir },
      )
    : undefined;
  const patternSet = options.patternSet ?? loadPatterns({ paths: [...(options.patterns ?? [])] });
  const ignore = options.ignore ?? [];
  checkIgnoredFamilies(patternSet, ignore);
  const reportOptions: Report["options"] = {
    roles: [...roles],
    flagKinds: [...flagKinds],
    ignore: [...(options.ignore ?? [])],
    fields: options.fields ?? null,
    format: options.format ?? null,
    textUnit: options.textUnit ?? "line",
    limit: options.limit ?? null,
  };
  const emitter =
    emitOptions && planned
      ? // The writers (hyparquet-writer, ~90 ms to import) only with --emit.
        await (await import("./emit/emit-writer.js")).EmitWriter.open(
          emitOptions,
          [...planned.values()],
          emitFingerprint(patternSet.hash, reportOptions, emitOptions, planned),
        ).catch((error) => {
          throw emitWriteError(emitOptions.dir, error);
        })
      : undefined;
  const stop = new ScanStop(options.signal);
  const onHitAll =
    emitter && options.onHit
      ? (hit: Hit) => {
          emitter.hit(hit);
          options.onHit?.(hit);
        }
      : emitter
        ? (hit: Hit) => emitter.hit(hit)
        : options.onHit;
  // No hit of a record read after a stop gets out: the hits are exactly those of the counted records.
  const onHit = stop.gate(onHitAll);

  const tally = new Tally();
  let failedInputs = 0;
  // --resume: the shares an earlier run finished count as read; the rest are read now.
  const resumed = options.checkpoint
    ? await options.checkpoint.finished(
        runFingerprint(patternSet.hash, reportOptions, options.shard, plan.planId),
      )
    : [];
  for (const sections of resumed) {
    tally.absorb(sections);
    failedInputs += sections.inputs.filter((input) => input.failed).length;
  }
  const shares = plan.shares.slice(resumed.length);
  const shareDone = options.checkpoint
    ? (sections: TallySections) => (options.checkpoint as ScanCheckpoint).done(sections)
    : undefined;
  const workers = poolSize(options, shares);
  // With workers, this thread compiles the patterns only if it reads an input itself (stdin, Hub):
  // that takes seconds. Without, it compiles them now, before the progress clock starts.
  const matcherHere = workers > 0 ? undefined : createMatcher(patternSet, { ignore });
  const meter = options.onProgress
    ? new ProgressMeter(shares.map(sharedPart), options.onProgress, options.progressEveryMs)
    : undefined;
  const tick = meter ? () => meter.tick() : () => {};
  let context: RecordContext | undefined;
  const contextHere = (): RecordContext => {
    context ??= {
      matcher: matcherHere ?? createMatcher(patternSet, { ignore }),
      fields,
      roles,
      flagKinds,
      onHit,
      tick,
    };
    return context;
  };
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  // The loop was cut short by `signal` (a stop after the last input changes nothing).
  let interrupted = false;
  if (workers > 0) {
    const setup: ScanWorkerSetup = {
      patternSet,
      ignore: [...(options.ignore ?? [])],
      fields: options.fields,
      roles: [...roles],
      flagKinds: [...flagKinds],
      format: options.format,
      textUnit: options.textUnit ?? "line",
      maxRecordBytes: options.maxRecordBytes,
      parquetStallMs: options.parquetStallMs,
      strict: options.strict === true,
      // What the main thread decodes to write a Parquet file's rows, the workers decode to scan it.
      allColumns: emitter !== undefined,
    };
    // --emit: the outputs are written here, input by input, from what the workers found.
    const emit: ParallelEmit | undefined = emitter && {
      finished: (share) => emitter.wasFinished(share.source.uri),
      takeOver: (share) => {
        const earlier = emitter.finishedEarlier(share.source.uri) as CheckpointEntry;
        tally.absorb(earlier.sections);
        meter?.resumed(earlier.sections.inputs, share.source.size);
        failedInputs += earlier.sections.inputs.filter((input) => input.failed).length;
      },
      begin: (share) => emitter.begin(planned?.get(share.source) as PlannedInput),
      writeTask: (input, share, task, hits, lineBase) =>
        emitTaskRecords(share.source, input, options, { range: task.range, lineBase }, hits, flagKinds),
    };
    let parallel: { failed: number; stopped: boolean };
    try {
      parallel = await scanInParallel(shares, setup, tally, {
        workers,
        onHit,
        stop,
        // A stream is read once: with --emit, this thread reads it and writes its outputs as it goes.
        ...(emit
          ? { emit }
          : {
              streamFormat: streamedShares(shares, setup, workers),
              scanItemHere: (source, part, input, item) =>
                scanItemHere(contextHere(), part, input, source.uri, item, options.strict === true),
            }),
        batchBytes: Math.min(options.taskBytes ?? DEFAULT_BATCH_BYTES, DEFAULT_BATCH_BYTES),
        ...(shareDone ? { onShareDone: shareDone } : {}),
        scanHere: async (source, part, input) => {
          const read = await stop.read(source, part, (from) =>
            scanInput(from, part, contextHere(), options, remaining, input),
          );
          return "outcome" in read ? read.outcome : read;
        },
        ...(meter
          ? {
              // A big file moves task by task (64 MiB), as workers hand its ranges back.
              progress: {
                begin: (share: SourceShare, part: Tally) => meter.begin(part.inputs, share.bytes),
                tick: () => meter.tick(),
                end: () => meter.end(),
              },
            }
          : {}),
      });
    } catch (error) {
      await emitter?.abort();
      throw emitter ? emitWriteError(emitter.options.dir, error) : error;
    }
    failedInputs += parallel.failed;
    interrupted = parallel.stopped;
  } else {
    try {
      for (const share of shares) {
        const { source, span, bytes } = share;
        if (remaining <= 0) break;
        if (stop.stopped) {
          interrupted = true;
          break;
        }
        const earlier = emitter?.finishedEarlier(source.uri);
        if (earlier) {
          // --resume: this input's outputs are complete; its counts come from the checkpoint.
          tally.absorb(earlier.sections);
          meter?.resumed(earlier.sections.inputs, source.size);
          remaining -= earlier.input.read;
          failedInputs += earlier.sections.inputs.filter((input) => input.failed).length;
          continue;
        }
        // Each input is counted apart, then added: the checkpoint keeps its part for --resume.
        const part = new Tally();
        meter?.begin(part.inputs, bytes);
        const emit = emitter?.begin(planned?.get(source) as PlannedInput);
        // A shard's first or last file is read over its stretch only, numbered as in the file.
        const read = span ? { range: span, lineBase: await lineBaseOf(share) } : {};
        const reading = await stop.read(source, part, (from) =>
          scanInput(from, part, contextHere(), options, remaining, emit, read),
        );
        if ("stopped" in reading) {
          // Counted as far as it was read; its outputs stay `.partial` and out of the checkpoint.
          tally.absorb(reading.stopped);
          interrupted = true;
          await emit?.stop();
          meter?.end();
          break;
        }
        const { outcome } = reading;
        remaining = outcome.remaining;
        if (outcome.failed) failedInputs++;
        const sections = part.toSections();
        await emit?.end(sections);
        tally.absorb(sections);
        await shareDone?.(sections);
        meter?.end();
      }
    } catch (error) {
      await emitter?.abort();
      throw emitter ? emitWriteError(emitter.options.dir, error) : error;
    }
  }
  const complete = remaining > 0 && !interrupted;
  if (emitter) {
    try {
      await emitter.close(complete);
    } catch (error) {
      throw emitWriteError(emitter.options.dir, error);
    }
  }
  meter?.finish();

  const report: Report = {
    schema: "selfid.report/1",
    tool: { name: "selfid", version: VERSION },
    patternSet: {
      id: patternSet.id,
      hash: patternSet.hash,
      templates: [...patternSet.langs.values()].reduce((n, lang) => n + lang.templates.length, 0),
      families: patternSet.families.size,
    },
    options: reportOptions,
    ...(options.shard
      ? { shard: { index: options.shard.index, count: options.shard.count, plan: plan.planId } }
      : {}),
    complete,
    ...tally.toSections(),
  };
  return { report, failedInputs, interrupted };
}

/** Inputs below this many bytes in all are scanned in this thread by default: workers take a second to start. */
const WORKERS_FROM_BYTES = 64 << 20;

/**
 * How many worker threads to use (0: none, this thread reads): `workers` if given; else one per
 * core, but no more than there are tasks (a stream counts a task per batch it will be cut into),
 * and one for less than 64 MiB of input the workers can take, where starting more costs more than
 * it saves. One worker is no worker,
 * except for local Parquet files: a worker decodes them here as fast as this thread would, and
 * this thread can end it should a corrupt page loop the decoder; this thread would decode them
 * in a decode thread, handing every row across (see `ParquetDecoder`).
 */
function poolSize(options: ScanOptions, shares: readonly SourceShare[]): number {
  if (options.limit !== undefined) return 0;
  const workers =
    options.workers ??
    defaultPoolSize(shares, { format: options.format, textUnit: options.textUnit ?? "line" });
  if (workers === 1 && !shares.some((share) => isLocalParquet(share, options.format))) return 0;
  return workers;
}

function defaultPoolSize(shares: readonly SourceShare[], settings: StreamSettings): number {
  let bytes = 0;
  let tasks = 0;
  for (const share of shares) {
    // A stream (a Hub file, a compressed file, a JSON array) is scanned by the workers in batches.
    const streamable = streamableFormat(share, settings) !== undefined;
    if (share.source.path === undefined && !streamable) continue;
    bytes += share.bytes ?? 0;
    tasks += streamable ? Math.ceil((share.bytes ?? 0) / DEFAULT_BATCH_BYTES) : (share.ranges?.length ?? 1);
  }
  return bytes >= WORKERS_FROM_BYTES ? Math.max(1, Math.min(defaultWorkers(), tasks)) : 1;
}

function isLocalParquet(share: SourceShare, format: InputFormat | undefined): boolean {
  if (share.source.path === undefined) return false;
  try {
    return formatOf(share.source.uri, format) === "parquet";
  } catch {
    return false;
  }
}

/** Refuses, before anything is read, what has no meaning for one shard of a run. */
function checkShard(options: ScanOptions): void {
  const { index, count } = options.shard as ShardSpec;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new UsageError(`--shard ${index}/${count}: expected I/N with 0 <= I < N`);
  }
  if (options.limit !== undefined) {
    throw new UsageError("--limit cannot be used with --shard: a limit has no meaning across shards");
  }
  if (options.inputs.includes("-")) {
    throw new UsageError(
      "--shard cannot read stdin (-): shards must agree on the bytes of every input before reading; give files",
    );
  }
}

/** A share as the progress meter sees a source: its size is the bytes the share reads. */
function sharedPart(share: SourceShare): Source {
  return share.bytes === undefined || share.bytes === share.source.size
    ? share.source
    : { ...share.source, size: share.bytes };
}
