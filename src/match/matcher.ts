import { UsageError } from "../errors.js";
import type { Finding, HitKind, Role } from "../types.js";
import {
  type CompiledPatterns,
  type CompiledTemplate,
  type CompileOptions,
  compilePatterns,
  GATE_FLOOR,
} from "./compile-patterns.js";
import type { PatternSet } from "./load-patterns.js";
import { type NormalizedText, normalizeText, originalSpan } from "./normalize.js";
import { sentenceBounds } from "./sentence-bounds.js";
import { type SlottedText, slotText } from "./slot-text.js";
import type { CompiledTerm, TermOccurrence } from "./term-index.js";

/** Options of {@link createMatcher}. */
export interface MatcherOptions {
  /** Families whose findings are dropped (your own model's family). @default [] */
  ignore?: readonly string[];
}

/** Finds self-introductions in one piece of text. Pure: no I/O, no state between calls. */
export interface Matcher {
  /** Findings in text order, with UTF-16 offsets into `text`. */
  match(text: string, role: Role): Finding[];
  /** Cheap test: false means `match` would find nothing in this text. */
  mayMatch(text: string): boolean;
  /**
   * For pattern authors: every template match before overlaps are resolved, and the matches
   * that were rejected, with the reason.
   */
  explain(text: string, role: Role): Explanation;
  /** Family ids the library knows. */
  readonly families: readonly string[];
  /** Number of compiled templates. */
  readonly templateCount: number;
}

/** What {@link Matcher.explain} returns. */
export interface Explanation {
  findings: Finding[];
  rejected: Array<{ pattern: string; match: string; start: number; reason: string }>;
}

/** Characters of context searched for a role noun or creator around an ambiguous name. */
const CONTEXT_BEFORE = 80;
const CONTEXT_AFTER = 160;

const NOT_CLAIMS: ReadonlySet<HitKind> = new Set(["disclaimer", "placeholder"]);

/**
 * Compiles a pattern set into a matcher (DESIGN §4): templates × lexicon once, then per text a
 * prefilter, the templates one of whose required literals occurs (near a name, for templates with
 * a slot) and whose script occurs in the text, name checks and blockers.
 */
export function createMatcher(
  set: PatternSet,
  options: MatcherOptions = {},
  /** @internal For tests that compare the matcher with and without an optimisation. */
  compileOptions: CompileOptions = {},
): Matcher {
  checkIgnoredFamilies(set, options.ignore ?? []);
  const compiled = compilePatterns(set, compileOptions);
  const ignore = new Set(options.ignore ?? []);
  return {
    families: compiled.families,
    templateCount: compiled.templates.length,
    mayMatch: (text) => compiled.terms.mayMatch(normalizeText(text).text),
    match: (text, role) => resolveOverlaps(matchText(compiled, ignore, text, role)),
    explain: (text, role) => {
      const rejected: Explanation["rejected"] = [];
      return { findings: matchText(compiled, ignore, text, role, rejected), rejected };
    },
  };
}

/**
 * Refuses (a {@link UsageError}) an `--ignore` family the pattern set does not know. Cheap: the
 * scan calls it before any input is read, even when worker threads do the compiling.
 */
export function checkIgnoredFamilies(set: PatternSet, ignore: readonly string[]): void {
  for (const family of ignore) {
    if (!set.families.has(family)) {
      throw new UsageError(
        `--ignore ${family}: unknown family; known families: ${[...set.families.keys()].sort().join(" ")}`,
      );
    }
  }
}

function matchText(
  compiled: CompiledPatterns,
  ignore: ReadonlySet<string>,
  text: string,
  role: Role,
  rejected?: Explanation["rejected"],
): Finding[] {
  // Most text names no model: the automaton's test on the text as it is settles it, before any
  // normalisation or allocation.
  if (compiled.terms.mayMatchUnnormalized(text) === false) return [];
  const norm = normalizeText(text);
  const { occurrences, keywordLangs, mayMatch } = compiled.terms.find(norm.text);
  if (!mayMatch) return [];
  const slotted = slotText(norm.text, occurrences);
  const windows = slotWindows(slotted.text, occurrences.length > 0 ? slotted.marks : []);
  const slices = windows.map(([from, to]) => slotted.text.slice(from, to));
  // Name-less templates read the whole text; when none of them can run, only windows are scanned.
  const whole = compiled.slotlessLangs.some(
    (lang) => !compiled.langsWithKeywords.has(lang) || keywordLangs.has(lang),
  );
  const literals = compiled.literalGate?.scan(slotted.text, windows, whole);
  const allWindows = windows.map((_, i) => i);
  const findings: Finding[] = [];
  const context: TextContext = { ignore, text, role, norm, slotted, occurrences, findings, rejected };
  // Many templates share a script gate: test each gate once per text, and none in a text with
  // no character from the lowest gate script up (most text: one loop instead of a regex per gate).
  const gates = new Map<RegExp, boolean>();
  let scripted: boolean | undefined;
  const { templates } = compiled;
  const candidates = literals ? literals.templates : templates.keys();
  for (const t of candidates) {
    const template = templates[t] as CompiledTemplate;
    if (!template.roles.has(role)) continue;
    if (template.gate) {
      scripted ??= hasUnitFrom(norm.text, GATE_FLOOR);
      if (!scripted) continue;
      let open = gates.get(template.gate);
      if (open === undefined) {
        open = template.gate.test(norm.text);
        gates.set(template.gate, open);
      }
      if (!open) continue;
    }
    if (template.hasSlot) {
      // Templates with a slot can only match around a term, so they read only the text there.
      for (const w of literals ? literals.windows(t) : allWindows) {
        runTemplate(template, slices[w] as string, (windows[w] as readonly [number, number])[0], context);
      }
    } else if (!compiled.langsWithKeywords.has(template.lang) || keywordLangs.has(template.lang)) {
      runTemplate(template, slotted.text, 0, context);
    }
  }
  return findings;
}

/** Whether `text` has a UTF-16 code unit at or above `floor`. */
function hasUnitFrom(text: string, floor: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= floor) return true;
  return false;
}

/** One text being matched, and where its findings and rejections go. */
interface TextContext {
  ignore: ReadonlySet<string>;
  text: string;
  role: Role;
  norm: NormalizedText;
  slotted: SlottedText;
  occurrences: readonly TermOccurrence[];
  findings: Finding[];
  rejected: Explanation["rejected"] | undefined;
}

/** Runs one template over `part` of the slotted text, which starts at `from`. */
function runTemplate(template: CompiledTemplate, part: string, from: number, context: TextContext): void {
  const { ignore, text, role, norm, slotted, occurrences, findings, rejected } = context;
  const regex = template.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(part); m !== null; m = regex.exec(part)) {
    const at = from + m.index;
    if (template.guard) {
      template.guard.lastIndex = at;
      if (!template.guard.test(slotted.text)) {
        // The split-off lookbehind failed here; the body may still match one position later.
        regex.lastIndex = m.index + 1;
        continue;
      }
    }
    if (m[0].length === 0) regex.lastIndex++;
    const verdict = judge(template, m, from, slotted, occurrences, norm, text, role);
    if (typeof verdict === "string") {
      const [a, b] = originalSpan(norm, ...slotted.span(at, at + m[0].length));
      rejected?.push({ pattern: template.id, match: text.slice(a, b), start: a, reason: verdict });
    } else if (verdict.family && ignore.has(verdict.family)) {
      rejected?.push({
        pattern: template.id,
        match: verdict.match,
        start: verdict.start,
        reason: "--ignore",
      });
    } else {
      findings.push(verdict);
    }
  }
}

/** Slotted text read before and after a slot mark by templates with a slot. */
const WINDOW_BEFORE = 200;
const WINDOW_AFTER = 120;

/** Merged [from, to) windows around slot marks. */
function slotWindows(text: string, marks: readonly number[]): Array<readonly [number, number]> {
  const windows: Array<[number, number]> = [];
  for (const mark of marks) {
    let from = Math.max(0, mark - WINDOW_BEFORE);
    // Start at a line start where one is near, so that "^" and lookbehinds see what they expect.
    const line = text.lastIndexOf("\n", from);
    if (from > 0 && from - line <= WINDOW_BEFORE) from = line + 1;
    const to = Math.min(text.length, mark + 1 + WINDOW_AFTER);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

/** Turns one template match into a finding, or says why it is not one. */
function judge(
  template: CompiledTemplate,
  m: RegExpExecArray,
  offset: number,
  slotted: SlottedText,
  occurrences: readonly TermOccurrence[],
  norm: NormalizedText,
  original: string,
  role: Role,
): Finding | string {
  const [start, end] = slotted.span(offset + m.index, offset + m.index + m[0].length);
  if (end === start) return "empty match";
  const nameSpan = slotSpan(m, "name");
  const creatorSpan = slotSpan(m, "creator");
  const nameAt = nameSpan ? slotted.occurrenceAt(offset + nameSpan[0]) : undefined;
  const creatorAt = creatorSpan ? slotted.occurrenceAt(offset + creatorSpan[0]) : undefined;
  const slot = nameAt?.name ?? creatorAt?.creator;
  const occurrence = nameAt?.name ? nameAt : creatorAt;

  if (slot && occurrence && !slot.placeholder) {
    if (slot.exactCase !== undefined) {
      const [a, b] = originalSpan(norm, occurrence.start, occurrence.end);
      if (!original.slice(a, b).normalize("NFKC").startsWith(slot.exactCase)) {
        return `"${slot.exactCase}" must be written with that capitalisation`;
      }
    }
    // In an assistant or system turn the speaker is a model, which confirms a name marked
    // `ambiguous: text` by itself.
    const modelSpeaks = role === "assistant" || role === "system";
    if (
      slot.ambiguous &&
      (slot.ambiguousInChat || !modelSpeaks) &&
      !confirmed(template, slot, occurrence, occurrences, norm.text)
    ) {
      return "ambiguous name without an AI role noun or its creator nearby";
    }
  }

  const kind: HitKind = slot?.placeholder ? "placeholder" : template.kind;
  const blocker = blockedBy(template, kind, norm.text, start, end);
  if (blocker) return `blocked by ${blocker}`;
  const [a, b] = originalSpan(norm, start, end);
  return {
    family: slot && !slot.placeholder ? slot.family : null,
    kind,
    lang: template.lang,
    match: original.slice(a, b),
    start: a,
    end: b,
    pattern: template.id,
  };
}

/** Where the first filled `{name}` (or `{creator}`) slot of a match is: groups `name1`, `name2`… */
function slotSpan(m: RegExpExecArray, slot: "name" | "creator"): [number, number] | undefined {
  const groups = m.indices?.groups;
  if (!groups) return undefined;
  for (const key in groups) {
    const span = groups[key];
    if (span && key.startsWith(slot)) return span;
  }
  return undefined;
}

/** An ambiguous name counts only with an AI role noun or one of its family's creators nearby. */
function confirmed(
  template: CompiledTemplate,
  term: CompiledTerm,
  at: TermOccurrence,
  occurrences: readonly TermOccurrence[],
  text: string,
): boolean {
  const from = Math.max(0, at.start - CONTEXT_BEFORE);
  const to = at.end + CONTEXT_AFTER;
  const context = `${text.slice(from, at.start)} \u0000 ${text.slice(at.end, to)}`;
  if (template.nouns.test(context)) return true;
  return occurrences.some(
    (o) => o !== at && o.start >= from && o.end <= to && o.creator?.family === term.family,
  );
}

/** The first blocker (as `<scope> /regex/`) that cancels the match, if any. */
function blockedBy(
  template: CompiledTemplate,
  kind: HitKind,
  text: string,
  start: number,
  end: number,
): string | undefined {
  if (template.blockers.length === 0) return undefined;
  const [sentenceStart, sentenceEnd] = sentenceBounds(text, start, end);
  for (const blocker of template.blockers) {
    if (blocker.kinds && !blocker.kinds.has(kind)) continue;
    let scope: string;
    switch (blocker.scope) {
      case "before":
        scope = text.slice(sentenceStart, start);
        break;
      case "after":
        scope = text.slice(end, sentenceEnd);
        break;
      case "sentence":
        scope = text.slice(sentenceStart, sentenceEnd);
        break;
      case "match":
        scope = text.slice(start, end);
        break;
    }
    if (blocker.regex.test(scope)) return `${blocker.scope} /${blocker.regex.source}/`;
  }
  return undefined;
}

/** Which finding speaks for a place when several of one family overlap: a name says most. */
const KIND_PRIORITY: Record<HitKind, number> = {
  "self-claim": 5,
  "system-persona": 4,
  "basis-claim": 3,
  "creator-claim": 2,
  placeholder: 1,
  disclaimer: 0,
};

/**
 * Several templates often match the same words ("我是通义千问，由阿里云开发" is a name claim and a
 * creator claim). Keep one finding per family per place, the one whose kind says most, then the
 * earliest and longest; drop a disclaimer or placeholder that overlaps a real claim.
 */
function resolveOverlaps(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  findings.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  let kept: Finding[] = [];
  for (const f of findings) {
    const overlapping = kept.filter((k) => k.start < f.end && f.start < k.end);
    const rivals = overlapping.filter((k) => k.family === f.family);
    if (rivals.some((k) => KIND_PRIORITY[k.kind] >= KIND_PRIORITY[f.kind])) continue;
    if (NOT_CLAIMS.has(f.kind) && overlapping.some((k) => !NOT_CLAIMS.has(k.kind))) continue;
    const displaced = new Set(
      NOT_CLAIMS.has(f.kind) ? rivals : [...rivals, ...overlapping.filter((k) => NOT_CLAIMS.has(k.kind))],
    );
    if (displaced.size > 0) kept = kept.filter((k) => !displaced.has(k));
    kept.push(f);
  }
  return kept.sort((x, y) => x.start - y.start);
}
