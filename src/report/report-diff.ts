import { z } from "zod";
import { HIT_KINDS } from "../types.js";
import { escapeMarkdown } from "./format-markdown.js";
import { formatCount, formatRate } from "./format-table.js";
import type { Report } from "./report-schema.js";

/**
 * What changed between two reports of a dataset (before and after an update, a PR's data against
 * main's): flagged records per family × document language, the totals and the hits by kind. A
 * cell that grew is a *new finding*; `--fail-on-new` fails on any. Pure: reports in, data out, and
 * text from the data.
 */

const count = z.number().int().nonnegative();

/** A count in both reports. */
export const countChangeSchema = z.object({ before: count, after: count, delta: z.number().int() });
export type CountChange = z.infer<typeof countChangeSchema>;

/** Flagged records of one family in one document language (`languages[lang].families[family]`). */
export const cellChangeSchema = z.object({
  family: z.string(),
  lang: z.string(),
  before: count,
  after: count,
  delta: z.number().int(),
});
export type CellChange = z.infer<typeof cellChangeSchema>;

/** Which report a side of the diff is. */
export const diffSideSchema = z.object({
  /** The file name, or `before`/`after`, or what the caller says (`this scan`). */
  label: z.string(),
  version: z.string(),
  patternSet: z.object({ id: z.string(), hash: z.string() }),
  complete: z.boolean(),
});

/**
 * The contract of `selfid diff --format json`, schema `selfid.diff/1`. Extend it only by adding
 * fields.
 */
export const reportDiffSchema = z.object({
  schema: z.literal("selfid.diff/1"),
  before: diffSideSchema,
  after: diffSideSchema,
  /**
   * Same selfid version, pattern set and scan options, both complete and neither one shard: changes
   * come from the data alone. Otherwise `warnings` says what differs; the diff is still computed.
   */
  comparable: z.boolean(),
  warnings: z.array(z.string()),
  totals: z.object({
    records: countChangeSchema,
    scanned: countChangeSchema,
    flagged: countChangeSchema,
    errors: countChangeSchema,
    rate: z.object({ before: z.number().nonnegative(), after: z.number().nonnegative(), delta: z.number() }),
  }),
  /** Hits of every kind, changed or not. */
  hitsByKind: z.record(z.enum(HIT_KINDS), countChangeSchema),
  /**
   * The family × language cells whose flagged records changed: grown ones first (largest growth
   * first), then shrunk ones (largest drop first); ties by family, then language. Unchanged cells
   * are left out.
   */
  cells: z.array(cellChangeSchema),
  /** The grown cells, and the flagged records they added. */
  newFindings: z.object({ cells: count, records: count }),
  /** One line: `no new findings`, or `2 family × language cells have new findings: +5 flagged records`. */
  verdict: z.string(),
});

/** A `selfid.diff/1` diff of two reports. */
export type ReportDiff = z.infer<typeof reportDiffSchema>;

/** Names for the two reports in the diff's text. */
export interface DiffLabels {
  /** @default "before" */
  before?: string;
  /** @default "after" */
  after?: string;
}

/** Compares two reports of a dataset. Reports that are not comparable give warnings, not an error. */
export function diffReports(before: Report, after: Report, labels: DiffLabels = {}): ReportDiff {
  const names = { before: labels.before ?? "before", after: labels.after ?? "after" };
  const warnings = comparabilityWarnings(before, after, names);
  const change = (x: number, y: number): CountChange => ({ before: x, after: y, delta: y - x });
  const hitsByKind = {} as ReportDiff["hitsByKind"];
  for (const kind of HIT_KINDS) {
    hitsByKind[kind] = change(before.totals.hitsByKind[kind] ?? 0, after.totals.hitsByKind[kind] ?? 0);
  }
  const cells = changedCells(before, after);
  const grown = cells.filter((c) => c.delta > 0);
  const shrunk = cells.filter((c) => c.delta < 0);
  const newFindings = { cells: grown.length, records: grown.reduce((n, c) => n + c.delta, 0) };
  return {
    schema: "selfid.diff/1",
    before: side(before, names.before),
    after: side(after, names.after),
    comparable: warnings.comparable,
    warnings: warnings.messages,
    totals: {
      records: change(before.totals.records, after.totals.records),
      scanned: change(before.totals.scanned, after.totals.scanned),
      flagged: change(before.totals.flagged, after.totals.flagged),
      errors: change(before.totals.errors, after.totals.errors),
      rate: {
        before: before.totals.rate,
        after: after.totals.rate,
        delta: after.totals.rate - before.totals.rate,
      },
    },
    hitsByKind,
    cells,
    newFindings,
    verdict: verdict(newFindings, shrunk),
  };
}

function side(report: Report, label: string): ReportDiff["before"] {
  return {
    label,
    version: report.tool.version,
    patternSet: { id: report.patternSet.id, hash: report.patternSet.hash },
    complete: report.complete,
  };
}

function changedCells(before: Report, after: Report): CellChange[] {
  const cells = new Map<string, CellChange>();
  const add = (report: Report, which: "before" | "after") => {
    for (const [lang, summary] of Object.entries(report.languages)) {
      for (const [family, n] of Object.entries(summary.families)) {
        const key = `${family}\0${lang}`;
        const cell = cells.get(key) ?? { family, lang, before: 0, after: 0, delta: 0 };
        cell[which] += n;
        cells.set(key, cell);
      }
    }
  };
  add(before, "before");
  add(after, "after");
  const changed = [...cells.values()].filter((c) => c.before !== c.after);
  for (const c of changed) c.delta = c.after - c.before;
  const byName = (a: CellChange, b: CellChange) =>
    a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0;
  // Grown before shrunk, each by the size of the change.
  return changed.sort(
    (a, b) =>
      Number(b.delta > 0) - Number(a.delta > 0) || Math.abs(b.delta) - Math.abs(a.delta) || byName(a, b),
  );
}

function verdict(newFindings: ReportDiff["newFindings"], shrunk: readonly CellChange[]): string {
  const dropped = shrunk.reduce((n, c) => n + c.delta, 0);
  const fewer =
    shrunk.length > 0
      ? ` (${shrunk.length} ${shrunk.length === 1 ? "cell has" : "cells have"} fewer: ${flaggedRecords(dropped)})`
      : "";
  if (newFindings.cells === 0) return `no new findings${fewer}`;
  return `${grownCells(newFindings.cells)} new findings: ${flaggedRecords(newFindings.records)}${fewer}`;
}

/** `1 family × language cell has`, `3 family × language cells have`. */
export function grownCells(n: number): string {
  return n === 1 ? "1 family × language cell has" : `${formatCount(n)} family × language cells have`;
}

/** `+1 flagged record`, `-4 flagged records`. */
export function flaggedRecords(delta: number): string {
  return `${signed(delta)} flagged record${Math.abs(delta) === 1 ? "" : "s"}`;
}

function comparabilityWarnings(
  before: Report,
  after: Report,
  names: { before: string; after: string },
): { comparable: boolean; messages: string[] } {
  const messages: string[] = [];
  if (before.tool.version !== after.tool.version) {
    messages.push(
      `the reports come from different selfid versions (${before.tool.version} vs ${after.tool.version}); a change may come from selfid, not the data`,
    );
  }
  if (before.patternSet.hash !== after.patternSet.hash) {
    messages.push(
      `the reports were made with different pattern sets (${before.patternSet.id} ${before.patternSet.hash.slice(0, 12)} vs ${after.patternSet.id} ${after.patternSet.hash.slice(0, 12)}); a change may come from the patterns, not the data`,
    );
  }
  const options = (Object.keys({ ...before.options, ...after.options }) as (keyof Report["options"])[])
    .filter((key) => JSON.stringify(before.options[key]) !== JSON.stringify(after.options[key]))
    .map((key) => `${key} ${JSON.stringify(before.options[key])} vs ${JSON.stringify(after.options[key])}`);
  if (options.length > 0) {
    messages.push(
      `the reports were made with different scan options (${options.join("; ")}); a change may come from the options, not the data`,
    );
  }
  for (const [name, report] of [
    [names.before, before],
    [names.after, after],
  ] as const) {
    if (report.shard) {
      messages.push(`${name} is the report of shard ${report.shard.index}/${report.shard.count} only`);
    } else if (!report.complete) {
      messages.push(`${name} is incomplete (the run stopped early, or shards are missing)`);
    }
  }
  return { comparable: messages.length === 0, messages };
}

/** `+3`, `-2`, `0`. */
function signed(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** A rate's change in percentage points: `+0.25 pp`. */
function signedPoints(delta: number): string {
  if (delta === 0) return "0 pp";
  const shown = formatRate(Math.abs(delta)).replace("%", " pp");
  return `${delta > 0 ? "+" : "-"}${shown}`;
}

/** Rows of the totals part: label, before, after, change. Hit kinds only when they changed. */
function totalRows(diff: ReportDiff): string[][] {
  const t = diff.totals;
  const row = (label: string, c: CountChange) => [
    label,
    formatCount(c.before),
    formatCount(c.after),
    signed(c.delta),
  ];
  const rows = [
    row("records", t.records),
    row("scanned", t.scanned),
    row("flagged", t.flagged),
    ["rate", formatRate(t.rate.before), formatRate(t.rate.after), signedPoints(t.rate.delta)],
  ];
  if (t.errors.before + t.errors.after > 0) rows.push(row("errors", t.errors));
  for (const [kind, c] of Object.entries(diff.hitsByKind))
    if (c.delta !== 0) rows.push(row(`${kind} hits`, c));
  return rows;
}

/** Rows of the changed cells; `grown` marks the change of a new finding. */
function cellRows(diff: ReportDiff, grown: (change: string) => string = (change) => change): string[][] {
  return diff.cells.map((c) => [
    c.family,
    c.lang,
    formatCount(c.before),
    formatCount(c.after),
    c.delta > 0 ? grown(signed(c.delta)) : signed(c.delta),
  ]);
}

/** The diff as plain text for a terminal: verdict, warnings, totals, then the changed cells. */
export function formatDiffTable(diff: ReportDiff): string {
  const out = [`selfid diff ${diff.before.label} → ${diff.after.label}: ${diff.verdict}`];
  for (const warning of diff.warnings) out.push(`warning: ${warning}`);
  out.push("", ...alignTable([["", diff.before.label, diff.after.label, "change"], ...totalRows(diff)], 1));
  if (diff.cells.length > 0) {
    out.push(
      "",
      "flagged records by family × document language (changed cells only):",
      ...alignTable([["family", "language", "before", "after", "change"], ...cellRows(diff)], 2),
    );
  }
  return `${out.join("\n")}\n`;
}

/** The diff as Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`. */
export function formatDiffMarkdown(diff: ReportDiff): string {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [
    `### selfid: changes from ${code(diff.before.label)} to ${code(diff.after.label)}`,
    "",
    `**${diff.verdict}**`,
  ];
  if (diff.warnings.length > 0)
    out.push("", ...diff.warnings.map((w) => `> **Warning:** ${escapeMarkdown(w)}`));
  out.push(
    "",
    row(["", escapeMarkdown(diff.before.label), escapeMarkdown(diff.after.label), "change"]),
    row(["---", "---:", "---:", "---:"]),
    ...totalRows(diff).map(row),
  );
  if (diff.cells.length > 0) {
    out.push(
      "",
      "Flagged records by family × document language (changed cells only):",
      "",
      row(["family", "language", "before", "after", "change"]),
      row(["---", "---", "---:", "---:", "---:"]),
      ...cellRows(diff, (change) => `**${change}**`).map(row),
    );
  }
  return `${out.join("\n")}\n`;
}

/** Columns padded to their widest cell; the first `left` columns left-aligned, the rest right. */
function alignTable(rows: string[][], left: number): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (c < left ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
