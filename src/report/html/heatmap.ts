import { formatCount } from "../format-table.js";
import type { Report } from "../report-schema.js";
import { fillAt, type LogScale, logScale, needsLightText } from "./color-scale.js";
import { attributes, escapeHtml } from "./escape.js";
import { compactPerMillion, formatPerMillion, languageName, perMillion } from "./numbers.js";

/** One cell: records of a document language flagged with a claim of a family. */
export interface HeatmapCell {
  lang: string;
  family: string;
  count: number;
  /** Records of the language (the denominator). */
  records: number;
  perMillion: number;
}

/** Document languages × families, in display order. */
export interface Heatmap {
  /** By records, most first. */
  languages: { code: string; records: number; flagged: number }[];
  /** By flagged records, most first. */
  families: { name: string; flagged: number }[];
  /** One row per language, one cell per family. */
  rows: HeatmapCell[][];
}

/** Stable id of the heatmap's container element. */
export const HEATMAP_ID = "selfid-heatmap";

const CELL_W = 50;
const CELL_H = 26;
const GAP = 2;
/** Width the page's main column has for the heatmap; wider ones scroll. */
const WIDE = 1180;
/** Width of one character of 12px label text, rounded up: labels are codes and English names. */
const CHAR_W = 7.2;

/** Rows from `report.languages`, columns from the families flagged in any of them. */
export function heatmapData(report: Report): Heatmap {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const languages = Object.entries(report.languages)
    .map(([code, l]) => ({ code, records: l.records, flagged: l.flagged }))
    .sort((a, b) => b.records - a.records || byName(a.code, b.code));
  const flagged = new Map<string, number>();
  for (const l of Object.values(report.languages)) {
    for (const [family, n] of Object.entries(l.families)) flagged.set(family, (flagged.get(family) ?? 0) + n);
  }
  const families = [...flagged]
    .map(([name, n]) => ({ name, flagged: report.flaggedByFamily[name] ?? n }))
    .sort((a, b) => b.flagged - a.flagged || byName(a.name, b.name));
  const rows = languages.map(({ code, records }) =>
    families.map(({ name }) => {
      const count = report.languages[code]?.families[name] ?? 0;
      return { lang: code, family: name, count, records, perMillion: perMillion(count, records) };
    }),
  );
  return { languages, families, rows };
}

/** The heatmap section body: sticky language labels, the grid of cells, and a legend. */
export function renderHeatmap(report: Report): string {
  const map = heatmapData(report);
  const open = `<div id="${HEATMAP_ID}" class="heatmap"${attributes({
    "data-languages": map.languages.length,
    "data-families": map.families.length,
  })}>`;
  if (map.families.length === 0 || map.languages.length === 0) {
    return `${open}<p class="empty">No record was flagged: nothing to map.</p></div>`;
  }
  const scale = logScale(map.rows.flat().map((c) => c.perMillion));
  const longest = Math.max(...map.families.map((f) => f.name.length));
  const top = Math.round(24 + longest * CHAR_W * 0.71);
  const height = top + map.languages.length * CELL_H + 8;
  const labels = labelsSvg(map, top, height);
  const grid = gridSvg(map, scale, top, height, longest);
  const hint =
    labels.width + grid.width > WIDE
      ? `<p class="scroll-hint">Scroll sideways for all ${map.families.length} families; the language labels stay put.</p>`
      : "";
  return [
    open,
    '<div class="heatmap-scroll"><div class="heatmap-inner">',
    labels.svg,
    grid.svg,
    "</div></div>",
    hint,
    legend(scale),
    "</div>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}

interface Drawn {
  svg: string;
  width: number;
}

function labelsSvg(map: Heatmap, top: number, height: number): Drawn {
  const names = map.languages.map((l) => languageName(l.code));
  const codeW = Math.max(...map.languages.map((l) => l.code.length)) * (CHAR_W + 0.6);
  const nameW = Math.max(...names.map((n) => n.length)) * CHAR_W;
  const recordsW = Math.max(7, ...map.languages.map((l) => formatCount(l.records).length)) * CHAR_W;
  const width = Math.round(10 + codeW + 8 + nameW + 16 + recordsW + 10);
  const rows = map.languages.map((l, r) => {
    const y = top + r * CELL_H + CELL_H / 2 + 4;
    const hover = `${l.code}${names[r] ? ` (${names[r]})` : ""}: ${formatCount(l.records)} records scanned, ${formatCount(l.flagged)} flagged`;
    return (
      `<g class="hm-label"${attributes({ "data-lang": l.code })}><title>${escapeHtml(hover)}</title>` +
      `<text x="10" y="${y}" class="hm-code">${escapeHtml(l.code)}</text>` +
      `<text x="${Math.round(18 + codeW)}" y="${y}" class="hm-name">${escapeHtml(names[r] ?? "")}</text>` +
      `<text x="${width - 10}" y="${y}" class="hm-records" text-anchor="end">${formatCount(l.records)}</text></g>`
    );
  });
  const svg = [
    `<svg class="heatmap-labels" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="presentation">`,
    `<text x="10" y="${top - 8}" class="hm-head">language</text>`,
    `<text x="${width - 10}" y="${top - 8}" class="hm-head" text-anchor="end">records</text>`,
    ...rows,
    "</svg>",
  ].join("\n");
  return { svg, width };
}

function gridSvg(map: Heatmap, scale: LogScale, top: number, height: number, longest: number): Drawn {
  const width = Math.round(map.families.length * CELL_W + 16 + longest * CHAR_W * 0.71);
  const heads = map.families.map((f, c) => {
    const x = c * CELL_W + CELL_W / 2;
    return (
      `<text class="hm-family" transform="translate(${x} ${top - 8}) rotate(-45)"${attributes({ "data-family": f.name })}>` +
      `<title>${escapeHtml(`${f.name}: ${formatCount(f.flagged)} records flagged`)}</title>${escapeHtml(f.name)}</text>`
    );
  });
  const rows = map.rows.map((row, r) => {
    const y = top + r * CELL_H;
    const cells = row.map((cell, c) => {
      const x = c * CELL_W;
      const position = scale.position(cell.perMillion);
      const hover = `${cell.lang} × ${cell.family}: ${formatCount(cell.count)} flagged of ${formatCount(cell.records)} records (${formatPerMillion(cell.perMillion)} per million)`;
      const rect =
        `<rect class="hm-cell" x="${x}" y="${y}" width="${CELL_W - GAP}" height="${CELL_H - GAP}" rx="3" fill="${fillAt(position)}"` +
        attributes({
          "data-lang": cell.lang,
          "data-family": cell.family,
          "data-count": cell.count,
          "data-records": cell.records,
          "data-per-million": Number(cell.perMillion.toPrecision(6)),
        }) +
        `><title>${escapeHtml(hover)}</title></rect>`;
      if (cell.count === 0) return rect;
      const tone = needsLightText(position) ? "hm-value light" : "hm-value";
      return `${rect}<text class="${tone}" x="${x + (CELL_W - GAP) / 2}" y="${y + CELL_H / 2 + 3}" text-anchor="middle">${compactPerMillion(cell.perMillion)}</text>`;
    });
    return `<g class="hm-row"${attributes({ "data-lang": map.languages[r]?.code })}>${cells.join("")}</g>`;
  });
  const svg = [
    `<svg class="heatmap-grid" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="flagged records per million, document language by family">`,
    ...heads,
    ...rows,
    "</svg>",
  ].join("\n");
  return { svg, width };
}

function legend(scale: LogScale): string {
  const steps = 6;
  const swatches = Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    const value = scale.low * (scale.high / scale.low) ** t;
    const fill = fillAt(scale.position(value));
    return `<span class="swatch"><i style="background:${fill}"></i>${compactPerMillion(value)}</span>`;
  });
  return (
    '<p class="legend"><span class="swatch"><i class="zero"></i>none</span>' +
    `${swatches.join("")}<span class="muted">flagged records per million records of the language (log scale); hover a cell for the counts</span></p>`
  );
}
