import type { Command } from "commander";
import { githubGateErrors } from "../report/format-github.js";
import {
  evaluateGates,
  type GateFailure,
  type GateNote,
  type GateSpec,
  newFindingsFailure,
  parseGateSpec,
} from "../report/gates.js";
import { diffReports, formatDiffMarkdown, formatDiffTable, type ReportDiff } from "../report/report-diff.js";
import type { Report } from "../report/report-schema.js";
import type { CommandContext } from "./context.js";
import { readReportFile } from "./read-report.js";
import type { StdoutFormat } from "./report-output.js";

/** The gate flags as commander parses them (see {@link addGateOptions}). */
export interface GateFlags {
  failAbove?: string[];
  failAboveFamily?: string[];
  baseline?: string;
  failOnNew?: boolean;
}

/** The gates of a run, resolved before it starts: parsed thresholds and the baseline report read. */
export interface GatePlan {
  spec: GateSpec;
  /** `--baseline`: the report to diff against, and its path as given. */
  baseline: { path: string; report: Report } | undefined;
  /** `--fail-on-new`: exit 1 when a family × language cell grew since the baseline. */
  failOnNew: boolean;
  /** The run's families, when the command knows them (scan); else the library's, loaded on need. */
  knownFamilies: ReadonlySet<string> | undefined;
}

/** The gates' verdict on a finished report, for stderr, the exit code and the other outputs. */
export interface GateOutcome {
  failures: GateFailure[];
  notes: GateNote[];
  /** With `--baseline`: what changed since it. */
  diff: ReportDiff | undefined;
}

/** What `--help` of a command with the gate options says about them, after its examples. */
export const GATES_HELP = `Gates: --fail-above RATE compares flagged / scanned records; LANG=RATE the same within one document
language (a language with no records passes); --fail-above-family FAMILY=RATE compares the records
flagged for FAMILY with all scanned records, so openai=0 fails on any. A rate equal to the gate passes.
Both repeat and take comma lists (zh=1e-4,en=0.001). --baseline REPORT prints what changed since
REPORT, per family × document language, after the table (on stderr with --format json); with
--fail-on-new, any cell with more flagged records than in REPORT fails the run.`;

/** Adds `--fail-above`, `--fail-above-family`, `--baseline` and `--fail-on-new` to a command. */
export function addGateOptions(command: Command): Command {
  return command
    .option(
      "--fail-above <[lang=]rate>",
      "exit 1 when flagged / scanned records exceeds RATE (e.g. 0.001), or LANG=RATE: within document language LANG (e.g. zh=1e-4); repeatable, comma lists",
      append,
    )
    .option(
      "--fail-above-family <family=rate>",
      "exit 1 when records flagged for FAMILY / scanned records exceeds RATE; openai=0 fails on any (repeatable, comma lists)",
      append,
    )
    .option(
      "--baseline <report.json>",
      "an earlier report of the dataset (scan --json): print what changed per family × language",
    )
    .option(
      "--fail-on-new",
      "with --baseline: exit 1 when a family × language cell has more flagged records",
    );
}

/** Options of {@link resolveGatePlan}. */
export interface GatePlanOptions {
  /**
   * The families of the pattern set the run will use, asked only when a family is gated: a gated
   * family not among them is a usage error. Without it, such a family is warned about at the end.
   */
  families?: () => Promise<ReadonlySet<string>>;
}

/**
 * Resolves the gate flags before any work starts, so a bad value or an unreadable baseline fails at
 * once with exit 2 (through `ctx.usage` or a thrown usage error), not after an hour of scanning.
 */
export async function resolveGatePlan(
  ctx: CommandContext,
  flags: GateFlags,
  options: GatePlanOptions = {},
): Promise<GatePlan> {
  if (flags.failOnNew && flags.baseline === undefined) {
    ctx.usage("--fail-on-new needs --baseline REPORT.json, the earlier report to compare with");
  }
  const spec = parseGateSpec(flags.failAbove ?? [], flags.failAboveFamily ?? []);
  const gated = Object.keys(spec.families);
  let knownFamilies: ReadonlySet<string> | undefined;
  if (options.families && gated.length > 0) {
    knownFamilies = await options.families();
    for (const family of gated) {
      if (!knownFamilies.has(family)) {
        ctx.usage(
          `--fail-above-family ${family}=${spec.families[family]}: unknown family; known families: ${[...knownFamilies].sort().join(" ")}`,
        );
      }
    }
  }
  const baseline =
    flags.baseline === undefined
      ? undefined
      : { path: flags.baseline, report: await readReportFile(ctx, "--baseline", flags.baseline) };
  return { spec, baseline, failOnNew: flags.failOnNew === true, knownFamilies };
}

/**
 * Checks a finished report against the plan: thresholds, and with a baseline the diff (and the
 * new-findings gate). Prints nothing.
 * @param label the report's name in the diff
 */
export async function checkGates(plan: GatePlan, report: Report, label: string): Promise<GateOutcome> {
  const gated = Object.keys(plan.spec.families);
  const needsLibrary =
    plan.knownFamilies === undefined &&
    gated.some((f) => !Object.hasOwn(report.flaggedByFamily, f) && !Object.hasOwn(report.families, f));
  const knownFamilies = needsLibrary ? await builtinFamilies() : plan.knownFamilies;
  const { failures, notes } = evaluateGates(report, plan.spec, knownFamilies);
  const diff = plan.baseline
    ? diffReports(plan.baseline.report, report, { before: plan.baseline.path, after: label })
    : undefined;
  const failure = diff && plan.failOnNew ? newFindingsFailure(diff) : undefined;
  if (failure) failures.push(failure);
  return { failures, notes, diff };
}

/**
 * Hands the outcome out: the diff on stdout after the report (Markdown with `--format markdown`),
 * or on stderr with `--format json` (quiet: only its warnings, on stderr); then on stderr the
 * notes and one `selfid: gate failed: …` line per failure; exit code 1 when a gate failed.
 */
export function reportGates(
  ctx: CommandContext,
  outcome: GateOutcome,
  outputs: { format: StdoutFormat; quiet: boolean | undefined },
): void {
  if (outcome.diff && outputs.quiet) {
    // The diff is not printed, but a baseline that cannot be compared must not go unsaid.
    for (const warning of outcome.diff.warnings) ctx.err(`selfid: warning: --baseline: ${warning}\n`);
  } else if (outcome.diff) {
    if (outputs.format === "json") ctx.err(formatDiffTable(outcome.diff));
    else if (outputs.format === "markdown") ctx.out(`\n${formatDiffMarkdown(outcome.diff)}`);
    else ctx.out(`\n${formatDiffTable(outcome.diff)}`);
  }
  for (const note of outcome.notes) ctx.err(`selfid: ${note.severity}: ${note.message}\n`);
  for (const failure of outcome.failures) ctx.err(`selfid: gate failed: ${failure.message}\n`);
  // In a GitHub Actions log the failures also become annotations of the run.
  if (outputs.format === "github" && !outputs.quiet) {
    ctx.out(githubGateErrors(outcome.failures.map((f) => f.message)));
  }
  if (outcome.failures.length > 0) ctx.setExitCode(1);
}

/** Collects a repeatable option's values; no default, so `--help` shows none. */
function append(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The built-in library's families (the typo check of merged and saved reports). */
async function builtinFamilies(): Promise<ReadonlySet<string>> {
  const { loadPatterns } = await import("../match/load-patterns.js");
  return new Set(loadPatterns().families.keys());
}
