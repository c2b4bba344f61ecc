#!/usr/bin/env node
// Development aid for pattern authors: scores the built matcher (dist/) directly on a labelled
// cases file (../shared/eval format) without going through `selfid scan`, and lists the misses.
//   node scripts/dev-eval.mjs CASES.jsonl [--lang xx] [--show]
// The official score is ../shared/eval/run-eval against the CLI; this is the fast inner loop.
import { readFileSync } from "node:fs";
import { extractSegments } from "../dist/fields/extract-segments.js";
import { loadPatterns } from "../dist/match/load-patterns.js";
import { createMatcher } from "../dist/match/matcher.js";

const args = process.argv.slice(2);
const file = args[0];
const only = args.includes("--lang") ? args[args.indexOf("--lang") + 1] : undefined;
const show = args.includes("--show");
const matcher = createMatcher(loadPatterns());
const FLAG = new Set(["self-claim", "creator-claim", "basis-claim", "system-persona"]);
const stats = new Map();
const misses = [];
for (const line of readFileSync(file, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  if (only && c.lang !== only) continue;
  if (c.label === "ambiguous") continue;
  const hits = [];
  for (const { text, role } of extractSegments(c.record).segments) {
    if (role === "user") continue;
    hits.push(...matcher.match(text, role).filter((h) => FLAG.has(h.kind)));
  }
  const s = stats.get(c.lang) ?? { tp: 0, fp: 0, fn: 0, tn: 0, fam: 0 };
  stats.set(c.lang, s);
  const flagged = hits.length > 0;
  if (c.label === "contaminated" && flagged) {
    s.tp++;
    if (hits[0].family === c.family) s.fam++;
    else misses.push(["FAMILY", c, hits]);
  } else if (c.label === "contaminated") {
    s.fn++;
    misses.push(["FN", c, hits]);
  } else if (flagged) {
    s.fp++;
    misses.push(["FP", c, hits]);
  } else s.tn++;
}
const f1 = (s) => (2 * s.tp) / (2 * s.tp + s.fp + s.fn || 1);
const all = { tp: 0, fp: 0, fn: 0, tn: 0, fam: 0 };
for (const [lang, s] of [...stats].sort()) {
  for (const k of Object.keys(all)) all[k] += s[k];
  console.log(
    `${lang}  F1 ${f1(s).toFixed(3)}  tp ${s.tp} fp ${s.fp} fn ${s.fn} tn ${s.tn} family-ok ${s.fam}/${s.tp}`,
  );
}
const p = all.tp / (all.tp + all.fp || 1);
const r = all.tp / (all.tp + all.fn || 1);
console.log(
  `ALL F1 ${f1(all).toFixed(3)} precision ${p.toFixed(3)} recall ${r.toFixed(3)} family ${all.fam}/${all.tp}`,
);
if (show) {
  for (const [what, c, hits] of misses) {
    console.log(`\n${what} ${c.id} (${c.family ?? "clean"} ${c.kind ?? ""}) ${c.why}`);
    console.log(`  ${JSON.stringify(c.record).slice(0, 400)}`);
    for (const h of hits) console.log(`  hit ${h.pattern} ${h.family} ${JSON.stringify(h.match)}`);
  }
}
