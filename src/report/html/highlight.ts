import { escapeHtml } from "./escape.js";

/** Characters of context the tally keeps on each side of a match (src/tally/tally.ts). */
const CONTEXT = 80;
const ELLIPSIS = "…";

/** A snippet cut around its match. */
export interface SnippetParts {
  before: string;
  match: string;
  after: string;
}

interface Candidate {
  /** Where the match, or the `[` before it, starts. */
  start: number;
  /** Where the match, or the `]` after it, ends. */
  end: number;
  bracketed: boolean;
}

/**
 * Finds the match inside its snippet. The tally writes `…` + up to 80 characters + `[match]` + up
 * to 80 characters + `…`, with an ellipsis only where text was cut; a plain snippet (no brackets)
 * is accepted too. The match text can occur more than once, so each occurrence is scored by how
 * well the context around it fits that shape; ties go to the one nearest index min(80, …).
 */
export function locateMatch(snippet: string, match: string): SnippetParts | undefined {
  if (match === "") return undefined;
  const lead = snippet.startsWith(ELLIPSIS) ? ELLIPSIS.length : 0;
  const trail = snippet.length > lead && snippet.endsWith(ELLIPSIS) ? ELLIPSIS.length : 0;
  const misfit = (c: Candidate) => {
    const before = c.start - lead;
    const after = snippet.length - trail - c.end;
    const offBy = (n: number, cut: boolean) => (cut ? Math.abs(n - CONTEXT) : Math.max(0, n - CONTEXT));
    return offBy(before, lead > 0) + offBy(after, trail > 0);
  };
  const expected = Math.min(CONTEXT + lead, snippet.length - trail - match.length);
  const candidates = [
    ...occurrences(snippet, `[${match}]`).map((i) => ({
      start: i,
      end: i + match.length + 2,
      bracketed: true,
    })),
    ...occurrences(snippet, match).map((i) => ({ start: i, end: i + match.length, bracketed: false })),
  ];
  const best = candidates
    .map((c) => ({ c, misfit: misfit(c), distance: Math.abs(c.start - expected) }))
    .sort(
      (a, b) =>
        a.misfit - b.misfit ||
        Number(b.c.bracketed) - Number(a.c.bracketed) ||
        a.distance - b.distance ||
        a.c.start - b.c.start,
    )[0]?.c;
  if (best === undefined) return undefined;
  const inner = best.bracketed ? 1 : 0;
  return {
    before: snippet.slice(0, best.start),
    match: snippet.slice(best.start + inner, best.end - inner),
    after: snippet.slice(best.end),
  };
}

/** The snippet as HTML with its match in `<mark>`; a match not found is shown marked before it. */
export function highlightSnippet(snippet: string, match: string): string {
  const parts = locateMatch(snippet, match);
  if (parts === undefined) {
    return `<mark>${escapeHtml(match)}</mark> <span class="muted">in</span> ${escapeHtml(snippet)}`;
  }
  return `${escapeHtml(parts.before)}<mark>${escapeHtml(parts.match)}</mark>${escapeHtml(parts.after)}`;
}

function occurrences(text: string, part: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + 1)) found.push(i);
  return found;
}
