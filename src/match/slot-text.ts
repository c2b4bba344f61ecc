import { MARK } from "./compile-patterns.js";
import type { TermOccurrence } from "./term-index.js";

/** Normalized text with each term occurrence replaced by one slot mark, and the way back. */
export interface SlottedText {
  text: string;
  /** Normalized [start, end) of slotted [start, end). */
  span(start: number, end: number): [number, number];
  /** The occurrence the slot mark at this slotted index stands for. */
  occurrenceAt(index: number): TermOccurrence | undefined;
  /** Slotted indexes of the marks, in order. */
  marks: readonly number[];
}

/**
 * Replaces each term occurrence with the mark of the slots it can fill (name, creator, or both),
 * so that templates match a one-character class where the lexicon would be an alternation of
 * hundreds of names tried at every position.
 */
export function slotText(text: string, occurrences: readonly TermOccurrence[]): SlottedText {
  if (occurrences.length === 0)
    return { text, span: (a, b) => [a, b], occurrenceAt: () => undefined, marks: [] };
  const pieces: string[] = [];
  const marks = new Map<number, TermOccurrence>();
  // [slotted index, normalized index] at each mark and just after it; between them the text is unchanged.
  const anchors: Array<[number, number]> = [[0, 0]];
  let from = 0;
  let length = 0;
  for (const occ of occurrences) {
    pieces.push(text.slice(from, occ.start));
    length += occ.start - from;
    pieces.push(occ.name && occ.creator ? MARK.both : occ.name ? MARK.name : MARK.creator);
    marks.set(length, occ);
    anchors.push([length, occ.start], [length + 1, occ.end]);
    length += 1;
    from = occ.end;
  }
  pieces.push(text.slice(from));
  const toNormalized = (i: number): number => {
    let base = anchors[0] as [number, number];
    for (const anchor of anchors) {
      if (anchor[0] > i) break;
      base = anchor;
    }
    return base[1] + (i - base[0]);
  };
  return {
    text: pieces.join(""),
    span: (a, b) => [toNormalized(a), b > a ? endOf(b) : toNormalized(a)],
    occurrenceAt: (i) => marks.get(i),
    marks: [...marks.keys()],
  };

  /** A span ending on a mark ends where its occurrence ends. */
  function endOf(b: number): number {
    const occ = marks.get(b - 1);
    return occ ? occ.end : toNormalized(b - 1) + 1;
  }
}
