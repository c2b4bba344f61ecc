import type { Hit } from "../types.js";
import { isJsonSpace } from "./compact-json.js";

const CLOSE_BRACE = 0x7d;
const OPEN_BRACE = 0x7b;

/** What `--emit-annotate` adds to a flagged JSON record, under the key `selfid`. */
export interface Annotation {
  flagged: true;
  findings: Pick<Hit, "field" | "role" | "family" | "kind" | "lang" | "match" | "pattern">[];
}

/**
 * The record's JSON bytes with `"selfid": {…}` added as its last member, just before the closing
 * brace, so every byte of the original stays in place (and, as the last duplicate key, ours is the
 * one JSON parsers keep if the record had a `selfid` key already). Not byte-exact by design: it is
 * opt-in. Returns the bytes unchanged when they do not end in `}` (not an object).
 */
export function annotateJson(raw: Uint8Array, hits: readonly Hit[]): Uint8Array {
  let end = raw.length - 1;
  while (end >= 0 && isJsonSpace(raw[end] as number)) end--;
  if (end < 0 || raw[end] !== CLOSE_BRACE) return raw;
  let before = end - 1;
  while (before >= 0 && isJsonSpace(raw[before] as number)) before--;
  const empty = raw[before] === OPEN_BRACE;
  const annotation: Annotation = {
    flagged: true,
    findings: hits.map(({ field, role, family, kind, lang, match, pattern }) => ({
      field,
      role,
      family,
      kind,
      lang,
      match,
      pattern,
    })),
  };
  const member = Buffer.from(`${empty ? "" : ","}"selfid":${JSON.stringify(annotation)}`);
  return Buffer.concat([raw.subarray(0, end), member, raw.subarray(end)]);
}
