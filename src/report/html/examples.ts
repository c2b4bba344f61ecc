import { formatCount } from "../format-table.js";
import type { Report, ReportExample } from "../report-schema.js";
import { attributes, escapeHtml, escapePath } from "./escape.js";
import { highlightSnippet } from "./highlight.js";

/** The report's examples, one row each: the claim, then the snippet with its match marked and where it is. */
export function renderExamples(report: Report): string {
  if (report.examples.length === 0) return `<p class="empty">No findings, so no examples.</p>`;
  const flagging = new Set<string>(report.options.flagKinds);
  const rows = report.examples.map((e) => exampleRow(e, flagging.has(e.kind)));
  return [
    `<p class="muted">${formatCount(report.examples.length)} examples: the first findings per family or kind, by source and record. The match is <mark>marked</mark>; … is text cut off.</p>`,
    '<div class="table-scroll"><table class="examples" id="selfid-examples">',
    '<thead><tr><th>claim</th><th class="wide">text, and where it is</th></tr></thead>',
    `<tbody>\n${rows.join("\n")}\n</tbody></table></div>`,
  ].join("\n");
}

function exampleRow(e: ReportExample, flags: boolean): string {
  const place = e.line !== undefined ? `line ${e.line} · record ${e.record}` : `record ${e.record}`;
  const attrs = attributes({
    "data-family": e.family ?? undefined,
    "data-kind": e.kind,
    "data-lang": e.lang,
    "data-role": e.role,
    "data-match": e.match,
  });
  const family = e.family === null ? '<span class="muted">no family</span>' : escapeHtml(e.family);
  const claim =
    `<td class="claim"><strong>${family}</strong><br><span class="tag${flags ? "" : " tag-muted"}">${escapeHtml(e.kind)}</span>` +
    ` <span class="muted">${escapeHtml(e.lang)}</span></td>`;
  const where =
    `<div class="where"><code class="path">${escapePath(e.source)}</code> · ${place} · ${escapeHtml(e.field)} · ` +
    `${escapeHtml(e.role)} · <code>${escapeHtml(e.pattern)}</code></div>`;
  const snippet = `<div class="snippet" dir="auto">${highlightSnippet(e.snippet, e.match)}</div>`;
  return `<tr class="example"${attrs}>${claim}<td>${snippet}${where}</td></tr>`;
}
