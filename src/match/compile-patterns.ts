import { createHash, type Hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import type { HitKind, Role } from "../types.js";
import { splitLeadingLookbehind } from "./leading-lookbehind.js";
import { LiteralGate } from "./literal-gate.js";
import type { PatternSet } from "./load-patterns.js";
import { normalizeText } from "./normalize.js";
import { PATTERN_LIMITS } from "./pattern-limits.js";
import type { TermInput } from "./pattern-schema.js";
import { regexHazard } from "./regex-safety.js";
import { type LiteralCache, requiredLiterals } from "./required-literals.js";
import { type CompiledTerm, lookaheadCompanions, TermIndex, termKeySet } from "./term-index.js";
import { boundaryOf, boundarySource } from "./word-boundary.js";

/** A sentence frame that cancels a match. */
export interface CompiledBlocker {
  scope: "before" | "after" | "sentence" | "match";
  regex: RegExp;
  kinds: ReadonlySet<HitKind> | null;
}

/** A template, compiled with its slots filled. */
export interface CompiledTemplate {
  id: string;
  lang: string;
  kind: HitKind;
  regex: RegExp;
  /** The template has a {name} or {creator} slot, so it can only match around a term. */
  hasSlot: boolean;
  /** A leading lookbehind split off `regex`, tested (sticky) where a match starts. */
  guard: RegExp | null;
  roles: ReadonlySet<Role>;
  /** Text must contain this script for the template to be worth running. */
  gate: RegExp | null;
  /** Every match of `regex` contains one of these; null when no such set could be derived. */
  literals: readonly string[] | null;
  blockers: CompiledBlocker[];
  /** Role nouns of the template's language and common.yaml, to confirm ambiguous names. */
  nouns: RegExp;
}

/** The compiled library: pure data for {@link createMatcher}. */
export interface CompiledPatterns {
  templates: CompiledTemplate[];
  /** Names, creators and placeholders; also the prefilter (with the languages' keywords). */
  terms: TermIndex;
  /** Languages with keywords: their name-less templates run only where a keyword occurs. */
  langsWithKeywords: ReadonlySet<string>;
  /** Languages with name-less templates, which read the whole text. */
  slotlessLangs: readonly string[];
  families: string[];
  /** Finds the templates' required literals in a text; null when gating is off. */
  literalGate: LiteralGate | null;
}

/** Options of {@link compilePatterns}. */
export interface CompileOptions {
  /**
   * Skip templates none of whose required literals occur in the text. Off only to test that
   * skipping changes no result.
   * @default true
   */
  literalGating?: boolean;
  /**
   * Settle texts before normalising them, and skip key occurrences inside words
   * (`TermIndex.mayMatchUnnormalized`, word boundaries). Off only to test that they change no result.
   * @default true
   */
  earlyTests?: boolean;
  /**
   * What compiling the built-in library found at build time. When the set compiles to exactly the
   * regexes the hints were made from, they are built on first use instead of now (the build
   * checked them) and the templates' required literals are taken from the hints. null to compile
   * everything now.
   * @default the build's hints (`dist/patterns-compile-hints.json`), when made by this V8 and code
   */
  hints?: CompileHints | null;
}

/**
 * `dist/patterns-compile-hints.json`, written by `scripts/snapshot-patterns.mjs`: what compiling
 * the built-in library found. It applies only to a set that compiles to the very same regexes,
 * in the same order: for any other set (user files, edited patterns) it is of no use, not wrong.
 */
export interface CompileHints {
  /** The V8 whose RegExp parser accepted the regexes: another may accept other syntax. */
  v8: string;
  /** {@link moduleDigest} of the code that derived `literals`. */
  code: string;
  /** sha256 of every regex the set compiled to (flags and source), in order. */
  regexes: string;
  /** Required literals of each template, in order. */
  literals: Array<string[] | null>;
}

/** A RegExp built when it is first asked for. */
type LazyRegExp = () => RegExp;

/** Everything one compilation shares. */
interface Context {
  /** Groups' required literals, shared: templates and terms repeat the same macro expansions. */
  literalCache: LiteralCache;
  problems: string[];
  /** Hints to check the compilation against; null to build and check every regex now. */
  hints: CompileHints | null;
  /** sha256 of the regexes so far, to compare with the hints'. */
  regexes: Hash;
  /** Regexes not built yet, each with where its problem goes (an index of `problems`) if it has one. */
  deferred: Array<{ build: LazyRegExp; at: number; path: string }>;
  /** Files that came from users: regexes they reach are checked for catastrophic backtracking. */
  userFiles: ReadonlySet<string>;
}

/**
 * Templates do not run on the text itself but on a copy where each term occurrence is one
 * private-use character saying which slots it can fill. A slot is then a one-character class,
 * instead of an alternation of every name in the lexicon at every position.
 */
export const MARK = { name: "\ue000", creator: "\ue001", both: "\ue002" } as const;

const ALL_ROLES: Role[] = ["assistant", "system", "user", "tool", "none"];

/**
 * Accepted after a literal marked `version: true`: `Qwen2.5-72B-Instruct`, `DeepSeek-V3`,
 * `Claude 3.5`. A final full stop is not part of the name.
 */
const VERSION_TAIL = "(?:[ -]?v?\\d+(?:\\.\\d+)*[a-z]{0,2})?(?:-[a-z0-9]+(?:\\.[a-z0-9]+)*)*";

/** Which script a language's templates need in the text to have any chance. */
export const LANG_GATES: Record<string, string> = {
  zh: "\\p{Script=Han}",
  ja: "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]",
  ko: "\\p{Script=Hangul}",
  ru: "\\p{Script=Cyrillic}",
  uk: "\\p{Script=Cyrillic}",
  ar: "\\p{Script=Arabic}",
  fa: "\\p{Script=Arabic}",
  hi: "\\p{Script=Devanagari}",
  th: "\\p{Script=Thai}",
};

/** No script of {@link LANG_GATES} has a character below U+0400 (Cyrillic): a text without one opens no gate. */
export const GATE_FLOOR = 0x400;

const GATES = new Map<string, RegExp>();

/** One shared RegExp per script, so the matcher can test each once per text. */
function gateFor(lang: string): RegExp | null {
  const source = LANG_GATES[lang];
  if (!source) return null;
  let gate = GATES.get(source);
  if (!gate) {
    gate = new RegExp(source, "u");
    GATES.set(source, gate);
  }
  return gate;
}

/**
 * Compiles a validated pattern set: fills template slots with the lexicon, expands macros, and
 * checks every regex. All problems are reported together, each with its file and path.
 */
export function compilePatterns(set: PatternSet, options: CompileOptions = {}): CompiledPatterns {
  const hints = options.hints === undefined ? builtinHints() : options.hints && usable(options.hints);
  return compile(set, options, hints).compiled;
}

/** Compiles a set now, every regex of it, and says what it found (for the hints file). */
export function compileHints(set: PatternSet): CompileHints {
  const { compiled, regexes } = compile(set, {}, null);
  return {
    v8: process.versions.v8,
    code: moduleDigest(LITERALS_CODE),
    regexes,
    literals: compiled.templates.map((t) => (t.literals ? [...t.literals] : null)),
  };
}

function compile(
  set: PatternSet,
  options: CompileOptions,
  hints: CompileHints | null,
): { compiled: CompiledPatterns; regexes: string } {
  const ctx: Context = {
    problems: [],
    hints,
    regexes: createHash("sha256"),
    deferred: [],
    userFiles: new Set(set.user?.files ?? []),
    literalCache: new Map(),
  };
  const userCommon = set.user?.common === true;
  const touched = (files: readonly string[]) => userCommon || files.some((f) => ctx.userFiles.has(f));
  const { problems } = ctx;
  const terms: CompiledTerm[] = [];
  for (const family of set.families.values()) {
    const where = family.files.join(", ");
    const audit = family.files.some((f) => ctx.userFiles.has(f));
    family.names.forEach((term, i) => {
      const path = `${where}: family ${family.family} names[${i}]`;
      const compiled = compileTerm(term, family.family, "name", false, path, ctx, audit);
      if (compiled) terms.push(compiled);
    });
    family.creators.forEach((term, i) => {
      const path = `${where}: family ${family.family} creators[${i}]`;
      const compiled = compileTerm(term, family.family, "creator", false, path, ctx, audit);
      if (compiled) terms.push(compiled);
    });
  }
  set.common.placeholders.forEach((token, i) => {
    for (const slot of ["name", "creator"] as const) {
      const compiled = compileTerm(token, null, slot, true, `common placeholders[${i}]`, ctx);
      if (compiled) terms.push(compiled);
    }
  });

  const commonNouns = set.common.nouns.map((n) => checkSource(n, "common.yaml nouns", ctx));
  const commonBlockers = set.common.blockers.map((b, i) =>
    compileBlocker(b, {}, set.common.macros, `common.yaml blockers[${i}]`, ctx, userCommon),
  );

  const templates: CompiledTemplate[] = [];
  const keywords: Array<{ lang: string; keyword: string }> = [];
  const langsWithKeywords = new Set<string>();
  for (const lang of set.langs.values()) {
    const where = lang.files.join(", ");
    const audit = touched(lang.files);
    const nounSources = [
      ...lang.nouns.map((n, i) => checkSource(n, `${where}: nouns[${i}]`, ctx)),
      ...commonNouns,
    ];
    const nounAlt = nounSources.length > 0 ? nounSources.map((s) => `(?:${s})`).join("|") : "(?!)";
    const nouns = lazyRegex(
      `(?<![\\p{Script=Latin}])(?:${nounAlt})`,
      "u",
      `${where}: lang ${lang.lang} nouns`,
      ctx,
      audit,
    );
    const blockers = [
      ...lang.blockers.map((b, i) =>
        compileBlocker(
          b,
          lang.macros,
          set.common.macros,
          `${where}: lang ${lang.lang} blockers[${i}]`,
          ctx,
          audit,
        ),
      ),
      ...commonBlockers,
    ].filter((b): b is CompiledBlocker => b !== undefined);
    for (const k of lang.keywords) keywords.push({ lang: lang.lang, keyword: normalizeText(k).text });
    if (lang.keywords.length > 0) langsWithKeywords.add(lang.lang);
    const gate = gateFor(lang.lang);
    const slots = {
      name: `(?<name>[${MARK.name}${MARK.both}])`,
      creator: `(?<creator>[${MARK.creator}${MARK.both}])`,
      noun: `(?:${nounAlt})`,
    };

    for (const template of lang.templates) {
      const path = `${template.file}: lang ${lang.lang} templates[${template.index}].regex`;
      const expanded = expand(template.regex, slots, lang.macros, set.common.macros, path, problems);
      // A slot may stand in several alternatives; JavaScript wants each group name once.
      let slotCount = 0;
      const source = expanded?.replace(
        /\(\?<(name|creator)>/g,
        (_, slot: string) => `(?<${slot}${++slotCount}>`,
      );
      if (source === undefined) continue;
      lowerCaseCheck(template.regex, path, problems);
      if (template.kind !== "disclaimer" && !source.includes(MARK.name) && !source.includes(MARK.creator)) {
        problems.push(`${path}: a ${template.kind} template needs a {name} or {creator} slot`);
      }
      // Checked whole, before the leading lookbehind is split off: the two run one after the other.
      if (audit && !auditRegex(source, "u", path, ctx)) continue;
      const { guard, body } = splitLeadingLookbehind(source);
      const regex = lazyRegex(body, "gud", path, ctx);
      if (!regex || !nouns) continue;
      const roles = template.roles ?? (template.kind === "system-persona" ? ["system"] : ALL_ROLES);
      templates.push({
        id: template.id,
        lang: lang.lang,
        kind: template.kind,
        get regex() {
          return regex();
        },
        hasSlot: source.includes(MARK.name) || source.includes(MARK.creator),
        guard: guard ? new RegExp(guard, "uy") : null,
        roles: new Set(roles),
        gate,
        literals: null,
        blockers,
        get nouns() {
          return nouns();
        },
      });
    }
  }

  const regexes = ctx.regexes.digest("hex");
  const trusted = hints !== null && regexes === hints.regexes && hints.literals.length === templates.length;
  if (!trusted) {
    // Not the library the hints were made from: check now what was left for later, each problem
    // reported where building the regex at once would have put it.
    for (const { build, at, path } of ctx.deferred.reverse()) {
      try {
        build();
      } catch (error) {
        problems.splice(at, 0, `${path}: invalid regex: ${(error as Error).message}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new UsageError(`invalid pattern files (${problems.length} problems):\n  ${problems.join("\n  ")}`);
  }
  const { literalCache } = ctx;
  templates.forEach((template, i) => {
    template.literals = trusted
      ? (hints.literals[i] ?? null)
      : requiredLiterals(template.regex.source, literalCache);
  });
  const compiled: CompiledPatterns = {
    templates,
    terms: new TermIndex(terms, keywords, { earlyTests: options.earlyTests !== false }),
    langsWithKeywords,
    slotlessLangs: [...new Set(templates.filter((t) => !t.hasSlot).map((t) => t.lang))],
    families: [...set.families.keys()].sort(),
    literalGate: options.literalGating === false ? null : new LiteralGate(templates.map((t) => t.literals)),
  };
  return { compiled, regexes };
}

function compileTerm(
  term: TermInput,
  family: string | null,
  slot: "name" | "creator",
  placeholder: boolean,
  path: string,
  ctx: Context,
  audit = false,
): CompiledTerm | undefined {
  const { problems } = ctx;
  const entry = typeof term === "string" ? { text: term } : term;
  let core: string;
  let first: string;
  let last: string;
  if (entry.text !== undefined) {
    const normalized = normalizeText(entry.text).text;
    core = escapeRegex(normalized).replace(/ /g, "[ -]?") + (entry.version ? VERSION_TAIL : "");
    first = normalized[0] ?? "";
    last = entry.version ? "0" : (normalized.at(-1) ?? "");
  } else {
    const source = checkSource(entry.regex ?? "", path, ctx);
    lowerCaseCheck(source, path, problems);
    if (/\(\?<[=!]/.test(source)) {
      // Lookbehinds here run at every position of every text: a 60-character one cost 80% of scan time.
      problems.push(
        `${path}: no lookbehind in a name or creator regex: boundaries are added automatically, and "ambiguous: true" asks for context`,
      );
    }
    core = relaxEscapes(source);
    // A regex names its own script by its first character; assume the name stays in it.
    first = /^[\p{L}\p{N}]/u.test(source) ? (source[0] ?? "") : "";
    last = first;
  }
  const before = boundaryOf(first);
  const after = boundaryOf(last);
  const beforeClass = boundarySource(before);
  const afterClass = boundarySource(after);
  const source = `${beforeClass ? `(?<!${beforeClass})` : ""}(?:${core})${afterClass ? `(?!${afterClass})` : ""}`;
  // Literal terms are escaped by construction; only a user's `regex:` can backtrack badly.
  const sticky = lazyRegex(source, "uy", path, ctx, audit && entry.regex !== undefined);
  if (!sticky) return undefined;
  const keySet = termKeySet(core);
  const { keys, complete: keysComplete } = keySet;
  const compiled: CompiledTerm = {
    family,
    slot,
    placeholder,
    get sticky() {
      return sticky();
    },
    core,
    keys,
    keysComplete,
    before,
    after,
    companions: lookaheadCompanions(core, keySet, ctx.literalCache),
    ambiguous: entry.ambiguous !== undefined && entry.ambiguous !== false,
    ambiguousInChat: entry.ambiguous === true,
  };
  if (entry.case === "exact" && entry.text !== undefined) compiled.exactCase = entry.text.normalize("NFKC");
  return compiled;
}

function compileBlocker(
  blocker: PatternSet["common"]["blockers"][number],
  macros: Record<string, string>,
  commonMacros: Record<string, string>,
  path: string,
  ctx: Context,
  audit: boolean,
): CompiledBlocker | undefined {
  const { problems } = ctx;
  const source = expand(blocker.regex, {}, macros, commonMacros, `${path}.regex`, problems);
  if (source === undefined) return undefined;
  lowerCaseCheck(blocker.regex, `${path}.regex`, problems);
  const regex = lazyRegex(source, "u", `${path}.regex`, ctx, audit);
  if (!regex) return undefined;
  return {
    scope: blocker.scope,
    get regex() {
      return regex();
    },
    kinds: blocker.kinds ? new Set(blocker.kinds) : null,
  };
}

/** Replaces `{slot}` and `{macro}` references; macros may use other macros, a few levels deep. */
function expand(
  source: string,
  slots: Record<string, string>,
  macros: Record<string, string>,
  commonMacros: Record<string, string>,
  path: string,
  problems: string[],
  depth = 0,
): string | undefined {
  let failed = false;
  const out = source.replace(/(?<!\\)\{([a-z_][a-z0-9_]*)\}/g, (_whole, key: string) => {
    const slot = slots[key];
    if (slot !== undefined) return slot;
    const macro = macros[key] ?? commonMacros[key];
    if (macro === undefined) {
      problems.push(`${path}: unknown slot or macro {${key}}`);
      failed = true;
      return "";
    }
    if (depth >= 5) {
      // Once per regex: a macro used ten times at each of five levels would say it 100,000 times.
      const problem = `${path}: macro {${key}} nests too deep (a macro that uses itself?)`;
      if (!problems.includes(problem)) problems.push(problem);
      failed = true;
      return "";
    }
    const inner = expand(macro, slots, macros, commonMacros, path, problems, depth + 1);
    if (inner === undefined) failed = true;
    return `(?:${inner ?? ""})`;
  });
  return failed ? undefined : out;
}

function checkSource(source: string, path: string, ctx: Context): string {
  lazyRegex(source, "u", path, ctx);
  return source;
}

/**
 * A regex, built now (its problem reported) or, with hints, on first use: most templates never run
 * on a given corpus, and building some 2,500 regexes with Unicode classes cost as much at start-up
 * as reading the library. Whether the hints apply is known only when the set is compiled; until
 * then the regex's problem, if it has one, has its place kept in `problems`.
 */
function lazyRegex(
  source: string,
  flags: string,
  path: string,
  ctx: Context,
  audit = false,
): LazyRegExp | undefined {
  if (audit && !auditRegex(source, flags, path, ctx)) return undefined;
  const relaxed = relaxEscapes(source);
  ctx.regexes.update(flags).update("/").update(relaxed).update("\0");
  if (ctx.hints) {
    let regex: RegExp | undefined;
    const build = () => {
      regex ??= new RegExp(relaxed, flags);
      return regex;
    };
    ctx.deferred.push({ build, at: ctx.problems.length, path });
    return tieredOnFirstUse(build);
  }
  try {
    const regex = new RegExp(relaxed, flags);
    return tieredOnFirstUse(() => regex);
  } catch (error) {
    ctx.problems.push(`${path}: invalid regex: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The regex `get` builds, run once on the empty string when first asked for, so that V8 compiles
 * it to machine code when it first meets text. V8 runs a new regex in its bytecode interpreter first, and the interpreter takes
 * milliseconds per template on a few hundred characters (the library's role-phrase alternations):
 * 2 s of a 10 s scan went there. On "" it costs a fraction of that, and its one interpreted run
 * is spent.
 */
function tieredOnFirstUse(get: () => RegExp): LazyRegExp {
  let ready: RegExp | undefined;
  return () => {
    if (ready === undefined) {
      ready = get();
      ready.exec("");
      ready.lastIndex = 0;
    }
    return ready;
  };
}

/**
 * Checks a regex from a user's file (or reached by one) for size and catastrophic backtracking;
 * false, with the problem reported, when it must not run. A regex that does not parse passes here
 * and is reported as invalid when it is built.
 */
function auditRegex(source: string, flags: string, path: string, ctx: Context): boolean {
  if (source.length > PATTERN_LIMITS.compiledChars) {
    ctx.problems.push(
      `${path}: ${source.length} characters once macros and slots are filled, over the limit of ${PATTERN_LIMITS.compiledChars}; use fewer or smaller macros`,
    );
    return false;
  }
  const relaxed = relaxEscapes(source);
  let valid = true;
  try {
    new RegExp(relaxed, flags);
  } catch {
    valid = false;
  }
  const hazard = valid ? regexHazard(relaxed, flags) : null;
  if (!hazard) return true;
  ctx.problems.push(
    `${path}: regex /${clipSource(relaxed)}/ is unsafe: ${hazard.reason}; ${hazard.fix} (catastrophic backtracking could stall a scan on one record)`,
  );
  return false;
}

function clipSource(source: string): string {
  return source.length > 200 ? `${source.slice(0, 199)}…` : source;
}

/**
 * Unicode-mode regexes reject escapes of characters that need none (`\'`, `\"`, `\,`), which
 * people write out of habit; drop the backslash instead of failing the whole library.
 */
export function relaxEscapes(source: string): string {
  if (!source.includes("\\")) return source;
  return source.replace(/\\([\s\S])/g, (pair, next: string) =>
    NEEDLESS_ESCAPES.includes(next) ? next : pair,
  );
}

/** Characters that need no escape in a regex, but are escaped out of habit. */
const NEEDLESS_ESCAPES = `'"\`,;:<>=!@#%&~ `;

/**
 * Text is normalised before matching, so a pattern character that normalisation would change can
 * never match: an upper-case letter, a full-width comma (NFKC makes it ","), a traditional Chinese
 * character, Persian yeh.
 */
function lowerCaseCheck(source: string, path: string, problems: string[]): void {
  const stripped = source.replace(/\\[pPu]\{[^}]*\}|\\[a-zA-Z]|\(\?<[a-z_]+>/g, "");
  const upper = /\p{Lu}/u.exec(stripped);
  if (upper) {
    problems.push(
      `${path}: "${upper[0]}" is upper case, but text is lower-cased before matching; write patterns in lower case`,
    );
  }
  // Only characters beyond ASCII can change; a Set of every character of 300 kB cost 20 ms.
  for (const ch of new Set(stripped.match(/[^\0-\x7f]/gu))) {
    let normalized = NORMALIZED_CHARS.get(ch);
    if (normalized === undefined) {
      normalized = normalizeText(ch).text;
      NORMALIZED_CHARS.set(ch, normalized);
    }
    if (normalized !== ch.toLowerCase()) {
      problems.push(
        `${path}: "${ch}" never occurs in normalised text; write it as "${normalized}" (see patterns/README.md)`,
      );
    }
  }
}

/** Characters as normalisation leaves them: the library's few hundred, checked once per process. */
const NORMALIZED_CHARS = new Map<string, string>();

/** Escapes regex syntax in a literal. */
function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The modules whose code {@link CompileHints.literals} depend on. */
const LITERALS_CODE = ["required-literals", "literal-facts"];

const HINTS_FILE = new URL("../patterns-compile-hints.json", import.meta.url);
let hintsOfBuild: CompileHints | null | undefined;

/**
 * The hints file of this build, read once per process (and per worker); null when it is missing
 * (running from src/), or made by another V8 or other code.
 */
function builtinHints(): CompileHints | null {
  if (hintsOfBuild === undefined) {
    try {
      hintsOfBuild = usable(JSON.parse(readFileSync(HINTS_FILE, "utf8")) as CompileHints);
    } catch {
      hintsOfBuild = null;
    }
  }
  return hintsOfBuild;
}

/** The hints, if made by this V8 and this code; else null. */
function usable(hints: CompileHints): CompileHints | null {
  const code = moduleDigest(LITERALS_CODE);
  return hints.v8 === process.versions.v8 && code !== "" && hints.code === code ? hints : null;
}

/**
 * sha256 of modules beside this one (`.js` in dist/, `.ts` in src/), to tell whether the code that
 * made a build-time file is the code that runs. Empty when one cannot be read: then none matches.
 */
export function moduleDigest(names: readonly string[]): string {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const hash = createHash("sha256");
  for (const name of names) {
    try {
      hash.update(readFileSync(fileURLToPath(new URL(`${name}${ext}`, import.meta.url)))).update("\0");
    } catch {
      return "";
    }
  }
  return hash.digest("hex");
}
