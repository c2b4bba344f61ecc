import { formatBytes, formatCount, formatRate } from "../format-table.js";
import type { InputSummary, Report } from "../report-schema.js";
import { escapeHtml, escapePath } from "./escape.js";

/** Inputs listed in the open table; the rest wait in a `<details>`. */
export const INPUTS_SHOWN = 20;

/** Failed first, then most flagged, most errors, then by source. */
export function sortInputs(inputs: readonly InputSummary[]): InputSummary[] {
  return [...inputs].sort(
    (a, b) =>
      Number(b.failed) - Number(a.failed) ||
      b.flagged - a.flagged ||
      b.errors - a.errors ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
}

/** The inputs table: the first INPUTS_SHOWN open, the rest collapsed, with a totals row. */
export function renderInputs(report: Report): string {
  if (report.inputs.length === 0) return `<p class="empty">No inputs.</p>`;
  const sorted = sortInputs(report.inputs);
  const head =
    '<thead><tr><th class="wide">source</th><th>format</th><th>compression</th><th class="num">bytes</th>' +
    '<th class="num">records</th><th class="num">scanned</th><th class="num">flagged</th><th class="num">errors</th>' +
    '<th class="num">hits</th><th>status</th></tr></thead>';
  const table = (rows: InputSummary[], id: string, foot = "") =>
    `<div class="table-scroll"><table class="inputs" id="${id}">${head}\n<tbody>\n${rows.map(inputRow).join("\n")}\n</tbody>${foot}</table></div>`;
  const sum = (pick: (i: InputSummary) => number) => report.inputs.reduce((n, i) => n + pick(i), 0);
  const failed = report.inputs.filter((i) => i.failed).length;
  const foot =
    `<tfoot><tr><th>all ${formatCount(report.inputs.length)} inputs</th><th></th><th></th>` +
    [sum((i) => i.bytes), sum((i) => i.records), sum((i) => i.scanned), sum((i) => i.flagged)]
      .map((n, k) => `<th class="num">${k === 0 ? formatBytes(n) : formatCount(n)}</th>`)
      .join("") +
    `<th class="num">${formatCount(sum((i) => i.errors))}</th><th class="num">${formatCount(sum((i) => i.hits))}</th>` +
    `<th>${failed > 0 ? `${formatCount(failed)} failed` : ""}</th></tr></tfoot>`;
  const rest = sorted.slice(INPUTS_SHOWN);
  const out = [
    `<p class="muted">${formatCount(report.inputs.length)} input${report.inputs.length === 1 ? "" : "s"}, failed and most flagged first.</p>`,
    table(sorted.slice(0, INPUTS_SHOWN), "selfid-inputs", foot),
  ];
  if (rest.length > 0) {
    out.push(
      `<details class="more-inputs" id="selfid-more-inputs"><summary>${formatCount(rest.length)} more input${rest.length === 1 ? "" : "s"}</summary>`,
      table(rest, "selfid-inputs-rest"),
      "</details>",
    );
  }
  return out.join("\n");
}

function inputRow(i: InputSummary): string {
  const num = (n: number) => `<td class="num">${formatCount(n)}</td>`;
  const rate = i.scanned > 0 ? ` <span class="muted">(${formatRate(i.flagged / i.scanned)})</span>` : "";
  const flagged = `<td class="num${i.flagged > 0 ? " hot" : ""}">${formatCount(i.flagged)}${i.flagged > 0 ? rate : ""}</td>`;
  const status = i.failed ? '<span class="tag tag-bad">failed</span>' : '<span class="muted">ok</span>';
  return (
    `<tr class="input${i.failed ? " failed" : ""}" data-source="${escapeHtml(i.source)}"><td><code class="path">${escapePath(i.source)}</code></td>` +
    `<td>${escapeHtml(i.format)}</td><td>${escapeHtml(i.compression)}</td><td class="num">${formatBytes(i.bytes)}</td>` +
    `${num(i.records)}${num(i.scanned)}${flagged}<td class="num${i.errors > 0 ? " bad" : ""}">${formatCount(i.errors)}</td>${num(i.hits)}<td>${status}</td></tr>`
  );
}
