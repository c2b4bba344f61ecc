import { createHash } from "node:crypto";
import { formatCount, formatRate } from "./format-table.js";
import { familyBars, kindBars, languageBars, roleBars } from "./html/bars.js";
import { renderErrors } from "./html/errors.js";
import { escapeHtml } from "./html/escape.js";
import { renderExamples } from "./html/examples.js";
import { renderHeader } from "./html/header.js";
import { renderHeatmap } from "./html/heatmap.js";
import { renderInputs } from "./html/inputs.js";
import { STYLE } from "./html/style.js";
import type { Report } from "./report-schema.js";

/** The only script: open collapsed sections before printing. The page reads the same without it. */
const PRINT_SCRIPT =
  'addEventListener("beforeprint",()=>{for(const d of document.querySelectorAll("details"))d.open=true});';

/**
 * The browser may fetch nothing at all: inline style, the one script above by its hash, no images,
 * fonts or frames. A snippet that slipped past escaping could still not load anything.
 */
const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash("sha256").update(PRINT_SCRIPT).digest("base64")}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const SECTIONS: [id: string, title: string, body: (report: Report) => string][] = [
  ["languages-x-families", "Flagged records by language and family", heatmapSection],
  ["languages", "Flagged rate per document language", languageBars],
  ["findings", "Findings", findingsSection],
  ["examples", "Examples", renderExamples],
  ["errors", "Errors", renderErrors],
  ["inputs", "Inputs", renderInputs],
];

/**
 * One self-contained HTML page for a report (`--html FILE`): no network, no script needed to read
 * it, fit to open from `file://` and to print.
 */
export function formatHtml(report: Report): string {
  const t = report.totals;
  const title = `selfid: ${formatCount(t.flagged)} of ${formatCount(t.scanned)} records flagged (${formatRate(t.rate)})${report.complete ? "" : " — incomplete"}`;
  const nav = SECTIONS.map(([id, heading]) => `<a href="#${id}">${escapeHtml(heading)}</a>`).join("");
  const sections = SECTIONS.map(
    ([id, heading, body]) =>
      `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body(report)}\n</section>`,
  );
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<meta name="generator" content="selfid ${escapeHtml(report.tool.version)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    `<body data-schema="${escapeHtml(report.schema)}" data-complete="${report.complete}">`,
    renderHeader(report),
    `<nav>${nav}</nav>`,
    "<main>",
    ...sections,
    "</main>",
    `<footer>Written by selfid ${escapeHtml(report.tool.version)} from a <code>${escapeHtml(report.schema)}</code> report. Every count is a sum over records; rates are flagged / scanned records.</footer>`,
    `<script>${PRINT_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function heatmapSection(report: Report): string {
  return (
    '<p class="muted">Rows: document language (detected), most records first. Columns: the family a flagged record claims, most flagged first. ' +
    "Each cell: records of that language flagged with that family, per million records of the language.</p>\n" +
    renderHeatmap(report)
  );
}

function findingsSection(report: Report): string {
  const panel = (heading: string, body: string) => `<div class="panel"><h3>${heading}</h3>\n${body}\n</div>`;
  return `<div class="panels">\n${[
    panel("Hits by kind", kindBars(report)),
    panel("Hits by role", roleBars(report)),
    panel("Flagged records by family", familyBars(report)),
  ].join("\n")}\n</div>`;
}
