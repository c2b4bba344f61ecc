/**
 * Word boundaries of the lexicon's terms. Scripts whose words are separated by spaces need a
 * boundary on each side of a term ("gpt" is not a name inside "egpt"); CJK, Thai and Arabic glue
 * words. The compiled regexes and the key automaton's early tests use the same classes, so a key
 * that fails the test here is a term the regex would reject.
 */

/** 0: no boundary; otherwise 1 + the index of the script in {@link SCRIPTS}. */
export type BoundaryClass = number;

/** No boundary is needed on that side of the term. */
export const NO_BOUNDARY: BoundaryClass = 0;

/**
 * The classes are explicit ranges of lower-case letters (text is matched normalized, so
 * lower-cased): `\p{Script=Latin}` in a lookbehind costs half a millisecond to compile per term
 * and is slow to test.
 */
const SCRIPTS: ReadonlyArray<{ script: RegExp; source: string; has: (c: number) => boolean }> = [
  {
    script: /[\p{Script=Latin}\p{N}]/u,
    source: "[a-z0-9_\\u00c0-\\u024f\\u1e00-\\u1eff]",
    has: (c) =>
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      (c >= 0xc0 && c <= 0x24f) ||
      (c >= 0x1e00 && c <= 0x1eff),
  },
  { script: /\p{Script=Cyrillic}/u, source: "[\\u0400-\\u052f]", has: (c) => c >= 0x400 && c <= 0x52f },
  {
    script: /\p{Script=Greek}/u,
    source: "[\\u0370-\\u03ff\\u1f00-\\u1fff]",
    has: (c) => (c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff),
  },
];

/** The boundary a term needs next to `ch`, its first or last character (`""`: none). */
export function boundaryOf(ch: string): BoundaryClass {
  const index = SCRIPTS.findIndex(({ script }) => script.test(ch));
  return index < 0 ? NO_BOUNDARY : index + 1;
}

/** The regex class of the characters that may not stand next to the term; undefined for none. */
export function boundarySource(boundary: BoundaryClass): string | undefined {
  return SCRIPTS[boundary - 1]?.source;
}

/** Whether UTF-16 unit `c` of normalized text is a letter of the class, so no boundary is there. */
export function continuesWord(boundary: BoundaryClass, c: number): boolean {
  return SCRIPTS[boundary - 1]?.has(c) === true;
}
