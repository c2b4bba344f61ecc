import { formatCount, formatRate, headline } from "../format-table.js";
import type { Report } from "../report-schema.js";
import { attributes, escapeHtml } from "./escape.js";

/** The page header: title, the headline numbers, a banner when the run is incomplete, run info. */
export function renderHeader(report: Report): string {
  const t = report.totals;
  const stats: [name: string, value: string, note: string][] = [
    ["records", formatCount(t.records), "read"],
    ["scanned", formatCount(t.scanned), t.noText > 0 ? `${formatCount(t.noText)} without text` : ""],
    ["flagged", formatCount(t.flagged), "records"],
    ["rate", formatRate(t.rate), "flagged / scanned"],
    ["errors", formatCount(t.errors), "unreadable"],
    ["hits", formatCount(t.hits), "findings"],
  ];
  const cards = stats.map(
    ([name, value, note]) =>
      `<div class="stat stat-${name}"${attributes({
        "data-stat": name,
        "data-nonzero": name === "errors" && t.errors > 0 ? "" : undefined,
      })}><div class="label">${name}</div>` +
      `<div class="value">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`,
  );
  const badge = report.complete
    ? ""
    : ' <span class="badge badge-incomplete" data-complete="false">incomplete</span>';
  return [
    '<header class="page-header">',
    `<h1>selfid report${badge}</h1>`,
    `<p class="headline">${escapeHtml(headline(report))}</p>`,
    report.complete ? "" : incompleteBanner(report),
    `<div class="stats" id="selfid-stats">${cards.join("")}</div>`,
    runInfo(report),
    "</header>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}

function incompleteBanner(report: Report): string {
  const why =
    report.options.limit !== null
      ? `it was limited to ${formatCount(report.options.limit)} records (--limit)`
      : "the run stopped early (interrupted or --strict), or shards of a merged run are missing";
  return `<div class="incomplete" id="selfid-incomplete" role="alert"><strong>Incomplete:</strong> ${escapeHtml(why)}. The counts cover only part of the data.</div>`;
}

function runInfo(report: Report): string {
  const o = report.options;
  const list = (items: readonly string[], none: string) =>
    items.length > 0
      ? items.map((i) => `<code>${escapeHtml(i)}</code>`).join(" ")
      : `<span class="muted">${none}</span>`;
  const p = report.patternSet;
  const rows: [term: string, value: string, wide?: boolean][] = [
    ["tool", `${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}`],
    ["complete", report.complete ? "yes" : '<strong class="bad">no</strong>'],
    [
      "patterns",
      `<code>${escapeHtml(p.id)}</code> · ${formatCount(p.templates)} templates · ${formatCount(p.families)} families · hash <code class="hash">${escapeHtml(p.hash)}</code>`,
      true,
    ],
  ];
  if (report.shard !== undefined) {
    const s = report.shard;
    const plan = s.plan !== undefined ? ` · plan <code class="hash">${escapeHtml(s.plan)}</code>` : "";
    rows.push([
      "shard",
      `${formatCount(s.index + 1)} of ${formatCount(s.count)} (index ${s.index})${plan}`,
      true,
    ]);
  }
  rows.push(
    ["roles", list(o.roles, "none")],
    ["flag kinds", list(o.flagKinds, "none")],
    ["ignore", list(o.ignore, "none")],
    ["fields", o.fields === null ? '<span class="muted">detected per record</span>' : list(o.fields, "none")],
    [
      "format",
      o.format === null ? '<span class="muted">from the file extension</span>' : list([o.format], ""),
    ],
    ["text unit", `<code>${escapeHtml(o.textUnit)}</code>`],
    ["limit", o.limit === null ? '<span class="muted">none</span>' : formatCount(o.limit)],
  );
  const items = rows
    .map(([k, v, wide]) =>
      wide ? `<dt class="wide">${k}</dt><dd class="wide">${v}</dd>` : `<dt>${k}</dt><dd>${v}</dd>`,
    )
    .join("");
  return `<dl class="run-info" id="selfid-run-info">${items}</dl>`;
}
