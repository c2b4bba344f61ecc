/**
 * Splits a leading lookbehind off a regex source: `(?<![\p{L}])i am …` → guard `(?<![\p{L}])`,
 * body `i am …`. V8 cannot skip ahead to a pattern's first literal when the pattern starts with a
 * lookbehind, so it tests the lookbehind's class at every position of the text (10× slower on
 * real text). The matcher runs the body and tests the guard, sticky, where a match starts.
 * Returns no guard when splitting would change the meaning (a top-level alternation).
 */
export function splitLeadingLookbehind(source: string): { guard: string | null; body: string } {
  let guardStart = 0;
  let guardEnd = -1;
  let bodyStart = -1;
  if (source.startsWith("(?<=") || source.startsWith("(?<!")) {
    guardEnd = groupEnd(source, 0);
    bodyStart = guardEnd;
  } else if (source.startsWith("(?:(?<=") || source.startsWith("(?:(?<!")) {
    // A macro like {b} expands to a wrapped group: (?:(?<![\p{L}\p{N}_]))
    const inner = groupEnd(source, 3);
    const outer = groupEnd(source, 0);
    if (inner < 0 || outer !== inner + 1) return { guard: null, body: source };
    guardStart = 3;
    guardEnd = inner;
    bodyStart = outer;
  }
  if (guardEnd < 0 || bodyStart >= source.length) return { guard: null, body: source };
  const body = source.slice(bodyStart);
  if (hasTopLevelAlternation(body)) return { guard: null, body: source };
  return { guard: source.slice(guardStart, guardEnd), body };
}

/** Index just past the group opening at `start`, or -1. */
function groupEnd(source: string, start: number): number {
  let end = -1;
  walkSyntax(source, start, (ch, i, depth) => {
    if (ch === ")" && depth === 0) end = i + 1;
    return end >= 0;
  });
  return end;
}

function hasTopLevelAlternation(source: string): boolean {
  let found = false;
  walkSyntax(source, 0, (ch, _i, depth) => {
    found = ch === "|" && depth === 0;
    return found;
  });
  return found;
}

/**
 * Visits each syntax character of a regex source (escapes and character classes skipped) with
 * the group depth after it, until `visit` returns true.
 */
function walkSyntax(
  source: string,
  start: number,
  visit: (ch: string, i: number, depth: number) => boolean,
): void {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (visit(ch, i, depth)) return;
  }
}
