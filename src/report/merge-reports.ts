import { UsageError } from "../errors.js";
import { Tally } from "../tally/tally.js";
import type { Report } from "./report-schema.js";

/** A report with where it came from, for error messages. */
export interface NamedReport {
  name: string;
  report: Report;
}

/** What {@link mergeReports} returns. */
export interface MergedReport {
  report: Report;
  /** Shard reports: the indices of the shards none of the reports is from (then `complete` is false). */
  missingShards: number[];
}

/**
 * Combines the reports of runs over disjoint parts of a dataset (shards, or inputs split by hand)
 * into the report one run over all of it gives: counts are summed, an input reported by several
 * runs (byte ranges of one file) is summed into one entry at its first place, and examples and
 * errors are chosen again from the union, as the smallest by (source, record), which is what a
 * single run keeps. Shard reports (`scan --shard`) are taken in shard order, whatever the order
 * given, so the inputs come in the order of one run; missing shards make the result incomplete.
 * Refuses, with a {@link UsageError} naming the reports, runs that are not comparable: another
 * selfid version, pattern set or scan options, a mix of shard and other reports, shards of different
 * counts, or one shard twice.
 */
export function mergeReports(reports: readonly NamedReport[]): MergedReport {
  const [first, ...rest] = reports;
  if (first === undefined) throw new UsageError("merge: give at least one report");
  for (const other of rest) checkComparable(first, other);
  const { ordered, missing } = orderShards(reports);
  const tally = new Tally();
  const bySource = new Map<string, Report["inputs"][number]>();
  for (const { report } of ordered) {
    const { inputs, ...sections } = report;
    tally.absorb({ ...sections, inputs: [] });
    // An input seen before (another byte range of the file) is summed into its first entry.
    for (const input of inputs)
      bySource.set(input.source, tally.absorbInput(input, bySource.get(input.source)));
  }
  const report: Report = {
    schema: first.report.schema,
    tool: first.report.tool,
    patternSet: first.report.patternSet,
    options: first.report.options,
    complete: missing.length === 0 && reports.every(({ report }) => report.complete),
    ...tally.toSections(),
  };
  return { report, missingShards: missing };
}

/**
 * Shard reports sorted by index, and the indices none of them has; other reports as given. Refuses
 * a mix of the two, different shard counts, and a shard given twice.
 */
function orderShards(reports: readonly NamedReport[]): {
  ordered: readonly NamedReport[];
  missing: number[];
} {
  const sharded = reports.filter(({ report }) => report.shard !== undefined);
  if (sharded.length === 0) return { ordered: reports, missing: [] };
  const plain = reports.find(({ report }) => report.shard === undefined);
  if (plain !== undefined) {
    throw new UsageError(
      `merge: ${plain.name} is not a shard report but ${(sharded[0] as NamedReport).name} is (scan --shard); merge the reports of one sharded run, or of runs over parts split by hand, not both`,
    );
  }
  const byIndex = new Map<number, NamedReport>();
  const [head] = sharded as [NamedReport];
  const count = (head.report.shard as ShardInfo).count;
  for (const named of sharded) {
    const shard = named.report.shard as ShardInfo;
    if (shard.count !== count) {
      throw new UsageError(
        `merge: ${named.name} is shard ${shard.index}/${shard.count} but ${head.name} is of ${count} shards; merge the shards of one run`,
      );
    }
    if (shard.index >= count) {
      throw new UsageError(
        `merge: ${named.name} says it is shard ${shard.index} of ${count}, which does not exist`,
      );
    }
    if (shard.plan !== head.report.shard?.plan) {
      throw new UsageError(
        `merge: ${named.name} and ${head.name} are shards of different plans (the files, their sizes or --task-bytes differed between the runs); run every shard over the same data`,
      );
    }
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) {
      throw new UsageError(
        `merge: ${twin.name} and ${named.name} are both shard ${shard.index}/${count}; give each shard once`,
      );
    }
    byIndex.set(shard.index, named);
  }
  const missing: number[] = [];
  for (let index = 0; index < count; index++) if (!byIndex.has(index)) missing.push(index);
  return { ordered: [...byIndex].sort(([a], [b]) => a - b).map(([, named]) => named), missing };
}

type ShardInfo = NonNullable<Report["shard"]>;

function checkComparable(a: NamedReport, b: NamedReport): void {
  const differ = (what: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      throw new UsageError(
        `merge: ${b.name} was made with another ${what} than ${a.name} (${JSON.stringify(y)} vs ${JSON.stringify(x)}); only runs of the same selfid, patterns and options can be merged`,
      );
    }
  };
  differ("selfid version", a.report.tool.version, b.report.tool.version);
  differ("pattern set", a.report.patternSet.hash, b.report.patternSet.hash);
  differ("set of scan options", a.report.options, b.report.options);
}
