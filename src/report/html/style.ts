/** The page's whole style sheet: system fonts only, light, print-friendly. */
export const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #636c76; --line: #d0d7de; --soft: #eaeef2;
  --panel: #f6f8fa; --accent: #c2410c; --bad: #b42318; --bar: #e8590c; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
.page-header, nav, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 28px; }
h1 { font-size: 24px; margin: 26px 0 2px; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 34px 0 10px; padding-bottom: 5px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 0 0 8px; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.hash { overflow-wrap: anywhere; }
.path .seg { white-space: nowrap; }
.muted { color: var(--muted); }
.bad { color: var(--bad); }
.empty { color: var(--muted); font-style: italic; }
.headline { color: var(--muted); margin: 0 0 14px; }
.badge { display: inline-block; vertical-align: middle; font-size: 13px; font-weight: 700; padding: 2px 10px;
  border-radius: 999px; margin-left: 8px; text-transform: uppercase; letter-spacing: 0.05em; }
.badge-incomplete { background: var(--bad); color: #fff; }
.incomplete { border: 2px solid var(--bad); background: #fef3f2; color: #7a271a; padding: 10px 14px; border-radius: 8px; margin: 0 0 14px; }
.incomplete strong { color: var(--bad); text-transform: uppercase; letter-spacing: 0.04em; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 0 0 16px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 9px 14px; background: var(--panel); }
.stat .label { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
.stat .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.25; }
.stat .note { font-size: 12px; color: var(--muted); min-height: 1.2em; }
.stat-flagged .value, .stat-rate .value { color: var(--accent); }
.stat-errors[data-nonzero] .value { color: var(--bad); }
.run-info { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); gap: 3px 18px; margin: 0; padding: 10px 14px;
  border: 1px solid var(--soft); border-radius: 8px; font-size: 13px; }
.run-info dt { color: var(--muted); }
.run-info dd { margin: 0; min-width: 0; }
.run-info dt.wide { grid-column: 1; }
.run-info dd.wide { grid-column: 2 / -1; }
nav { margin-top: 18px; font-size: 13px; }
nav a { color: var(--fg); margin-right: 14px; text-decoration: none; border-bottom: 1px dotted var(--muted); }
.heatmap-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.heatmap-inner { display: flex; width: max-content; }
.heatmap-labels { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: 1px 0 0 var(--line); }
.heatmap svg { display: block; font-size: 12px; }
.hm-code { font-weight: 700; fill: var(--fg); }
.hm-name, .hm-records, .hm-head { fill: var(--muted); }
.hm-head { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; }
.hm-records { font-variant-numeric: tabular-nums; }
.hm-family { fill: var(--fg); font-weight: 600; }
.hm-cell { stroke: none; }
.hm-cell:hover { stroke: #111; stroke-width: 2; }
.hm-value { font-size: 11px; font-variant-numeric: tabular-nums; fill: #3b1d0b; pointer-events: none; }
.hm-value.light { fill: #fff; }
.hm-row:hover .hm-cell[fill="#eef1f4"] { fill: #e1e6eb; }
.scroll-hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; font-size: 12px; margin: 8px 0 0; }
.swatch { display: inline-flex; align-items: center; gap: 4px; font-variant-numeric: tabular-nums; }
.swatch i { display: inline-block; width: 22px; height: 12px; border-radius: 2px; }
.swatch i.zero { background: #eef1f4; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 14px 28px; }
.bars { display: grid; grid-template-columns: max-content minmax(120px, 1fr) max-content; gap: 3px 12px; align-items: center; }
.bar-row { display: contents; }
.bar-label { font-weight: 600; white-space: nowrap; }
.bar-label .muted { font-weight: 400; }
.bar-track { position: relative; height: 14px; background: var(--panel); border-radius: 3px; }
.bar-fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--bar); border-radius: 3px; }
.muted-bar .bar-fill { background: #adb5bd; }
.muted-bar .bar-label { color: var(--muted); }
.bar-ref { position: absolute; top: -3px; bottom: -3px; width: 0; border-left: 2px dashed #1f2328; opacity: 0.55; }
.bar-text { font-size: 12.5px; font-variant-numeric: tabular-nums; white-space: nowrap; color: #343a40; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 9px; border-bottom: 1px solid var(--soft); vertical-align: top; }
thead th, tfoot th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--panel); white-space: nowrap; }
tfoot th { color: var(--fg); border-top: 1px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.hot { color: var(--accent); font-weight: 600; }
td.hot .muted { font-weight: 400; }
td.bad { color: var(--bad); font-weight: 600; }
tr.failed td { background: #fef3f2; }
.tag { display: inline-block; font-size: 11.5px; padding: 0 7px; border-radius: 999px; background: #fff4e6;
  color: #8a3b08; border: 1px solid #f7c99b; white-space: nowrap; }
.tag-muted { background: var(--panel); color: var(--muted); border-color: var(--line); }
.tag-bad { background: var(--bad); color: #fff; border-color: var(--bad); }
table.examples td.claim { white-space: nowrap; }
table.examples .where { font-size: 12px; color: var(--muted); margin-top: 2px; overflow-wrap: anywhere; }
table.examples .where code { color: var(--fg); font-size: 11.5px; }
.snippet { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #ffe066; color: inherit; padding: 0 2px; border-radius: 3px; box-shadow: inset 0 -2px 0 #f0b400; font-weight: 600; }
td.message { overflow-wrap: anywhere; }
details.more-inputs { margin-top: 8px; }
details.more-inputs summary { cursor: pointer; font-weight: 600; padding: 6px 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; padding-bottom: 30px; }
@media print {
  nav { display: none; }
  body { font-size: 11px; }
  .page-header, main, footer { max-width: none; padding: 0; }
  .heatmap-scroll, .table-scroll { overflow: visible; border: 0; }
  .heatmap-labels { position: static; }
  /* Both halves shrink by the same fraction (flex shrinks by base size), so rows stay aligned. */
  .heatmap-inner { width: auto; }
  .heatmap svg { height: auto; min-width: 0; }
  .scroll-hint { display: none; }
  .stats { grid-template-columns: repeat(6, 1fr); }
  .stat .value { font-size: 18px; }
  h2 { break-after: avoid; }
  tr, .bar-row, .stat { break-inside: avoid; }
}
`;
