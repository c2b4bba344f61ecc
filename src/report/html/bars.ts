import { formatCount, formatRate } from "../format-table.js";
import type { Report } from "../report-schema.js";
import { attributes, escapeHtml } from "./escape.js";
import { heatmapData } from "./heatmap.js";
import { languageName } from "./numbers.js";

/** One bar of a bar list. */
export interface Bar {
  /** Shown left of the bar (escaped). */
  label: string;
  /** Muted text after the label, e.g. a language's name (escaped). */
  note?: string;
  value: number;
  /** Shown right of the bar (escaped). */
  text: string;
  /** Drawn in grey: counted, but not flagging. */
  muted?: boolean;
  /** Machine-readable attributes of the row. */
  data?: Record<string, string | number>;
}

/** Horizontal bars scaled to the largest value; `reference` marks one value across all rows. */
export function barList(className: string, bars: readonly Bar[], reference?: number): string {
  if (bars.length === 0) return `<p class="empty">None.</p>`;
  const max = Math.max(...bars.map((b) => b.value), reference ?? 0);
  const width = (v: number) => (max > 0 ? Math.max(v > 0 ? 0.6 : 0, (v / max) * 100) : 0).toFixed(2);
  const mark =
    reference !== undefined && max > 0 ? `<i class="bar-ref" style="left:${width(reference)}%"></i>` : "";
  const rows = bars.map(
    (b) =>
      `<div class="bar-row${b.muted ? " muted-bar" : ""}"${attributes(b.data ?? {})}>` +
      `<span class="bar-label">${escapeHtml(b.label)}${b.note ? ` <span class="muted">${escapeHtml(b.note)}</span>` : ""}</span>` +
      `<span class="bar-track"><i class="bar-fill" style="width:${width(b.value)}%"></i>${mark}</span>` +
      `<span class="bar-text">${escapeHtml(b.text)}</span></div>`,
  );
  return `<div class="bars ${className}">\n${rows.join("\n")}\n</div>`;
}

/** Flagged rate per document language, in heatmap order, with a mark at the overall rate. */
export function languageBars(report: Report): string {
  const bars = heatmapData(report).languages.map(
    (l): Bar => ({
      label: l.code,
      note: languageName(l.code),
      value: l.records > 0 ? l.flagged / l.records : 0,
      text: `${formatCount(l.records)} scanned · ${formatCount(l.flagged)} flagged · ${formatRate(l.records > 0 ? l.flagged / l.records : 0)}`,
      data: { "data-lang": l.code, "data-records": l.records, "data-flagged": l.flagged },
    }),
  );
  const note = `<p class="muted">Flagged / scanned records of each document language, in the heatmap's order; the dashed line is the rate over all languages (${formatRate(report.totals.rate)}).</p>`;
  return `${note}\n${barList("language-bars", bars, report.totals.rate)}`;
}

/** Hits by kind (every kind, in the schema's order), those that do not flag in grey. */
export function kindBars(report: Report): string {
  const flagging = new Set<string>(report.options.flagKinds);
  const bars = Object.entries(report.totals.hitsByKind).map(
    ([kind, n]): Bar => ({
      label: kind,
      value: n,
      text: `${formatCount(n)}${flagging.has(kind) ? "" : " · not flagging"}`,
      muted: !flagging.has(kind),
      data: { "data-kind": kind, "data-count": n },
    }),
  );
  return barList("kind-bars", bars);
}

/** Hits by role, most first; roles that cannot flag a record in grey. */
export function roleBars(report: Report): string {
  const flagging = new Set<string>(report.options.roles);
  const bars = Object.entries(report.roles)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(
      ([role, n]): Bar => ({
        label: role,
        ...(role === "none" ? { note: "role-less text" } : {}),
        value: n,
        text: `${formatCount(n)}${flagging.has(role) ? "" : " · not flagging"}`,
        muted: !flagging.has(role),
        data: { "data-role": role, "data-count": n },
      }),
    );
  return barList("role-bars", bars);
}

/** Records flagged per family, most first. */
export function familyBars(report: Report): string {
  const bars = Object.entries(report.flaggedByFamily)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(
      ([family, n]): Bar => ({
        label: family,
        value: n,
        text: formatCount(n),
        data: { "data-family": family, "data-count": n },
      }),
    );
  return barList("family-bars", bars);
}
