import { errorLines, headline, kindsLine, summaryGrid } from "./format-table.js";
import type { Report } from "./report-schema.js";

/** A compact Markdown summary, fit for a pull-request comment or `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(report: Report): string {
  const grid = summaryGrid(report);
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [
    "## selfid: rival-model self-introductions",
    "",
    headline(report),
    "",
    row(grid.header),
    row(grid.header.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...grid.rows.map(row),
    row(grid.total.map((cell) => `**${cell}**`)),
    "",
    `Findings: ${kindsLine(report)}.`,
  ];
  const examples = report.examples.filter((e) => e.family !== null).slice(0, 10);
  if (examples.length > 0) {
    out.push("", "<details><summary>Examples</summary>", "");
    for (const e of examples) {
      const where = e.line !== undefined ? `${e.source}:${e.line}` : `${e.source} record ${e.record}`;
      out.push(
        `- \`${where}\` ${e.family} ${e.kind} (${e.lang}, ${e.role}): ${escapeMarkdown(e.snippet.replace(/\s+/g, " "))}`,
      );
    }
    out.push("", "</details>");
  }
  const errors = errorLines(report);
  if (errors.length > 0) out.push("", "```", ...errors, "```");
  return `${out.join("\n")}\n`;
}

/** Text as literal Markdown: the characters that would format it, or end a table cell, escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[|<>`*_[\]\\]/g, "\\$&");
}
