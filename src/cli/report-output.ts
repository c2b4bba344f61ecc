import { formatMarkdown } from "../report/format-markdown.js";
import { formatTable } from "../report/format-table.js";
import { formatDiffMarkdown } from "../report/report-diff.js";
import type { Report } from "../report/report-schema.js";
import type { CommandContext } from "./context.js";
import type { GateOutcome } from "./gate-options.js";
import { writeOutput } from "./output-files.js";

/** Where and how a command hands its report out. */
export interface ReportOutputs {
  jsonPath: string | undefined;
  markdownPath: string | undefined;
  format: "table" | "json" | "markdown";
  quiet: boolean | undefined;
  /** The gates' outcome: its baseline diff and failures are added to the `--markdown` file. */
  gates?: GateOutcome | undefined;
}

/**
 * Writes `--json` and `--markdown` and prints the report on stdout in `--format` (unless quiet).
 * The gates' diff and failures go to stdout and stderr through `reportGates`, after this.
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
  if (outputs.quiet) return;
  if (outputs.format === "json") ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (outputs.format === "markdown") ctx.out(formatMarkdown(report));
  else ctx.out(formatTable(report));
}

/** The baseline diff and the failed gates, as Markdown sections to follow the summary. */
function gatesMarkdown(gates: GateOutcome | undefined): string {
  if (!gates) return "";
  let out = gates.diff ? `\n${formatDiffMarkdown(gates.diff)}` : "";
  if (gates.failures.length > 0) {
    out += `\n### selfid: gate failed\n\n${gates.failures.map((f) => `- ${f.message.replace(/[|<>`*_[\]\\]/g, "\\$&")}`).join("\n")}\n`;
  }
  return out;
}
