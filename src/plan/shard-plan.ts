import { createHash } from "node:crypto";
import { UsageError } from "../errors.js";
import type { ByteRange } from "../records/byte-range.js";
import { formatOf } from "../records/format.js";
import type { Source } from "../sources/source.js";
import type { InputFormat } from "../types.js";
import { splitSource } from "./split-source.js";

/** Which part of a run this process does: shard `index` (0-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** One task of a run: a whole source, or one byte range of a big one (see `splitSource`). */
export interface PlanTask {
  source: Source;
  /** The byte range; undefined for the whole source. */
  range: ByteRange | undefined;
  /** Its weight: the range's bytes, or the source's size (0 when unknown, outside a sharded run). */
  bytes: number;
}

/**
 * What a run reads of one source: all of it, or (a shard) a contiguous run of its byte ranges.
 * Consecutive tasks of one source form one share.
 */
export interface SourceShare {
  source: Source;
  /** The byte ranges the workers read; undefined when the source is one task. */
  ranges: ByteRange[] | undefined;
  /**
   * The bytes read when the share is not the whole source (a shard's first or last file): from the
   * first range's start to the last one's end. Undefined for the whole source.
   */
  span: ByteRange | undefined;
  /** Bytes read: the source's size, or the span's; undefined when the size is unknown (stdin). */
  bytes: number | undefined;
  /**
   * True when a span's records keep their numbers in the file (Parquet rows), so no lines before
   * it need counting; absent for line-based files, whose spans are numbered from their first line.
   */
  keepsFileNumbers?: true;
}

/**
 * The task plan: the sources in their order, each split into its byte ranges by `split` (or one
 * task when it returns undefined). Every run of the same inputs, sharded or not, on any machine,
 * builds the same plan: it depends only on the file list and sizes.
 * @param split `splitSource` with the run's format, text unit and task size
 */
export function planTasks(
  sources: readonly Source[],
  split: (source: Source) => ByteRange[] | undefined,
): PlanTask[] {
  const tasks: PlanTask[] = [];
  for (const source of sources) {
    const ranges = split(source);
    if (ranges === undefined) tasks.push({ source, range: undefined, bytes: source.size ?? 0 });
    else for (const range of ranges) tasks.push({ source, range, bytes: range.end - range.start });
  }
  return tasks;
}

/**
 * The shard each task belongs to. Assignment is contiguous and balanced by bytes: with `total`
 * bytes in all, a task starting at cumulative offset `o` goes to shard ⌊count·o/total⌋ (at most
 * `count - 1`). So a shard reads one stretch of the concatenated inputs, a big file is spread over
 * many shards, and only a shard's first task can start inside a file. Computed in integers
 * (`BigInt`): every shard must draw exactly the same boundaries, whatever the sizes.
 */
export function assignShards(tasks: readonly Pick<PlanTask, "bytes">[], count: number): number[] {
  const total = BigInt(tasks.reduce((sum, task) => sum + task.bytes, 0));
  const n = BigInt(count);
  let offset = 0;
  return tasks.map((task) => {
    const shard = total === 0n ? 0 : Number((n * BigInt(offset)) / total);
    offset += task.bytes;
    return Math.min(shard, count - 1);
  });
}

/**
 * The tasks of one shard, in plan order. Refuses (a {@link UsageError}) a source of unknown size,
 * such as stdin or a named pipe: nothing can place it in the byte order every shard must agree on.
 */
export function shardTasks(tasks: readonly PlanTask[], shard: ShardSpec): PlanTask[] {
  for (const { source } of tasks) {
    if (source.size === undefined) {
      throw new UsageError(
        `--shard: input ${source.uri} has no size known in advance (stdin or a pipe), so shards cannot agree on who reads it; give files`,
      );
    }
  }
  const owners = assignShards(tasks, shard.count);
  return tasks.filter((_, i) => owners[i] === shard.index);
}

/**
 * Groups consecutive tasks of one source into its share. A source whose tasks are all here is read
 * as a whole (no span); one that lost tasks to another shard is read over its span only.
 */
export function sharesOf(tasks: readonly PlanTask[]): SourceShare[] {
  const shares: SourceShare[] = [];
  let i = 0;
  while (i < tasks.length) {
    const first = tasks[i] as PlanTask;
    const { source } = first;
    if (first.range === undefined) {
      shares.push({ source, ranges: undefined, span: undefined, bytes: source.size });
      i++;
      continue;
    }
    const ranges: ByteRange[] = [];
    for (; i < tasks.length && (tasks[i] as PlanTask).source === source; i++)
      ranges.push((tasks[i] as PlanTask).range as ByteRange);
    const start = (ranges[0] as ByteRange).start;
    const end = (ranges[ranges.length - 1] as ByteRange).end;
    const whole = start === 0 && end === source.size;
    shares.push({
      source,
      ranges,
      span: whole ? undefined : { start, end },
      bytes: end - start,
    });
  }
  return shares;
}

/**
 * Identifies a task plan: the sources, their sizes and byte ranges. Every shard of a run must have
 * the same, or their reports do not add up to the run's (a file changed or appeared between two
 * shards, another `--task-bytes`); `selfid merge` compares it.
 */
export function planId(tasks: readonly PlanTask[]): string {
  const hash = createHash("sha256");
  for (const { source, range, bytes } of tasks)
    hash.update(`${JSON.stringify([source.uri, range?.start ?? null, range?.end ?? null, bytes])}\n`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * What a run reads, source by source: every source, or (with `shard`) the shard's stretch of the
 * task plan, each big uncompressed line-based file split into its byte ranges (see `splitSource`);
 * and the plan's {@link planId}.
 */
export function planShares(
  sources: readonly Source[],
  options: {
    format?: InputFormat | undefined;
    textUnit: "line" | "file";
    taskBytes?: number | undefined;
    shard?: ShardSpec | undefined;
  },
): { shares: SourceShare[]; planId: string } {
  const tasks = planTasks(sources, (source) =>
    splitSource(source, options.format, options.textUnit, options.taskBytes),
  );
  const shares = sharesOf(options.shard ? shardTasks(tasks, options.shard) : tasks);
  for (const share of shares) {
    // Only files of a known format are split, so formatOf cannot throw for a share with ranges.
    if (share.ranges !== undefined && formatOf(share.source.uri, options.format) === "parquet")
      share.keepsFileNumbers = true;
  }
  return { shares, planId: planId(tasks) };
}
