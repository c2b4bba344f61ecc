import { UsageError } from "../errors.js";

/** One step of a field path: an object key, every array element (`[]`), or one element (`[n]`). */
export type PathStep = { type: "key"; key: string } | { type: "each" } | { type: "index"; index: number };

/** A parsed `--field` path such as `messages[].content`. */
export interface FieldPath {
  /** The path as the user wrote it, for messages. */
  readonly source: string;
  readonly steps: readonly PathStep[];
}

/** One concrete location a path reached inside a record. */
export interface PathMatch {
  /** Concrete path of this location, every `[]` replaced by its index: `messages[2].content`. */
  field: string;
  value: unknown;
  /** The object or array that directly holds `value`, so a caller can read a sibling `role`. */
  container?: unknown;
}

/**
 * Parses the `--field` path syntax: keys joined by `.`, each optionally followed by `[]` (every
 * element) or `[n]` (element n): `text`, `meta.body`, `messages[].content`, `a.b[].c[0].d`.
 * A key is any run of characters other than `.`, `[`, `]`, quotes and whitespace, so `user-id`,
 * `turn_2` and `问题` all work; a key that itself contains a `.` cannot be named.
 *
 * @throws {UsageError} pointing at the first bad character (1-based column).
 */
export function parseFieldPath(source: string): FieldPath {
  const steps: PathStep[] = [];
  const fail = (at: number, expected: string): never => {
    const found = at < source.length ? "" : " (end of path)";
    throw new UsageError(`--field "${source}": expected ${expected} at column ${at + 1}${found}`);
  };
  if (source.length === 0) throw new UsageError('--field "": empty path; expected a key such as "text"');
  let i = 0;
  for (;;) {
    const start = i;
    while (i < source.length && isKeyChar(source.charCodeAt(i))) i++;
    if (i === start) fail(i, "a key");
    steps.push({ type: "key", key: source.slice(start, i) });
    while (source.charCodeAt(i) === 0x5b /* [ */) {
      i++;
      const digits = i;
      while (isDigit(source.charCodeAt(i))) i++;
      if (source.charCodeAt(i) !== 0x5d /* ] */) fail(i, '"]"');
      steps.push(i === digits ? { type: "each" } : { type: "index", index: Number(source.slice(digits, i)) });
      i++;
    }
    if (i === source.length) return { source, steps };
    if (source.charCodeAt(i) !== 0x2e /* . */) fail(i, '"." or "["');
    i++;
  }
}

/**
 * Every location `path` reaches inside `value`, in document order. Missing keys, indices out of
 * range and steps into the wrong type (a key on an array, `[]` on an object) reach nothing; they
 * are not errors, because datasets are ragged.
 */
export function extractPath(value: unknown, path: FieldPath): PathMatch[] {
  const out: PathMatch[] = [];
  walk(value, path.steps, 0, "", undefined, out);
  return out;
}

function walk(
  value: unknown,
  steps: readonly PathStep[],
  at: number,
  field: string,
  container: unknown,
  out: PathMatch[],
): void {
  const step = steps[at];
  if (step === undefined) {
    out.push(container === undefined ? { field, value } : { field, value, container });
    return;
  }
  if (step.type === "key") {
    if (!isObject(value) || !Object.hasOwn(value, step.key)) return;
    const name = field === "" ? step.key : `${field}.${step.key}`;
    walk(value[step.key], steps, at + 1, name, value, out);
    return;
  }
  if (!Array.isArray(value)) return;
  if (step.type === "index") {
    if (step.index < value.length)
      walk(value[step.index], steps, at + 1, `${field}[${step.index}]`, value, out);
    return;
  }
  for (let i = 0; i < value.length; i++) walk(value[i], steps, at + 1, `${field}[${i}]`, value, out);
}

/** A plain (non-array) object, as JSON objects are. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isKeyChar(c: number): boolean {
  // Anything but the path's own punctuation, quotes, whitespace and control characters.
  return (
    c > 0x20 &&
    c !== 0x2e &&
    c !== 0x5b &&
    c !== 0x5d &&
    c !== 0x22 &&
    c !== 0x27 &&
    c !== 0x7f &&
    c !== 0x3000
  );
}
