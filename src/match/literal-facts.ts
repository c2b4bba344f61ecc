/**
 * What is known about the strings a piece of regex matches, and how the pieces combine
 * (`required-literals.ts` parses; this is the arithmetic). Every set here is a guarantee: each
 * match starts with, ends with, or contains one of its strings. A set that is too large is cut to
 * shorter strings or given up, which weakens it but keeps it true.
 */

/** Most strings a set may hold before it is shortened (prefixes, suffixes) or dropped (exact). */
const MAX_SET = 64;
/** Largest repetition count expanded into copies: `x{2}`, `(?:ab)?`. */
const MAX_REPEAT = 4;

/** The set that says nothing: every string contains "". */
export const NONE: readonly string[] = [""];

/** What is known about the strings a piece of regex matches. */
export interface Facts {
  /** Every string it matches, when there are few; null when unknown or too many. */
  exact: readonly string[] | null;
  /** Every match starts with one of these. */
  prefix: readonly string[];
  /** Every match ends with one of these. */
  suffix: readonly string[];
  /** Every match contains one of these: the most selective useful set found, or NONE. */
  inner: readonly string[];
}

/** A piece that matches only the empty string: an assertion, a lookaround. */
export const EMPTY: Facts = { exact: [""], prefix: NONE, suffix: NONE, inner: NONE };
/** A piece nothing is known about: `.`, `\w+`, a backreference. */
export const UNKNOWN: Facts = { exact: null, prefix: NONE, suffix: NONE, inner: NONE };

/** Slot marks (`MARK` in compile-patterns.ts) stand for a name or creator: never part of a literal. */
export function isMark(cp: number): boolean {
  return cp >= 0xe000 && cp <= 0xe002;
}

/** One character. */
export function char(cp: number): Facts {
  if (isMark(cp)) return UNKNOWN;
  const exact = [String.fromCodePoint(cp)];
  return { exact, prefix: exact, suffix: exact, inner: cp >= 0x2e80 ? pick([exact]) : NONE };
}

/** Facts of a piece whose strings are all known; `inners` are other sets its matches contain. */
export function known(exact: readonly string[], inners: ReadonlyArray<readonly string[]> = []): Facts {
  return { exact, prefix: exact, suffix: exact, inner: pick([exact, ...inners]) };
}

/** `a` then `b`. */
export function concat(a: Facts, b: Facts): Facts {
  if (a === EMPTY) return b;
  const exact =
    a.exact && b.exact && a.exact.length * b.exact.length <= MAX_SET ? cross(a.exact, b.exact) : null;
  if (exact) return known(exact, [a.inner, b.inner]);
  const prefix = a.exact ? (joined(a.exact, b.prefix, "start") ?? a.exact) : a.prefix;
  const suffix = b.exact ? (joined(a.suffix, b.exact, "end") ?? b.exact) : b.suffix;
  const across = joined(a.suffix, b.prefix, "start");
  return { exact: null, prefix, suffix, inner: pick([a.inner, b.inner, across, prefix, suffix]) };
}

/** One of the branches. */
export function alternate(branches: readonly Facts[]): Facts {
  const union = (sets: ReadonlyArray<readonly string[]>) => [...new Set(sets.flat())];
  const exacts = branches.map((b) => b.exact);
  const exact = exacts.every((e) => e !== null) ? union(exacts as string[][]) : null;
  const inners = branches.map((b) => b.inner);
  const inner = inners.includes(NONE) ? NONE : shorten(union(inners), "start");
  if (exact && exact.length <= MAX_SET) return known(exact, [inner]);
  const prefix = shorten(union(branches.map((b) => b.prefix)), "start");
  const suffix = shorten(union(branches.map((b) => b.suffix)), "end");
  return { exact: null, prefix, suffix, inner: pick([inner, prefix, suffix]) };
}

/** `x{min,max}`; `max` may be infinite. */
export function repeat(x: Facts, min: number, max: number): Facts {
  let exact: string[] | null = null;
  if (x.exact && max <= MAX_REPEAT) {
    exact = min === 0 ? [""] : [];
    let power: readonly string[] = [""];
    for (let k = 1; k <= max && exact; k++) {
      power = cross(power, x.exact);
      if (power.length > MAX_SET) exact = null;
      else if (k >= min) exact = [...new Set([...exact, ...power])];
    }
    if (exact && exact.length > MAX_SET) exact = null;
  }
  if (exact) return known(exact, min > 0 ? [x.inner] : []);
  // Without a first copy there is no guarantee; with one, what one copy guarantees holds.
  return min === 0 ? UNKNOWN : { ...x, exact: null };
}

/** Largest product of two sets computed before it is shortened; beyond it, no product. */
const MAX_PRODUCT = 4 * MAX_SET;

/** {@link cross}, shortened to fit; null when the product would be too large to compute. */
function joined(a: readonly string[], b: readonly string[], keep: "start" | "end"): readonly string[] | null {
  return a.length * b.length <= MAX_PRODUCT ? shorten(cross(a, b), keep) : null;
}

/** Every string of `a` followed by every string of `b`. */
function cross(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b === NONE) return a;
  if (a === NONE) return b;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/**
 * A set too large to keep is cut to shorter strings (their starts for a prefix set, ends for a
 * suffix set): a piece of a required string is still required. NONE when that leaves nothing useful.
 */
function shorten(set: readonly string[], keep: "start" | "end"): readonly string[] {
  if (set.length <= MAX_SET) return set;
  const cutTo = (length: number) => [
    ...new Set(set.map((s) => (keep === "start" ? s.slice(0, length) : s.slice(-length)))),
  ];
  // Fewer distinct strings the shorter they are cut: find the longest cut that fits.
  let fits = 1;
  let over = Math.max(...set.map((s) => s.length));
  while (over - fits > 1) {
    const mid = (fits + over) >> 1;
    if (cutTo(mid).length <= MAX_SET) fits = mid;
    else over = mid;
  }
  // Cutting must not split a surrogate pair.
  for (let length = fits; length >= 2; length--) {
    const cut = cutTo(length);
    if (cut.every((s) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(s))) return cut;
  }
  return NONE;
}

/** The most selective useful set of the candidates, or NONE. */
export function pick(candidates: ReadonlyArray<readonly string[] | null>): readonly string[] {
  let best = NONE;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const set of candidates) {
    if (!set || set === NONE || set.length === 0 || set.length > MAX_SET) continue;
    const cost = estimatedHits(set);
    if (cost < bestCost) {
      best = set;
      bestCost = cost;
    }
  }
  return best;
}

const WIDE = /[\p{Script=Han}\p{Script=Hangul}]/u;
const COSTS = new WeakMap<readonly string[], number>();

/**
 * How often a text might contain one of the literals: each character divides the odds, a CJK
 * character or Hangul syllable counts as two. Infinite when a literal is too short to be useful.
 */
function estimatedHits(set: readonly string[]): number {
  let sum = COSTS.get(set);
  if (sum !== undefined) return sum;
  sum = 0;
  for (const literal of set) {
    let weight = 0;
    for (let i = 0; i < literal.length && weight < 8; i++) {
      if (literal.charCodeAt(i) < 0x2e80) {
        weight++;
        continue;
      }
      const cp = literal.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      weight += WIDE.test(String.fromCodePoint(cp)) ? 2 : 1;
    }
    if (weight < 2) {
      sum = Number.POSITIVE_INFINITY;
      break;
    }
    sum += 8 ** -Math.min(weight, 8);
  }
  COSTS.set(set, sum);
  return sum;
}
