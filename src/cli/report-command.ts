import { Command } from "commander";
import type { CommandContext } from "./context.js";
import { addGateOptions, GATES_HELP, type GateFlags, resolveGatePlan } from "./gate-options.js";
import { readReportFile } from "./read-report.js";
import {
  addReportOutputOptions,
  deliverReport,
  type ReportOutputFlags,
  resolveReportOutputs,
} from "./report-output.js";

const EXAMPLES = `
Examples:
  $ selfid report report.json --html report.html      the HTML page of a saved (or merged) report
  $ selfid report report.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ selfid report pr.json --baseline main.json --fail-on-new
                                                      gate a saved report against an earlier one

Renders a selfid.report/1 JSON report (scan --json, merge --json) again, without rescanning, and
applies the same gates as scan.
${GATES_HELP}
Exit codes: 0 ok, 1 gate failed, 2 usage error or an unreadable report.`;

interface ReportFlags extends GateFlags, ReportOutputFlags {}

/** `selfid report REPORT.json`: the outputs of a scan, from its saved report. */
export function reportCommand(ctx: CommandContext): Command {
  const command = new Command("report")
    .description("render a saved JSON report as a table, Markdown or an HTML page")
    .argument("<report>", "a selfid.report/1 JSON file (scan --json, merge --json)")
    .option("-q, --quiet", "print nothing on stdout");
  return addGateOptions(addReportOutputOptions(command, false))
    .addHelpText("after", EXAMPLES)
    .action(async (path: string, flags: ReportFlags) => {
      const paths = await resolveReportOutputs(ctx, flags);
      const gates = await resolveGatePlan(ctx, flags);
      const report = await readReportFile(ctx, "report", path);
      await deliverReport(ctx, report, { paths, flags, gates, label: path });
    });
}
