import { createRequire } from "node:module";
import type { analyse as Analyse } from "scslre";

// Loaded on first use (a run with a user pattern file): ~2 MB of analysis that the built-in
// library, checked in the test suite, never needs at run time.
const require = createRequire(import.meta.url);
let analyseOnce: typeof Analyse | undefined;
function analyse(...args: Parameters<typeof Analyse>): ReturnType<typeof Analyse> {
  analyseOnce ??= (require("scslre") as { analyse: typeof Analyse }).analyse;
  return analyseOnce(...args);
}

/**
 * A static check for catastrophic backtracking (ReDoS), run on every compiled regex that a user's
 * pattern file reaches: V8's backtracking engine can take exponential time on a regex like
 * `(a+)+$`, and one record could then hold a scan for hours.
 *
 * Two analyses, both on the regex as compiled (macros and slots filled, so a harmless-looking
 * piece that a template repeats is seen repeated):
 * - scslre (the analysis behind eslint-plugin-regexp's `no-super-linear-backtracking`) finds a
 *   quantifier that can reach itself through an enclosing one: `(a+)+`, `(\w+\s?)*`, `(.*a){12}`.
 *   Such a "self" report is rejected whether exponential or polynomial of the outer bound's degree.
 *   Its "trade" reports (two adjacent quantifiers that can pass characters back and forth, as in
 *   `\s*,?\s*`) cost O(n²) per start and are accepted: the built-in library has hundreds of them.
 * - scslre only follows quantifiers, so a repeated group whose alternatives can match the same
 *   text (`(a|a)*`, `(.|\s)*`, `(a|aa)+`) is found here: alternatives made only of single
 *   characters or classes, where one alternative's string also matches the other (the shorter
 *   repeated as often as needed).
 *
 * Not caught: ambiguity between alternatives that hold quantifiers or assertions (`(ab*|a\w*)+`),
 * a long chain of trades (`\s*\s*\s*\s*` is O(n⁴)), and backreferences.
 */

/** Why a regex may take super-linear time, and what to do about it; null when none was found. */
export interface RegexHazard {
  /** `nested quantifier "a+" inside "(a+)+" can take exponential time`. */
  reason: string;
  /** `make the repetitions unable to match the same text, e.g. …`. */
  fix: string;
}

/** Finds a catastrophic-backtracking hazard in a regex; null when none. Invalid regexes give null. */
export function regexHazard(source: string, flags: string): RegexHazard | null {
  // g, y and d change neither what a regex matches nor how it backtracks.
  const literal = { source, flags: flags.replace(/[gyd]/g, "") };
  let result: ReturnType<typeof analyse>;
  try {
    result = analyse(literal, { reportTypes: { Move: false }, assumeRejectingSuffix: true });
  } catch {
    return null;
  }
  for (const report of result.reports) {
    if (report.type === "Self") {
      const degree = report.parentQuant.max;
      return {
        reason: `nested quantifier \`${clip(report.quant.raw)}\` inside \`${clip(report.parentQuant.raw)}\` can take ${
          report.exponential ? "exponential" : `O(n^${degree})`
        } time on a long run of ${describeChar(report.character.literal.source)}`,
        fix: "make the inner and the outer repetition unable to match the same text: require a separator between repetitions (`(?:\\w+\\s)+` rather than `(?:\\w+\\s?)+`) or drop the inner quantifier",
      };
    }
    if (report.type === "Trade" && report.exponential) {
      return {
        reason: `quantifiers \`${clip(report.startQuant.raw)}\` and \`${clip(report.endQuant.raw)}\` can trade characters inside a repetition, which takes exponential time`,
        fix: "make the two quantifiers match disjoint characters, or put a required separator between them",
      };
    }
  }
  const overlap = overlappingAlternatives(result.parsed.pattern as unknown as Node, literal.flags);
  if (overlap) {
    return {
      reason: `repeated alternatives \`${clip(overlap.a)}\` and \`${clip(overlap.b)}\` in \`${clip(overlap.quant)}\` can match the same text, which takes exponential time`,
      fix: "make the alternatives match different text (`(?:\\s|\\S)` is `[\\s\\S]`; `(a|aa)+` is `a+`)",
    };
  }
  return null;
}

/** The part of the regexpp AST (which scslre parses with) this check reads. */
interface Node {
  type: string;
  raw: string;
  max?: number;
  element?: Node;
  elements?: Node[];
  alternatives?: Node[];
}

/** A quantified group of 2^16 and more repetitions is the same hazard as an unbounded one. */
const MANY = 16;

/** The first repeated group with two alternatives that can match the same text, if any. */
function overlappingAlternatives(
  node: Node,
  flags: string,
): { quant: string; a: string; b: string } | undefined {
  if (node.type === "Quantifier" && node.element && (node.max ?? 0) >= MANY) {
    const alternatives = node.element.alternatives ?? [];
    const fixed = alternatives.map(fixedChars);
    for (let i = 0; i < fixed.length; i++) {
      for (let j = 0; j < fixed.length; j++) {
        const a = fixed[i];
        const b = fixed[j];
        if (i === j || !a || !b || a.length > b.length || (a.length === b.length && i > j)) continue;
        if (b.length % a.length === 0 && b.every((c, k) => charsOverlap(a[k % a.length] ?? "", c, flags))) {
          return { quant: node.raw, a: alternatives[i]?.raw ?? "", b: alternatives[j]?.raw ?? "" };
        }
      }
    }
  }
  for (const child of [
    ...(node.alternatives ?? []),
    ...(node.elements ?? []),
    ...(node.element ? [node.element] : []),
  ]) {
    const found = overlappingAlternatives(child, flags);
    if (found) return found;
  }
  return undefined;
}

/** An alternative that is a fixed sequence of characters and classes, as their sources; else null. */
function fixedChars(alternative: Node): string[] | null {
  const out: string[] = [];
  for (const element of alternative.elements ?? []) {
    if (
      element.type === "Character" ||
      element.type === "CharacterSet" ||
      element.type === "CharacterClass"
    ) {
      out.push(element.raw);
    } else if (
      (element.type === "Group" || element.type === "CapturingGroup") &&
      element.alternatives?.length === 1
    ) {
      const inner = element.alternatives[0] && fixedChars(element.alternatives[0]);
      if (!inner) return null;
      out.push(...inner);
    } else {
      return null;
    }
  }
  return out.length > 0 ? out : null;
}

/**
 * Characters tried to tell whether two classes share one: ASCII, Latin-1 and Latin Extended, and
 * a few letters of each script the library covers. A shared character outside these is missed.
 */
const PROBES: string[] = (() => {
  const codes: number[] = [];
  for (let c = 0; c < 0x250; c++) codes.push(c);
  for (const c of [
    0x3b1, 0x3c9, 0x430, 0x44f, 0x456, 0x5d0, 0x627, 0x64a, 0x6cc, 0x905, 0x93e, 0xe01, 0xe32, 0x1100, 0x3042,
    0x30a2, 0x3002, 0x4e00, 0x6211, 0x9fa5, 0xac00, 0xd7a3, 0xe000, 0xe001, 0xe002, 0xff01, 0x2000, 0x2028,
    0x200b, 0x1f600,
  ]) {
    codes.push(c);
  }
  return codes.map((c) => String.fromCodePoint(c));
})();

const CLASS_CACHE = new Map<string, RegExp>();

/** True when some character matches both one-character regexes `a` and `b`. */
function charsOverlap(a: string, b: string, flags: string): boolean {
  if (a === b) return true;
  const ra = oneChar(a, flags);
  const rb = oneChar(b, flags);
  const probes = [...PROBES, ...a, ...b];
  return probes.some((ch) => ra.test(ch) && rb.test(ch));
}

function oneChar(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let regex = CLASS_CACHE.get(key);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`, flags);
    CLASS_CACHE.set(key, regex);
  }
  return regex;
}

function describeChar(source: string): string {
  return `\`${source}\``;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
