import { Command } from "commander";
import { mergeReports, type NamedReport } from "../report/merge-reports.js";
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
  $ selfid merge shard-*.json --json report.json     the report of the whole dataset
  $ selfid merge a.json b.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ selfid merge shard-*.json --fail-above 0.001 --fail-above-family openai=0
                                                     gate the whole dataset, not each shard
  $ selfid merge shard-*.json --baseline main.json --fail-on-new
                                                     exit 1 when the update adds findings beyond main.json

The reports must come from the same selfid version, pattern set and scan options, over disjoint
parts of the data (shards, or inputs split by hand); the result is the report one run over all of
it gives. Shard reports (scan --shard I/N) are taken in shard order whatever the order given; a
shard given twice, shards of different counts, or a mix with other reports are refused; missing
shards give a warning and "complete": false.
${GATES_HELP}
Exit codes: 0 ok, 1 gate failed (--fail-above, --fail-above-family, --fail-on-new), 2 usage error
(a bad gate value) or an unreadable report or --baseline.`;

interface MergeFlags extends GateFlags, ReportOutputFlags {}

/** `selfid merge REPORT…`: combines the reports of shards into one. */
export function mergeCommand(ctx: CommandContext): Command {
  const command = new Command("merge")
    .description("combine the JSON reports of shards (or runs over parts of a dataset) into one")
    .argument("<reports...>", "selfid.report/1 JSON files (scan --json)");
  return addGateOptions(addReportOutputOptions(command, true))
    .option("-q, --quiet", "print nothing on stdout")
    .addHelpText("after", EXAMPLES)
    .action(async (reportPaths: string[], flags: MergeFlags) => {
      const gates = await resolveGatePlan(ctx, flags);
      const paths = await resolveReportOutputs(ctx, flags);
      const reports: NamedReport[] = [];
      for (const path of reportPaths)
        reports.push({ name: path, report: await readReportFile(ctx, "merge", path) });
      const { report, missingShards } = mergeReports(reports);
      if (missingShards.length > 0) {
        const count = reports[0]?.report.shard?.count;
        ctx.err(
          `selfid: merge: warning: shard(s) ${describeIndices(missingShards)} of ${count} missing; the merged report is incomplete ("complete": false)\n`,
        );
      }
      await deliverReport(ctx, report, { paths, flags, gates, label: "the merged report" });
    });
}

/** `[0, 2, 3, 4, 7]` as `0, 2-4, 7`. */
function describeIndices(indices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && (indices[j + 1] as number) === (indices[j] as number) + 1) j++;
    parts.push(j === i ? `${indices[i]}` : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
