import { formatMarkdown } from "../report/format-markdown.js";
import { formatTable } from "../report/format-table.js";
import type { Report } from "../report/report-schema.js";
import type { CommandContext } from "./context.js";
import { writeOutput } from "./output-files.js";

/** Where and how a command hands its report out. */
export interface ReportOutputs {
  jsonPath: string | undefined;
  markdownPath: string | undefined;
  format: "table" | "json" | "markdown";
  quiet: boolean | undefined;
}

/** Writes `--json` and `--markdown` and prints the report on stdout in `--format` (unless quiet). */
export async function emitReport(ctx: CommandContext, report: Report, outputs: ReportOutputs): Promise<void> {
  if (outputs.jsonPath) await writeOutput("--json", outputs.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  if (outputs.markdownPath) await writeOutput("--markdown", outputs.markdownPath, formatMarkdown(report));
  if (outputs.quiet) return;
  if (outputs.format === "json") ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (outputs.format === "markdown") ctx.out(formatMarkdown(report));
  else ctx.out(formatTable(report));
}

/** `--fail-above`: exit 1 (with the reason on stderr) when the flagged rate is above the gate. */
export function applyGate(ctx: CommandContext, report: Report, failAbove: number | undefined): void {
  if (failAbove !== undefined && report.totals.rate > failAbove) {
    ctx.err(`selfid: gate failed: flagged rate ${report.totals.rate} is above --fail-above ${failAbove}\n`);
    ctx.setExitCode(1);
  }
}
