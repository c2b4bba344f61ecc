import { KeyAutomaton } from "./key-automaton.js";

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
  /** Terms with no usable literal start: found by their core regex, confirmed by the sticky one. */
  private readonly unkeyed: Array<{ term: CompiledTerm; global: RegExp; anyCase: RegExp | undefined }>;

  /** Key id → languages whose keyword it is. */
  private readonly keywordLangs = new Map<number, string[]>();

  constructor(terms: readonly CompiledTerm[], keywords: ReadonlyArray<{ lang: string; keyword: string }>) {
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
      if (term.keys.length > 0 && term.keys.every(usableKey)) {
        for (const key of term.keys) termsByKey[idOf(key)]?.push(term);
      } else {
        this.unkeyed.push({ term, global: new RegExp(term.core, "gu"), anyCase: leadAnyCase(term.core) });
      }
    }
    for (const { lang, keyword } of keywords) {
      const id = idOf(keyword);
      this.keywordLangs.set(id, [...(this.keywordLangs.get(id) ?? []), lang]);
    }
    this.termsByKey = termsByKey;
    this.automaton = new KeyAutomaton([...keyIds.keys()]);
  }

  /** Cheap test: false means no term (and no keyword) can be in the text. */
  mayMatch(text: string): boolean {
    return this.automaton.test(text) || this.unkeyedIn(text);
  }

  /**
   * {@link mayMatch} of the normalized form of plain-ASCII text (lower-cased, `*` dropped), answered
   * without building it for the common text that has no key; undefined when the text has a character
   * beyond ASCII before any key (the caller normalises and looks further).
   */
  mayMatchAscii(text: string): boolean | undefined {
    const keyed = this.automaton.testAscii(text);
    if (keyed !== false) return keyed;
    // Plain ASCII from here on, with no key.
    if (this.unkeyed.length === 0) return false;
    const stars = text.includes("*");
    // A regex matching the lower-cased text matches the text itself case-insensitively, so no lead
    // of a term here means no term there (unless normalisation drops stars from between).
    if (!stars && !this.unkeyed.some(({ anyCase }) => anyCase === undefined || anyCase.test(text))) {
      return false;
    }
    const lower = text.toLowerCase();
    return this.unkeyedIn(stars ? lower.replaceAll("*", "") : lower);
  }

  /** Whether a term without a usable key occurs in normalized text. */
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
      anyKey = true;
      const langs = this.keywordLangs.get(keyId);
      if (langs) for (const lang of langs) keywordLangs.add(lang);
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

/**
 * A case-insensitive regex for what a term's regex starts with (up to its first group: `yi` of
 * `yi(?=…)`, `o[1345]` of `o[1345](?:-mini…)*`), which occurs wherever the term does; undefined when
 * the term starts with a group. The whole regex, lookaheads and all, is far slower case-insensitively.
 */
function leadAnyCase(core: string): RegExp | undefined {
  const lead = core.slice(0, core.indexOf("(") < 0 ? core.length : core.indexOf("("));
  if (lead === "" || lead.includes("[(")) return undefined;
  try {
    return new RegExp(lead, "iu");
  } catch {
    return undefined;
  }
}

/** End of the term if it stands at `start` (with its boundaries), else -1. */
function confirmAt(term: CompiledTerm, text: string, start: number): number {
  term.sticky.lastIndex = start;
  const m = term.sticky.exec(text);
  return m ? start + m[0].length : -1;
}

/**
 * A key so short that it occurs in almost every text ("o" of `o[134]`) would make the automaton
 * useless as a prefilter; such terms are scanned with their own regex, which V8 runs fast when it
 * starts with a literal character.
 */
function usableKey(key: string): boolean {
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

/**
 * The literals a term's regex can start with: its leading characters up to the first piece of
 * syntax, expanding optional separators between words (`the[ -]?allen` → "the allen",
 * "the-allen", "theallen") so that a name starting with a common word still has a selective key.
 * Empty when the regex starts with syntax.
 */
export function termKeys(source: string): string[] {
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
    if ("\\.*+?()[]{}|^$".includes(ch)) {
      // A quantifier makes the last character optional: it is not part of the key.
      if ("?*{".includes(ch)) keys = keys.map((k) => k.slice(0, -1));
      break;
    }
    keys = keys.map((k) => k + ch);
    i++;
  }
  // Keys that end in an optional separator add nothing over the shorter form.
  if (afterSeparator) keys = keys.map((k) => k.replace(/[ -]+$/, ""));
  return [...new Set(keys)].filter((k) => k.length > 0);
}
