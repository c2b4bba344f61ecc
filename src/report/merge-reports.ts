import { UsageError } from "../errors.js";
import { Tally } from "../tally/tally.js";
import type { Report } from "./report-schema.js";

/** A report with where it came from, for error messages. */
export interface NamedReport {
  name: string;
  report: Report;
}

/**
 * Combines the reports of runs over disjoint parts of a dataset (shards, or inputs split by hand)
 * into the report one run over all of it gives: counts are summed, an input reported by several
 * runs (byte ranges of one file) is summed into one entry at its first place, and examples and
 * errors are chosen again from the union, as the smallest by (source, record), which is what a
 * single run keeps. Refuses, with a {@link UsageError} naming the reports, runs that are not
 * comparable: another selfid version, pattern set or scan options.
 */
export function mergeReports(reports: readonly NamedReport[]): Report {
  const [first, ...rest] = reports;
  if (first === undefined) throw new UsageError("merge: give at least one report");
  for (const other of rest) checkComparable(first, other);
  const tally = new Tally();
  const bySource = new Map<string, Report["inputs"][number]>();
  for (const { report } of reports) {
    const { inputs, ...sections } = report;
    tally.absorb({ ...sections, inputs: [] });
    // An input seen before (another byte range of the file) is summed into its first entry.
    for (const input of inputs)
      bySource.set(input.source, tally.absorbInput(input, bySource.get(input.source)));
  }
  return {
    schema: first.report.schema,
    tool: first.report.tool,
    patternSet: first.report.patternSet,
    options: first.report.options,
    complete: reports.every(({ report }) => report.complete),
    ...tally.toSections(),
  };
}

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
