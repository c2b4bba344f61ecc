import { Command, Option } from "commander";
import { newFindingsFailure } from "../report/gates.js";
import { diffReports, formatDiffMarkdown, formatDiffTable } from "../report/report-diff.js";
import type { CommandContext } from "./context.js";
import { readReportFile } from "./read-report.js";

const EXAMPLES = `
Examples:
  $ selfid diff main.json pr.json                  what a dataset update changed
  $ selfid diff main.json pr.json --fail-on-new    CI: exit 1 when the update adds findings
  $ selfid diff main.json pr.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ selfid diff main.json pr.json --format json    the selfid.diff/1 contract, for scripts

Compares flagged records per family × document language (the cells of scan's table), and the
totals and hits by kind. A cell with more flagged records in NEW than in OLD is a new finding;
cells that did not change are left out. Reports made with another selfid version, pattern set or
scan options, or incomplete ones, are still compared, with a warning.
Exit codes: 0 compared (also with new findings), 1 new findings with --fail-on-new, 2 usage error or
a report that cannot be read. The same comparison runs inside scan and merge with --baseline.`;

interface DiffFlags {
  format: "table" | "json" | "markdown";
  failOnNew?: boolean;
}

/** `selfid diff OLD NEW`: what changed between two reports of a dataset, offline. */
export function diffCommand(ctx: CommandContext): Command {
  return new Command("diff")
    .description("compare two reports of a dataset (before and after an update) per family × language")
    .argument("<old>", "the earlier selfid.report/1 JSON report (scan --json)")
    .argument("<new>", "the later report")
    .addOption(
      new Option("--format <format>", "what to print on stdout")
        .choices(["table", "json", "markdown"])
        .default("table"),
    )
    .option("--fail-on-new", "exit 1 when a family × language cell has more flagged records in NEW")
    .addHelpText("after", EXAMPLES)
    .action(async (oldPath: string, newPath: string, flags: DiffFlags) => {
      const before = await readReportFile(ctx, "diff", oldPath);
      const after = await readReportFile(ctx, "diff", newPath);
      const diff = diffReports(before, after, { before: oldPath, after: newPath });
      if (flags.format === "json") {
        ctx.out(`${JSON.stringify(diff, null, 2)}\n`);
        // In the JSON too, but a script's log should show them.
        for (const warning of diff.warnings) ctx.err(`selfid: diff: warning: ${warning}\n`);
      } else if (flags.format === "markdown") ctx.out(formatDiffMarkdown(diff));
      else ctx.out(formatDiffTable(diff));
      const failure = flags.failOnNew ? newFindingsFailure(diff) : undefined;
      if (failure) {
        ctx.err(`selfid: gate failed: ${failure.message}\n`);
        ctx.setExitCode(1);
      }
    });
}
