import {
  COMPANION,
  CONDITIONAL,
  KEY,
  KeyAutomaton,
  type KeyMarks,
  NO_KEY,
  STRONG,
  WEAK,
} from "./key-automaton.js";
import { standaloneForm } from "./normalize.js";
import { type LiteralCache, requiredLiterals } from "./required-literals.js";
import { type BoundaryClass, continuesWord, NO_BOUNDARY } from "./word-boundary.js";

/** A name, creator or placeholder token, compiled. */
export interface CompiledTerm {
  family: string | null;
  slot: "name" | "creator";
  placeholder: boolean;
  /** The whole term with script-aware boundaries, sticky: tested where its key occurs. */
  sticky: RegExp;
  /** The term's regex source without boundaries, to find it when it has no usable key. */
  core: string;
  /** Literals one of which the term starts with, found by the automaton; empty for a regex with no literal start. */
  keys: readonly string[];
  /** Every match of the term is one of its keys (see {@link TermKeySet.complete}). */
  keysComplete: boolean;
  /** Letters that may not stand just before the term, and just after it. */
  before: BoundaryClass;
  after: BoundaryClass;
  /** Literals one of which the text holds wherever the term stands (see {@link lookaheadCompanions}). */
  companions: readonly string[] | undefined;
  ambiguous: boolean;
  /** Ambiguous even when a model speaks (assistant and system turns). */
  ambiguousInChat: boolean;
  /** Literal in its canonical capitalisation when `case: exact`. */
  exactCase?: string;
}

/** Where a name and/or creator stands in normalized text. */
export interface TermOccurrence {
  start: number;
  end: number;
  /** The longest name starting here, if any. */
  name: CompiledTerm | undefined;
  /** The longest creator starting here, if any. */
  creator: CompiledTerm | undefined;
}

/**
 * Finds the lexicon's terms in normalized text: the automaton finds their literal keys, each
 * candidate is confirmed by its own regex (boundaries, version tails), and overlaps resolve
 * leftmost-longest.
 */
export class TermIndex {
  private readonly automaton: KeyAutomaton;
  private readonly termsByKey: CompiledTerm[][];
  /** Per key id: the boundaries its terms need, and what its standing there says (see {@link keyMarks}). */
  private readonly marks: KeyMarks;
  /** Terms with no literal start at all: found by their core regex, confirmed by the sticky one. */
  private readonly unkeyed: Array<{ term: CompiledTerm; global: RegExp }>;

  /** Key id → languages whose keyword it is. */
  private readonly keywordLangs = new Map<number, string[]>();

  /** Whether the word-boundary and early tests are on (see `CompileOptions.earlyTests`). */
  private readonly earlyTests: boolean;

  constructor(
    terms: readonly CompiledTerm[],
    keywords: ReadonlyArray<{ lang: string; keyword: string }>,
    options: { earlyTests?: boolean } = {},
  ) {
    this.earlyTests = options.earlyTests !== false;
    const keyIds = new Map<string, number>();
    const termsByKey: CompiledTerm[][] = [];
    const idOf = (key: string) => {
      let id = keyIds.get(key);
      if (id === undefined) {
        id = termsByKey.length;
        keyIds.set(key, id);
        termsByKey.push([]);
      }
      return id;
    };
    this.unkeyed = [];
    for (const term of terms) {
      if (term.keys.length > 0) {
        for (const key of term.keys) termsByKey[idOf(key)]?.push(term);
      } else {
        this.unkeyed.push({ term, global: new RegExp(term.core, "gu") });
      }
    }
    for (const { lang, keyword } of keywords) {
      const id = idOf(keyword);
      this.keywordLangs.set(id, [...(this.keywordLangs.get(id) ?? []), lang]);
    }
    // Companions are keys too, found in the same pass (most are names or creators already).
    for (const term of terms) for (const companion of term.companions ?? []) idOf(companion);
    this.termsByKey = termsByKey;
    this.marks = keyMarks(termsByKey, this.keywordLangs, keyIds);
    this.automaton = new KeyAutomaton([...keyIds.keys()], this.marks);
  }

  /** Cheap test of normalized text: false means no term (and no keyword) can be in it. */
  mayMatch(text: string): boolean {
    if (this.unkeyedIn(text)) return true;
    let found = false;
    this.automaton.scan(text, (keyId, start) => {
      found =
        !this.earlyTests ||
        this.keywordLangs.has(keyId) ||
        (this.standsAlone(keyId, text, start) &&
          (this.marks.kind[keyId] === STRONG || this.termAt(keyId, text, start) >= 0));
      return found;
    });
    return found;
  }

  /**
   * {@link mayMatch} of the normalized form of `text`, answered without building it: most text
   * names no model and is settled here. Undefined when it cannot tell (a weak key such as "yi"
   * stands there, or "pi" with "inflection" in the text, or a character whose normal form depends
   * on its neighbours): the caller normalises and looks further.
   */
  mayMatchUnnormalized(text: string): boolean | undefined {
    // A term with no key at all can be anywhere; a weak key, or a conditional one with a companion,
    // asks for a closer look.
    if (this.unkeyed.length > 0 || !this.earlyTests) return undefined;
    switch (this.automaton.testFolded(text, standaloneForm)) {
      case KEY:
        return true;
      case NO_KEY:
        return false;
      default:
        return undefined;
    }
  }

  /** Whether a term without a key occurs in normalized text. */
  private unkeyedIn(text: string): boolean {
    return this.unkeyed.some(({ term, global }) => {
      let found = false;
      eachMatch(global, text, (index) => {
        found = confirmAt(term, text, index) >= 0;
        return found;
      });
      return found;
    });
  }

  /** End of the longest term of the key that stands at `start`, or -1. */
  private termAt(keyId: number, text: string, start: number): number {
    let end = -1;
    for (const term of this.termsByKey[keyId] ?? []) end = Math.max(end, confirmAt(term, text, start));
    return end;
  }

  /**
   * Whether the key at `start` has the boundaries its terms need: where it does not, no term of
   * it can stand there, and their regexes need not run.
   */
  private standsAlone(keyId: number, text: string, start: number): boolean {
    const before = this.marks.before[keyId] as number;
    if (before !== NO_BOUNDARY && start > 0 && continuesWord(before, text.charCodeAt(start - 1)))
      return false;
    const after = this.marks.after[keyId] as number;
    const end = start + (this.automaton.keyLengths[keyId] as number);
    return after === NO_BOUNDARY || end >= text.length || !continuesWord(after, text.charCodeAt(end));
  }

  /**
   * Term occurrences, in text order, without overlaps; the languages whose keywords occur
   * (their name-less templates, disclaimers, are worth running); and whether {@link mayMatch}
   * would say true, in the same pass.
   */
  find(text: string): { occurrences: TermOccurrence[]; keywordLangs: Set<string>; mayMatch: boolean } {
    const candidates: Array<{ start: number; end: number; term: CompiledTerm }> = [];
    const keywordLangs = new Set<string>();
    let anyKey = false;
    this.automaton.scan(text, (keyId, start) => {
      const langs = this.keywordLangs.get(keyId);
      if (langs) {
        anyKey = true;
        for (const lang of langs) keywordLangs.add(lang);
      }
      if (!this.earlyTests) anyKey = true;
      else if (!this.standsAlone(keyId, text, start)) return;
      else if (this.marks.kind[keyId] === STRONG) anyKey = true;
      for (const term of this.termsByKey[keyId] ?? []) {
        const end = confirmAt(term, text, start);
        if (end >= 0) candidates.push({ start, end, term });
      }
    });
    for (const { term, global } of this.unkeyed) {
      eachMatch(global, text, (index) => {
        const end = confirmAt(term, text, index);
        if (end >= 0) candidates.push({ start: index, end, term });
        return false;
      });
    }
    const mayMatch = anyKey || candidates.length > 0;
    if (candidates.length === 0) return { occurrences: [], keywordLangs, mayMatch };
    // Leftmost, then longest; on a tie the term that needs no confirmation ("DeepSeek" over "Deep Seek").
    candidates.sort(
      (a, b) => a.start - b.start || b.end - a.end || Number(a.term.ambiguous) - Number(b.term.ambiguous),
    );
    const found: TermOccurrence[] = [];
    let current: TermOccurrence | undefined;
    for (const c of candidates) {
      if (current && c.start === current.start) {
        // Same start, shorter: may fill the other slot ("meta ai" is a name, "meta" a creator).
        if (c.term.slot === "name") current.name ??= c.term;
        else current.creator ??= c.term;
        continue;
      }
      if (current && c.start < current.end) continue;
      current = {
        start: c.start,
        end: c.end,
        name: c.term.slot === "name" ? c.term : undefined,
        creator: c.term.slot === "creator" ? c.term : undefined,
      };
      found.push(current);
    }
    return { occurrences: found, keywordLangs, mayMatch };
  }
}

/**
 * Calls `visit` with where each match of a global regex starts, as `matchAll` would, until it
 * returns true. `matchAll` clones the regex on every call, which costs more than a short text.
 */
function eachMatch(global: RegExp, text: string, visit: (index: number) => boolean): void {
  global.lastIndex = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m[0].length === 0) {
      // Step over an empty match by one code point, as a u-flag regex does.
      const c = text.charCodeAt(m.index);
      const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(m.index + 1) & 0xfc00) === 0xdc00;
      global.lastIndex = m.index + (pair ? 2 : 1);
    }
    if (visit(m.index)) return;
  }
}

/** End of the term if it stands at `start` (with its boundaries), else -1. */
function confirmAt(term: CompiledTerm, text: string, start: number): number {
  term.sticky.lastIndex = start;
  const m = term.sticky.exec(text);
  return m ? start + m[0].length : -1;
}

/**
 * Each key's marks: the boundaries all its terms need before it (and after it, when it is the
 * whole term), and what its standing there says. A keyword, or a key of some term that needs no
 * companion, is strong: it settles it. A key all of whose terms need a companion in the text is
 * conditional ("step" of `step(?=…stepfun)`). Otherwise a key so short that it occurs in almost
 * every text ("yi", "o1") would make the early test useless: it is weak, and only says "look
 * closer". Keys that are only companions say nothing by themselves.
 */
function keyMarks(
  termsByKey: readonly CompiledTerm[][],
  keywordLangs: ReadonlyMap<number, unknown>,
  keyIds: ReadonlyMap<string, number>,
): KeyMarks {
  const count = termsByKey.length;
  const marks = {
    before: new Uint8Array(count),
    after: new Uint8Array(count),
    kind: new Uint8Array(count),
    group: new Int32Array(count).fill(-1),
    // Filled, not sparse: read for every key occurrence.
    completes: new Array<number[] | undefined>(count).fill(undefined),
    groups: 0,
  };
  termsByKey.forEach((terms, id) => {
    // A keyword counts wherever it occurs.
    if (keywordLangs.has(id)) return;
    if (terms.length === 0) {
      marks.kind[id] = COMPANION;
      return;
    }
    const first = terms[0] as CompiledTerm;
    if (terms.every((t) => t.before === first.before)) marks.before[id] = first.before;
    if (terms.every((t) => t.keysComplete && t.after === first.after)) marks.after[id] = first.after;
    if (terms.every((t) => t.companions !== undefined)) {
      marks.kind[id] = CONDITIONAL;
      const group = marks.groups++;
      marks.group[id] = group;
      for (const companion of new Set(terms.flatMap((t) => t.companions ?? []))) {
        const companionId = keyIds.get(companion) as number;
        const groups = marks.completes[companionId] ?? [];
        groups.push(group);
        marks.completes[companionId] = groups;
      }
    } else if (terms.some((t) => !t.keys.every(selectiveKey))) {
      marks.kind[id] = WEAK;
    }
  });
  return marks;
}

/** A key rare enough in text that finding it is worth a closer look: two letters are not. */
function selectiveKey(key: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  return /^[\x00-\x7f]*$/.test(key) ? key.length >= 3 : key.length >= 2;
}

/** Separators a name's words may be joined with, as the compiler writes them. */
const SEPARATORS: Array<[string, string[]]> = [
  ["[ -]?", [" ", "-", ""]],
  ["[ -]", [" ", "-"]],
  [" ?", [" ", ""]],
  ["-?", ["-", ""]],
];
const MAX_KEYS = 9;

/** The literals a term's regex can start with, and whether they are the whole of it. */
export interface TermKeySet {
  keys: string[];
  /**
   * Every match of the regex is one of the keys: nothing follows them in the regex, so the
   * term's closing boundary stands right after a key.
   */
  complete: boolean;
  /** Where the keys end in the source: what follows is the rest of the regex. */
  end: number;
}

/** Largest character class expanded into keys (`o[1345]` → "o1", "o3", "o4", "o5"). */
const MAX_CLASS = 4;

/**
 * The literals a term's regex can start with: its leading characters up to the first piece of
 * syntax, expanding optional separators between words (`the[ -]?allen` → "the allen",
 * "the-allen", "theallen"), small classes (`o[1-4]`) and groups of plain words
 * (`cog(?:vlm|view)`), so that a name starting with a common word still has a selective key. No
 * keys when the regex starts with syntax.
 */
export function termKeySet(source: string): TermKeySet {
  let keys = [""];
  let i = 0;
  let afterSeparator = false;
  outer: while (i < source.length) {
    for (const [token, joins] of SEPARATORS) {
      if (source.startsWith(token, i) && !"?*{".includes(source[i + token.length] ?? "")) {
        if (keys.length * joins.length > MAX_KEYS) break outer;
        keys = keys.flatMap((k) => joins.map((j) => k + j));
        i += token.length;
        afterSeparator = true;
        continue outer;
      }
    }
    afterSeparator = false;
    const ch = source[i] as string;
    if (ch === "\\" && /[^\p{L}\p{N}]/u.test(source[i + 1] ?? "a")) {
      if ("?*{".includes(source[i + 2] ?? "")) break;
      keys = keys.map((k) => k + source[i + 1]);
      i += 2;
      continue;
    }
    const choice =
      ch === "[" ? plainClass(source, i) : source.startsWith("(?:", i) ? plainGroup(source, i) : undefined;
    if (choice) {
      const next = source[choice.end] ?? "";
      if ("?*{".includes(next) || keys.length * choice.options.length > MAX_KEYS) break;
      keys = keys.flatMap((k) => choice.options.map((option) => k + option));
      i = choice.end;
      // One of them is there; more may follow.
      if (next === "+") break;
      continue;
    }
    if ("\\.*+?()[]{}|^$".includes(ch)) {
      // A quantifier makes the last character optional: it is not part of the key.
      if ("?*{".includes(ch)) keys = keys.map((k) => k.slice(0, -1));
      break;
    }
    keys = keys.map((k) => k + ch);
    i++;
  }
  let complete = i >= source.length;
  // Keys that end in an optional separator add nothing over the shorter form.
  if (afterSeparator) {
    keys = keys.map((k) => k.replace(/[ -]+$/, ""));
    complete = false;
  }
  return { keys: [...new Set(keys)].filter((k) => k.length > 0), complete, end: i };
}

/** The options of a class at `at` (`[1345]`, `[1-4]`) when it lists at most a few plain characters. */
function plainClass(source: string, at: number): { options: string[]; end: number } | undefined {
  const close = source.indexOf("]", at + 1);
  if (close < 0) return undefined;
  const body = source.slice(at + 1, close);
  // Negation, escapes, nested classes and astral characters are left to the regex.
  if (body === "" || /[\\^[\ud800-\udfff]/.test(body)) return undefined;
  const options = new Set<string>();
  for (let k = 0; k < body.length; k++) {
    const from = body.charCodeAt(k);
    if (body[k + 1] === "-" && k + 2 < body.length) {
      const to = body.charCodeAt(k + 2);
      if (to < from || to - from >= MAX_CLASS) return undefined;
      for (let c = from; c <= to; c++) options.add(String.fromCharCode(c));
      k += 2;
    } else {
      options.add(body[k] as string);
    }
    if (options.size > MAX_CLASS) return undefined;
  }
  return { options: [...options], end: close + 1 };
}

/** The options of a group at `at` of plain words (`(?:vlm|agent|view)`), when it is one. */
function plainGroup(source: string, at: number): { options: string[]; end: number } | undefined {
  const close = source.indexOf(")", at + 3);
  if (close < 0) return undefined;
  const options = source.slice(at + 3, close).split("|");
  if (!options.every((option) => /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(option))) return undefined;
  return { options, end: close + 1 };
}

/**
 * Literals one of which the text must hold wherever the term stands: those its regex requires in
 * a lookahead that is all that follows its keys (`pi(?=[^\n]{0,150}?inflection)` → "inflection").
 * Undefined when there is no such lookahead, or its literals are too many or too common to tell anything.
 */
export function lookaheadCompanions(
  source: string,
  keys: TermKeySet,
  cache?: LiteralCache,
): string[] | undefined {
  if (!source.startsWith("(?=", keys.end) || groupEnd(source, keys.end) !== source.length) return undefined;
  const literals = requiredLiterals(source.slice(keys.end + 3, -1), cache);
  if (!literals || literals.length === 0 || literals.length > MAX_COMPANIONS) return undefined;
  return literals.every(selectiveKey) ? literals : undefined;
}

/**
 * Most companions of a term: a lookahead that takes dozens of phrasings (the "framed" names'
 * role phrases) requires pieces as common as "art" or "how".
 */
const MAX_COMPANIONS = 8;

/** Index just past the group opening at `open`, or -1 when it does not close. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (ch === "[") {
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i + 1;
  }
  return -1;
}
