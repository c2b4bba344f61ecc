/**
 * The sentence around [start, end): from just after the previous terminator to just past the next
 * one, without the white space that opens it. A full stop ends a sentence unless a Latin or
 * Cyrillic letter or a digit follows, so "GPT-3.5" and "01.AI" stay whole; CJK and Arabic terminators end one wherever they stand.
 */
export function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !endsSentence(text, from - 1)) from--;
  // A closing quote or bracket after the terminator belongs to the sentence before.
  while (from < start && /[\s"'»」』)\]]/.test(text[from] as string)) from++;
  let to = end;
  while (to < text.length && !endsSentence(text, to)) to++;
  return [from, Math.min(text.length, to + 1)];
}

function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  switch (c) {
    case 0x0a: // \n
    case 0x21: // !
    case 0x3f: // ?
    case 0x3002: // 。
    case 0xff01: // ！ (NFKC folds it to "!", kept for unnormalized callers)
    case 0xff1f: // ？
    case 0x061f: // ؟
    case 0x0964: // । (Devanagari danda)
      return true;
    case 0x2e: {
      // "." ends a sentence unless a letter or digit of a spaced script follows ("01.ai", "3.5").
      const next = text[i + 1];
      return next === undefined || !/[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]/u.test(next);
    }
    default:
      return false;
  }
}
