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
    // Inputs seen before are summed into their entry; new ones are added in order.
    for (const input of inputs) {
      const known = bySource.get(input.source);
      const single = { ...sections, inputs: [input] };
      if (known) tally.absorb(single, known);
      else {
        tally.absorb(single);
        bySource.set(input.source, tally.inputs.at(-1) as Report["inputs"][number]);
      }
      // Everything but the inputs is taken once per report, with its first input.
      Object.assign(sections, EMPTY_SECTIONS);
    }
    if (inputs.length === 0) tally.absorb({ ...sections, inputs: [] });
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

const EMPTY_SECTIONS = {
  totals: {
    records: 0,
    scanned: 0,
    flagged: 0,
    errors: 0,
    noText: 0,
    hits: 0,
    rate: 0,
    hitsByKind: {} as Report["totals"]["hitsByKind"],
  },
  languages: {},
  families: {},
  flaggedByFamily: {},
  roles: {},
  examples: [],
  errors: [],
} satisfies Omit<Report, "schema" | "tool" | "patternSet" | "options" | "complete" | "inputs">;

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
