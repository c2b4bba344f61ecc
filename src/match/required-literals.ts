/**
 * Literals that every match of a template's regex contains, so the matcher can skip a template
 * when none of them is in the text. Derived from the regex source by a small parser of the
 * syntax `u`-flag regexes allow: literal runs concatenate, small character classes expand into
 * their characters, optional parts and lookarounds contribute nothing, and an alternation is only
 * as good as its weakest branch. Anything the parser does not understand gives no guarantee, which
 * is always safe: the template then runs as if it had no literals.
 */

import {
  alternate,
  char,
  concat,
  EMPTY,
  type Facts,
  isMark,
  known,
  NONE,
  pick,
  repeat,
  UNKNOWN,
} from "./literal-facts.js";

/** Largest character class expanded into its characters: `[üu]`, `[sz]`. */
const MAX_CLASS = 8;

/**
 * Literals one of which every match of `source` (a `u`-flag regex source, as compiled, without
 * the `i` flag: literals are compared case-sensitively) contains, or null when no useful set can
 * be derived (a literal shorter than two characters, or one CJK character, is not useful).
 */
export function requiredLiterals(source: string, cache: LiteralCache = new Map()): string[] | null {
  let facts: Facts;
  try {
    facts = new Parser(source, cache as Map<string, Facts>).parse();
  } catch {
    return null;
  }
  const best = pick([facts.inner, facts.exact, facts.prefix, facts.suffix]);
  if (best === NONE) return null;
  // A piece of a required literal is required too; longer ones only make the automaton bigger.
  const cut = best.map((literal) => {
    const end =
      literal.length > MAX_LITERAL && isLowSurrogate(literal, MAX_LITERAL) ? MAX_LITERAL + 1 : MAX_LITERAL;
    return literal.slice(0, end);
  });
  return [...new Set(cut)];
}

/** Longest literal kept, in UTF-16 units: ten characters are rare enough in any text. */
const MAX_LITERAL = 10;

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Facts of groups already analysed, by their source: templates of a language share long macro
 * expansions (role nouns, verbs of making), which are then analysed once. Opaque to callers.
 */
export type LiteralCache = Map<string, unknown>;

/** Groups shorter than this are analysed again rather than looked up. */
const CACHED_GROUP = 16;

/** Recursive descent over the source, computing {@link Facts} bottom-up. Throws on what it does not know. */
class Parser {
  private i = 0;
  /** Index of the ")" closing the group opened at each "(". */
  private readonly closes = new Map<number, number>();

  constructor(
    private readonly src: string,
    private readonly cache: Map<string, Facts>,
  ) {
    const open: number[] = [];
    let inClass = false;
    for (let i = 0; i < src.length; i++) {
      const ch = src[i];
      if (ch === "\\") i++;
      else if (inClass) inClass = ch !== "]";
      else if (ch === "[") inClass = true;
      else if (ch === "(") open.push(i);
      else if (ch === ")") this.closes.set(open.pop() ?? -1, i);
    }
  }

  parse(): Facts {
    const facts = this.alternation();
    if (this.i < this.src.length) throw new SyntaxError(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return facts;
  }

  private alternation(): Facts {
    const branches = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Facts) : alternate(branches);
  }

  private sequence(): Facts {
    let facts = EMPTY;
    // Pieces that match one string each ("my name is") are joined before their facts are computed.
    let run = "";
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const c = this.src.charCodeAt(this.i);
      if (isPlain(c) && !"*+?{".includes(this.src[this.i + 1] ?? "")) {
        // The common case, a letter of a literal, without building its facts.
        run += this.src[this.i];
        this.i++;
        continue;
      }
      const atom = this.atom();
      const q = this.quantifier();
      const piece = q ? repeat(atom, q[0], q[1]) : atom;
      if (piece.exact?.length === 1) {
        run += piece.exact[0];
        continue;
      }
      if (run) facts = concat(facts, known([run]));
      run = "";
      facts = concat(facts, piece);
    }
    return run ? concat(facts, known([run])) : facts;
  }

  private quantifier(): [number, number] | null {
    const ch = this.src[this.i];
    let q: [number, number];
    if (ch === "*") q = [0, Number.POSITIVE_INFINITY];
    else if (ch === "+") q = [1, Number.POSITIVE_INFINITY];
    else if (ch === "?") q = [0, 1];
    else if (ch === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) throw new SyntaxError(`bad quantifier at ${this.i}`);
      const min = Number(m[1]);
      q = [min, m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY];
      this.i += m[0].length - 1;
    } else return null;
    this.i++;
    if (this.src[this.i] === "?") this.i++; // lazy: same strings
    return q;
  }

  private atom(): Facts {
    const ch = this.src[this.i] as string;
    if (ch === "(") return this.group();
    if (ch === "[") return this.charClass();
    if (ch === "\\") return this.escape();
    if (ch === "^" || ch === "$") {
      this.i++;
      return EMPTY;
    }
    if (ch === ".") {
      this.i++;
      return UNKNOWN;
    }
    if ("*+?{}])".includes(ch)) throw new SyntaxError(`unexpected "${ch}" at ${this.i}`);
    const cp = this.src.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return char(cp);
  }

  private group(): Facts {
    const src = this.src;
    const open = this.i;
    const close = this.closes.get(open);
    if (close === undefined) throw new SyntaxError(`unclosed group at ${open}`);
    // A lookaround consumes nothing: what it tests may lie outside the match.
    if (
      src.startsWith("(?=", open) ||
      src.startsWith("(?!", open) ||
      src.startsWith("(?<=", open) ||
      src.startsWith("(?<!", open)
    ) {
      this.i = close + 1;
      return EMPTY;
    }
    const key = close - open >= CACHED_GROUP ? src.slice(open, close + 1) : undefined;
    const cached = key === undefined ? undefined : this.cache.get(key);
    if (cached) {
      this.i = close + 1;
      return cached;
    }
    this.i++;
    if (src.startsWith("?:", this.i)) this.i += 2;
    else if (src.startsWith("?<", this.i)) {
      const close = src.indexOf(">", this.i);
      if (close < 0) throw new SyntaxError(`unclosed group name at ${this.i}`);
      this.i = close + 1;
    } else if (src[this.i] === "?") throw new SyntaxError(`unknown group at ${this.i}`);
    const inner = this.alternation();
    if (this.i !== close) throw new SyntaxError(`unexpected ")" at ${this.i}`);
    this.i++;
    if (key !== undefined) this.cache.set(key, inner);
    return inner;
  }

  private escape(): Facts {
    const c = this.src[this.i + 1];
    if (c === "b" || c === "B") {
      this.i += 2;
      return EMPTY;
    }
    if (c === "k") {
      const close = this.src.indexOf(">", this.i);
      if (close < 0) throw new SyntaxError(`bad backreference at ${this.i}`);
      this.i = close + 1;
      return UNKNOWN;
    }
    if (c !== undefined && /[1-9]/.test(c)) {
      this.i++;
      while (/[0-9]/.test(this.src[this.i] ?? "")) this.i++;
      return UNKNOWN;
    }
    const cp = this.escapedChar(false);
    return cp === null ? UNKNOWN : char(cp);
  }

  /** The code point of an escape at `i` (the backslash), or null for a class escape like `\d`. */
  private escapedChar(inClass: boolean): number | null {
    const src = this.src;
    const c = src[this.i + 1];
    if (c === undefined) throw new SyntaxError("trailing backslash");
    this.i += 2;
    if ("dDsSwW".includes(c)) return null;
    if (c === "p" || c === "P") {
      const close = src.indexOf("}", this.i);
      if (src[this.i] !== "{" || close < 0) throw new SyntaxError(`bad property escape at ${this.i}`);
      this.i = close + 1;
      return null;
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
    if (simple[c] !== undefined) return simple[c];
    if (c === "0" && !/[0-9]/.test(src[this.i] ?? "")) return 0;
    if (c === "b" && inClass) return 8;
    if (c === "c" && /[a-zA-Z]/.test(src[this.i] ?? "")) return (src.charCodeAt(this.i++) as number) % 32;
    if (c === "x") return this.hex(/^[0-9a-fA-F]{2}/);
    if (c === "u") {
      if (src[this.i] === "{") {
        const close = src.indexOf("}", this.i);
        const cp = Number.parseInt(src.slice(this.i + 1, close), 16);
        if (close < 0 || Number.isNaN(cp)) throw new SyntaxError(`bad \\u{} at ${this.i}`);
        this.i = close + 1;
        return cp;
      }
      const unit = this.hex(/^[0-9a-fA-F]{4}/);
      // In a u-flag regex an escaped surrogate pair is one code point.
      if (unit >= 0xd800 && unit <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(src.slice(this.i))) {
        this.i += 2;
        const low = this.hex(/^[0-9a-fA-F]{4}/);
        return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      }
      return unit;
    }
    if ("^$\\.*+?()[]{}|/".includes(c) || (inClass && c === "-")) return c.charCodeAt(0);
    throw new SyntaxError(`unknown escape \\${c}`);
  }

  private hex(digits: RegExp): number {
    const m = digits.exec(this.src.slice(this.i));
    if (!m) throw new SyntaxError(`bad hex escape at ${this.i}`);
    this.i += m[0].length;
    return Number.parseInt(m[0], 16);
  }

  /** A class is known only when it is small and not negated: `[üu]` is "ü" or "u". */
  private charClass(): Facts {
    const src = this.src;
    this.i++;
    let known = src[this.i] !== "^";
    if (!known) this.i++;
    const chars = new Set<number>();
    while (src[this.i] !== "]") {
      if (this.i >= src.length) throw new SyntaxError("unclosed character class");
      const from = this.classAtom();
      if (src[this.i] === "-" && src[this.i + 1] !== "]") {
        this.i++;
        const to = this.classAtom();
        if (from === null || to === null || to < from) throw new SyntaxError(`bad range at ${this.i}`);
        if (to - from + 1 + chars.size > MAX_CLASS) known = false;
        else for (let cp = from; cp <= to; cp++) chars.add(cp);
      } else if (from === null) known = false;
      else chars.add(from);
    }
    this.i++;
    if (!known || chars.size > MAX_CLASS) return UNKNOWN;
    return alternate([...chars].map(char));
  }

  private classAtom(): number | null {
    if (this.src[this.i] === "\\") return this.escapedChar(true);
    const cp = this.src.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

/** A BMP character that stands for itself: not syntax, not a surrogate, not a slot mark. */
function isPlain(c: number): boolean {
  if (c < 0x80) return !SYNTAX.has(c);
  return c < 0xd800 || (c > 0xdfff && !isMark(c));
}

const SYNTAX = new Set([..."\\()[]{}|.*+?^$"].map((ch) => ch.charCodeAt(0)));
