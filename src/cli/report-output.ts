import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { githubAnnotations, githubSummaryNotice } from "../report/format-github.js";
import { escapeMarkdown, formatMarkdown } from "../report/format-markdown.js";
import { formatTable } from "../report/format-table.js";
import { formatDiffMarkdown } from "../report/report-diff.js";
import type { Report } from "../report/report-schema.js";
import type { CommandContext } from "./context.js";
import { checkGates, type GateOutcome, type GatePlan, reportGates } from "./gate-options.js";
import { checkWritable, writeOutput } from "./output-files.js";

/** What a command prints on stdout (`--format`). */
export type StdoutFormat = "table" | "json" | "markdown" | "github";

/** The report flags scan, merge and report share, as commander parses them. */
export interface ReportOutputFlags {
  json?: string;
  markdown?: string;
  html?: string;
  format: StdoutFormat;
  quiet?: boolean;
}

/** Where and how a command hands its report out. */
export interface ReportOutputs {
  jsonPath: string | undefined;
  markdownPath: string | undefined;
  htmlPath: string | undefined;
  format: StdoutFormat;
  quiet: boolean | undefined;
  /** The gates' outcome: its baseline diff and failures are added to the `--markdown` file. */
  gates?: GateOutcome | undefined;
  /**
   * `--format github`: the annotations of the scan's hits. Without them (merge, report), the
   * report's examples are annotated.
   */
  annotations?: string | undefined;
}

/**
 * Adds `--markdown`, `--html` and `--format` (and `--json FILE` unless the command reads a report
 * instead) to a command.
 */
export function addReportOutputOptions(command: Command, withJson: boolean): Command {
  if (withJson) command.option("--json <file>", "write the JSON report (schema selfid.report/1)");
  return command
    .option("--markdown <file>", "write a Markdown summary (for a pull request or $GITHUB_STEP_SUMMARY)")
    .option(
      "--html <file>",
      "write the report as one self-contained HTML page (heatmap, bars, examples, errors)",
    )
    .addOption(
      new Option(
        "--format <format>",
        "what to print on stdout; github: workflow-command annotations for a GitHub Actions log",
      )
        .choices(["table", "json", "markdown", "github"])
        .default("table"),
    );
}

/** The output paths, resolved and checked writable before any work starts. */
export async function resolveReportOutputs(
  ctx: CommandContext,
  flags: ReportOutputFlags,
): Promise<Pick<ReportOutputs, "jsonPath" | "markdownPath" | "htmlPath">> {
  const path = async (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const resolved = resolve(ctx.cwd, value);
    await checkWritable(flag, resolved);
    return resolved;
  };
  return {
    jsonPath: await path("--json", flags.json),
    markdownPath: await path("--markdown", flags.markdown),
    htmlPath: await path("--html", flags.html),
  };
}

/**
 * Writes `--json`, `--markdown` and `--html` and prints the report on stdout in `--format` (unless
 * quiet). The gates' diff and failures go to stdout and stderr through `reportGates`, after this.
 */
export async function emitReport(ctx: CommandContext, report: Report, outputs: ReportOutputs): Promise<void> {
  if (outputs.jsonPath) await writeOutput("--json", outputs.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  if (outputs.markdownPath) {
    await writeOutput(
      "--markdown",
      outputs.markdownPath,
      formatMarkdown(report) + gatesMarkdown(outputs.gates),
    );
  }
  if (outputs.htmlPath) {
    // Loaded on use: the page's dozen modules are not needed by a run without --html.
    const { formatHtml } = await import("../report/format-html.js");
    await writeOutput("--html", outputs.htmlPath, formatHtml(report));
  }
  if (outputs.quiet) return;
  if (outputs.format === "json") ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (outputs.format === "markdown") ctx.out(formatMarkdown(report));
  else if (outputs.format === "github") {
    ctx.out(githubSummaryNotice(report));
    ctx.out(
      outputs.annotations ??
        githubAnnotations(report.examples, {
          workspace: ctx.env.GITHUB_WORKSPACE ?? ctx.cwd,
          cwd: ctx.cwd,
          flagKinds: report.options.flagKinds,
        }),
    );
  } else ctx.out(formatTable(report));
}

/**
 * The end of `scan`, `merge` and `report`: checks the gates (none for an interrupted scan, whose
 * report covers part of the data), writes and prints the report, then the gates' diff and verdict.
 * @param label the report's name in a baseline diff
 */
export async function deliverReport(
  ctx: CommandContext,
  report: Report,
  how: {
    paths: Pick<ReportOutputs, "jsonPath" | "markdownPath" | "htmlPath">;
    flags: ReportOutputFlags;
    gates: GatePlan | undefined;
    label: string;
    annotations?: string | undefined;
  },
): Promise<void> {
  const { format, quiet } = how.flags;
  const outcome = how.gates ? await checkGates(how.gates, report, how.label) : undefined;
  await emitReport(ctx, report, {
    ...how.paths,
    format,
    quiet,
    gates: outcome,
    annotations: how.annotations,
  });
  if (outcome) reportGates(ctx, outcome, { format, quiet });
}

/** The baseline diff and the failed gates, as Markdown sections to follow the summary. */
function gatesMarkdown(gates: GateOutcome | undefined): string {
  if (!gates) return "";
  let out = gates.diff ? `\n${formatDiffMarkdown(gates.diff)}` : "";
  if (gates.failures.length > 0) {
    out += `\n### selfid: gate failed\n\n${gates.failures.map((f) => `- ${escapeMarkdown(f.message)}`).join("\n")}\n`;
  }
  return out;
}
