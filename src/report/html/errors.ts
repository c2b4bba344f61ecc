import { formatCount } from "../format-table.js";
import type { Report } from "../report-schema.js";
import { escapeHtml, escapePath } from "./escape.js";

/** Records and inputs that could not be read; the report keeps the first ones, the count is full. */
export function renderErrors(report: Report): string {
  const total = report.totals.errors;
  if (total === 0 && report.errors.length === 0)
    return `<p class="empty">No errors: every record was read.</p>`;
  const shown = report.errors.length;
  const note =
    shown < total
      ? `${formatCount(total)} errors; the report keeps the first ${formatCount(shown)}.`
      : `${formatCount(total)} error${total === 1 ? "" : "s"}.`;
  const cell = (n: number | undefined) => `<td class="num">${n === undefined ? "" : formatCount(n)}</td>`;
  const rows = report.errors.map(
    (e) =>
      `<tr class="error"><td><code class="path">${escapePath(e.source)}</code></td>${cell(e.record)}${cell(e.line)}${cell(e.byteOffset)}` +
      `<td class="message">${escapeHtml(e.message)}</td></tr>`,
  );
  return [
    `<p id="selfid-error-count" data-errors="${total}" data-shown="${shown}">${note}</p>`,
    '<div class="table-scroll"><table class="errors" id="selfid-errors">',
    '<thead><tr><th>source</th><th class="num">record</th><th class="num">line</th><th class="num">byte offset</th><th class="wide">message</th></tr></thead>',
    `<tbody>\n${rows.join("\n")}\n</tbody></table></div>`,
  ].join("\n");
}
