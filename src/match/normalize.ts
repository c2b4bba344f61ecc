import { readFileSync } from "node:fs";

/**
 * Text as the matcher sees it, with a map back to the original so every finding reports exact
 * UTF-16 offsets into the field text the user has.
 */
export interface NormalizedText {
  /** NFKC, lower-cased, traditional Chinese folded to simplified, invisible marks removed. */
  text: string;
  /** `starts[i]`: original offset of the character that produced normalized unit `i`; null when identical. */
  starts: Int32Array | null;
  /** `ends[i]`: original offset just past that character; null when identical. */
  ends: Int32Array | null;
}

/** Original [start, end) offsets of normalized [start, end). */
export function originalSpan(norm: NormalizedText, start: number, end: number): [number, number] {
  if (!norm.starts || !norm.ends) return [start, end];
  if (end <= start) {
    const at =
      start < norm.starts.length ? (norm.starts[start] ?? 0) : (norm.ends[norm.ends.length - 1] ?? 0);
    return [at, at];
  }
  return [norm.starts[start] ?? 0, norm.ends[end - 1] ?? 0];
}

const T2S = loadT2s();

function loadT2s(): Map<string, string> {
  const file = new URL("../../patterns/normalize/zh-t2s.txt", import.meta.url);
  const table = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.length === 2 && !line.startsWith("#")) table.set(line[0] as string, line[1] as string);
  }
  return table;
}

const T2S_CLASS = new RegExp(`[${[...T2S.keys()].join("")}]`, "g");

/**
 * Characters removed before matching: zero-width marks, soft hyphens, Arabic tashkeel and tatweel
 * (optional in writing), and markdown emphasis, which LLM answers put around their own names
 * ("I'm **Claude**").
 */
const DROPPED = /[\u00ad\u200b-\u200d\u2060\ufeff\u0640\u064b-\u065f\u0670*]/;
const DROPPED_G = new RegExp(DROPPED.source, "g");

/** Look-alike letters and punctuation that NFKC leaves apart but writers use interchangeably. */
const FOLDS: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02bc": "'",
  "\u2032": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2011": "-",
  "\u2212": "-",
  // Persian and Arabic spell yeh and kaf with different code points.
  "\u06cc": "\u064a",
  "\u06a9": "\u0643",
  "\u0649": "\u064a",
};
const FOLD_CLASS = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "g");

// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
const ASCII = /^[\x00-\x7f]*$/;
const MARK = /\p{M}/u;
const MARK_START = /^\p{M}/u;

/**
 * Normalises text for matching (DESIGN §4): NFKC (full-width forms, compatibility characters),
 * NFC composition of decomposed Vietnamese, case folding, traditional → simplified Chinese, and
 * removal of invisible marks, while keeping a map back to original offsets.
 */
export function normalizeText(original: string): NormalizedText {
  if (ASCII.test(original)) {
    if (original.indexOf("*") < 0) return { text: original.toLowerCase(), starts: null, ends: null };
  } else if (
    (original.length < SHORT_TEXT || mostlyBeyondAscii(original)) &&
    !DROPPED.test(original) &&
    !original.includes("Σ") &&
    original.normalize("NFKC") === original
  ) {
    // (A whole-string toLowerCase writes a word-final capital sigma as ς; character by character, σ.)
    const lower = original.toLowerCase();
    if (lower.length === original.length) {
      return {
        text: lower.replace(T2S_CLASS, toSimplified).replace(FOLD_CLASS, fold),
        starts: null,
        ends: null,
      };
    }
  }
  return normalizeByChar(original, COMBINING_LATIN.test(original));
}

/** Below this length the choice matters little: the whole-string path, as for every text before. */
const SHORT_TEXT = 4096;

/**
 * Whether most of the first 128 units of `text` are beyond ASCII. Only then do whole-string
 * `normalize`, `toLowerCase` and two replaces beat {@link normalizeByChar}'s loop on a long text
 * (CJK: ~10% faster); on long Latin text with a few curly quotes or accents (pre-training
 * documents) they cost ~25% more. Either path gives the same result: this only picks the faster.
 */
function mostlyBeyondAscii(text: string): boolean {
  const end = Math.min(text.length, 128);
  let beyond = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) >= 0x80) beyond++;
  return 2 * beyond > end;
}

/**
 * Latin combining diacritics compose with the letter before them ("o" + U+0302 → "ô"), so in text
 * that has them a character followed by marks is normalised with them, as one cluster. Other text
 * goes character by character.
 */
const COMBINING_LATIN = /[\u0300-\u036f]/;

/** Each non-ASCII character's normalised form, computed once per process. */
const CHAR_FORMS = new Map<string, string>();

function charForm(ch: string): string {
  let form = CHAR_FORMS.get(ch);
  if (form === undefined) {
    form = formOf(ch);
    CHAR_FORMS.set(ch, form);
  }
  return form;
}

/** The normal form of a character or a cluster (a character and its combining marks). */
function formOf(cluster: string): string {
  return cluster
    .normalize("NFKC")
    .toLowerCase()
    .replace(DROPPED_G, "")
    .replace(T2S_CLASS, toSimplified)
    .replace(FOLD_CLASS, fold);
}

/**
 * The normalized form of the non-ASCII character at `i` of `text` (a surrogate pair is one
 * character), as {@link normalizeText} writes it, when that form does not depend on the
 * characters around it; undefined when it may: a combining mark or a character whose form starts
 * with one (NFKC composes it with the character before), a Hangul jamo (composes into a
 * syllable), a lone surrogate. Lets a scan read normalized text without building it.
 */
export function standaloneForm(text: string, i: number): string | undefined {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let form = STANDALONE_FORMS[c];
    if (form === undefined) {
      form = standalone(String.fromCharCode(c));
      STANDALONE_FORMS[c] = form;
    }
    return form ?? undefined;
  }
  const low = text.charCodeAt(i + 1);
  if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return undefined;
  return standalone(text.slice(i, i + 2)) ?? undefined;
}

/** {@link standaloneForm} by BMP code unit: null when the form depends on the neighbours. */
const STANDALONE_FORMS: Array<string | null | undefined> = new Array(0x10000);

// Conjoining jamo (and their extensions), which NFKC composes into syllables.
const JAMO = /^[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/;

function standalone(ch: string): string | null {
  const composed = ch.normalize("NFKC");
  if (MARK_START.test(composed) || JAMO.test(composed)) return null;
  return charForm(ch);
}

/**
 * Per UTF-16 unit outside the surrogates: 1 when the character is its own normal form (most Han,
 * kana, Hangul, small Cyrillic and Arabic letters), 2 when not, 0 while not yet asked.
 */
const OWN_FORM = new Uint8Array(0x10000);

/** True when `c` (not a surrogate) normalises to itself, so it can stay in a run copied as is. */
function isOwnForm(c: number): boolean {
  let known = OWN_FORM[c] as number;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    known = charForm(ch) === ch ? 1 : 2;
    OWN_FORM[c] = known;
  }
  return known === 1;
}

/**
 * Character by character with a cache of forms: the common case for CJK, Cyrillic, Arabic text.
 * Runs of ASCII and of characters that are their own normal form are copied (lower-cased) in one
 * piece; only the others (full-width punctuation, traditional characters, capitals) one by one.
 * With `clusters`, a character followed by combining marks is normalised with them, as
 * {@link normalizeSlow} does everywhere (the same result, at the speed of this loop).
 *
 * The offset maps are built only when first read: most texts normalised here name no model, and
 * for a long document (pre-training text with a few curly quotes) writing two offsets per
 * character cost more than the loop itself.
 */
function normalizeByChar(original: string, clusters: boolean): NormalizedText {
  const n = original.length;
  const out: string[] = [];
  // The characters whose form is not a copy: where each starts and ends, and its form's length.
  const from: number[] = [];
  const to: number[] = [];
  const formLength: number[] = [];
  let length = 0;
  let runStart = 0;
  for (let i = 0; i < n; ) {
    const c = original.charCodeAt(i);
    if (
      (c < 0x80 ? c !== 0x2a : (c < 0xd800 || c > 0xdfff) && isOwnForm(c)) &&
      !(clusters && i + 1 < n && isClusterMark(original.charCodeAt(i + 1)))
    ) {
      i++;
      continue;
    }
    if (i > runStart) {
      out.push(original.slice(runStart, i).toLowerCase());
      length += i - runStart;
    }
    let end = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    let form: string;
    if (clusters && end < n && isClusterMark(original.charCodeAt(end))) {
      while (end < n && isClusterMark(original.charCodeAt(end))) end++;
      form = formOf(original.slice(i, end));
    } else {
      form = c === 0x2a ? "" : charForm(original.slice(i, end));
    }
    out.push(form);
    length += form.length;
    if (length > n * 2) return normalizeSlow(original);
    from.push(i);
    to.push(end);
    formLength.push(form.length);
    i = end;
    runStart = i;
  }
  if (n > runStart) {
    out.push(original.slice(runStart, n).toLowerCase());
    length += n - runStart;
  }
  let maps: { starts: Int32Array; ends: Int32Array } | undefined;
  const build = (): { starts: Int32Array; ends: Int32Array } => {
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    let at = 0;
    let copied = 0;
    const copy = (upTo: number): void => {
      for (let k = copied; k < upTo; k++, at++) {
        starts[at] = k;
        ends[at] = k + 1;
      }
    };
    for (let p = 0; p < from.length; p++) {
      const a = from[p] as number;
      const b = to[p] as number;
      copy(a);
      for (let k = 0; k < (formLength[p] as number); k++, at++) {
        starts[at] = a;
        ends[at] = b;
      }
      copied = b;
    }
    copy(n);
    return { starts, ends };
  };
  return {
    text: out.join(""),
    get starts() {
      maps ??= build();
      return maps.starts;
    },
    get ends() {
      maps ??= build();
      return maps.ends;
    },
  };
}

/**
 * Per UTF-16 unit: 2 when it is a combining mark that joins the cluster before it (a mark that
 * normalisation does not drop), 1 when not, 0 while not yet asked. Surrogates never are.
 */
const CLUSTER_MARK = new Uint8Array(0x10000);

function isClusterMark(c: number): boolean {
  if (c < 0x300) return false;
  let known = CLUSTER_MARK[c] as number;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    known = MARK.test(ch) && !DROPPED.test(ch) ? 2 : 1;
    CLUSTER_MARK[c] = known;
  }
  return known === 2;
}

function toSimplified(ch: string): string {
  return T2S.get(ch) ?? ch;
}

function fold(ch: string): string {
  return FOLDS[ch] ?? ch;
}

/**
 * Cluster by cluster, so each output unit knows which original character it came from. The
 * reference implementation: the faster paths must give the same result where they apply.
 */
export function normalizeSlow(original: string): NormalizedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < original.length) {
    // A cluster is one code point plus the combining marks that follow it, so that NFKC can
    // compose "o" + U+0302 into "ô" as one unit.
    const start = i;
    i += codePointLength(original, i);
    while (i < original.length && MARK.test(original[i] as string) && !DROPPED.test(original[i] as string)) {
      i += codePointLength(original, i);
    }
    const piece = formOf(original.slice(start, i));
    for (let k = 0; k < piece.length; k++) {
      out.push(piece[k] as string);
      starts.push(start);
      ends.push(i);
    }
  }
  return { text: out.join(""), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}
