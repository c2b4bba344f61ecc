import type { Report } from "./report-schema.js";

/** Family columns shown before the rest are summed into "other". */
const MAX_FAMILY_COLUMNS = 8;

/** A summary table as rows of cells: languages × families, with totals. Shared by text and Markdown. */
export interface SummaryGrid {
  header: string[];
  rows: string[][];
  /** The "all" row. */
  total: string[];
}

/**
 * Builds the per-language × per-family grid: document languages as rows (records scanned, flagged,
 * rate), then for each family the records of that language it flagged.
 */
export function summaryGrid(report: Report): SummaryGrid {
  const families = Object.entries(report.flaggedByFamily)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([f]) => f);
  const shown = families.length > MAX_FAMILY_COLUMNS ? families.slice(0, MAX_FAMILY_COLUMNS - 1) : families;
  const others = families.slice(shown.length);
  const header = [
    "language",
    "records",
    "flagged",
    "rate",
    ...shown,
    ...(others.length > 0 ? ["other"] : []),
  ];
  const cells = (records: number, flagged: number, byFamily: Record<string, number>) => [
    formatCount(records),
    formatCount(flagged),
    formatRate(records > 0 ? flagged / records : 0),
    ...shown.map((f) => formatCount(byFamily[f] ?? 0)),
    ...(others.length > 0 ? [formatCount(others.reduce((n, f) => n + (byFamily[f] ?? 0), 0))] : []),
  ];
  const rows = Object.entries(report.languages)
    .sort(([a, x], [b, y]) => y.records - x.records || (a < b ? -1 : 1))
    .map(([lang, l]) => [lang, ...cells(l.records, l.flagged, l.families)]);
  const total = ["all", ...cells(report.totals.scanned, report.totals.flagged, report.flaggedByFamily)];
  return { header, rows, total };
}

/** The table `selfid scan` prints on stdout by default. */
export function formatTable(report: Report): string {
  const grid = summaryGrid(report);
  const all = [grid.header, ...grid.rows, grid.total];
  const widths = grid.header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const out: string[] = [headline(report), ""];
  out.push(line(grid.header), ...grid.rows.map(line), line(grid.total), "");
  if (Object.keys(report.flaggedByFamily).length > 0) {
    out.push("family columns: records flagged with a claim of that family (a record can claim two)");
  }
  out.push(`findings: ${kindsLine(report)}`);
  out.push(...errorLines(report));
  return `${out.join("\n")}\n`;
}

/** One line: what was scanned and how much was flagged. */
export function headline(report: Report): string {
  const t = report.totals;
  const inputs = report.inputs.length;
  const bytes = report.inputs.reduce((n, i) => n + i.bytes, 0);
  const parts = [
    `selfid ${report.tool.version}: ${formatCount(inputs)} input${inputs === 1 ? "" : "s"} (${formatBytes(bytes)})`,
    `${formatCount(t.scanned)} records scanned`,
    `${formatCount(t.flagged)} flagged (${formatRate(t.rate)})`,
    `${formatCount(t.errors)} error${t.errors === 1 ? "" : "s"}`,
  ];
  if (!report.complete) parts.push("INCOMPLETE (stopped early)");
  return parts.join(", ");
}

/** `self-claim 12, creator-claim 3, disclaimer 40 (not flagging)` */
export function kindsLine(report: Report): string {
  const flagKinds = new Set(report.options.flagKinds);
  const parts = Object.entries(report.totals.hitsByKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${formatCount(n)}${flagKinds.has(kind as never) ? "" : " (not flagging)"}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** Failed inputs and the first record errors, with a hint when more were cut. */
export function errorLines(report: Report): string[] {
  if (report.totals.errors === 0) return [];
  const lines = [`errors: ${formatCount(report.totals.errors)} (records or inputs that could not be read)`];
  for (const e of report.errors.slice(0, 5)) {
    const where =
      e.line !== undefined ? ` line ${e.line}` : e.record !== undefined ? ` record ${e.record}` : "";
    lines.push(`  ${e.source}${where}: ${e.message}`);
  }
  if (report.totals.errors > 5)
    lines.push(`  … ${formatCount(report.totals.errors - 5)} more in the JSON report (--json)`);
  return lines;
}

/** 1,234,567 */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** 2.40% ; 0.00123% ; 0% */
export function formatRate(rate: number): string {
  if (rate === 0) return "0%";
  const percent = rate * 100;
  return `${percent >= 0.01 ? percent.toFixed(2) : percent.toPrecision(2)}%`;
}

/** `4.6 kB`, `138 MB`: decimal units. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
