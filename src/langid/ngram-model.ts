import { readFileSync } from "node:fs";
import { builtFile } from "../built-file.js";

/**
 * eld/small's n-gram model (eld 2.x, Apache-2.0, © Nito T.M.) in typed arrays: an open-addressing
 * table from an n-gram (up to 6 one-byte characters, packed into one number) to its run of
 * (language, score) byte pairs. ~3 MB per thread instead of the ~150 MB eld's object model takes.
 */
export interface NgramModel {
  /** ISO 639-1 codes, by language index. */
  languages: readonly string[];
  /** eld's byte dictionary: the character each UTF-8 byte value is written as. */
  dictionary: readonly string[];
  /** eld's word separators (letters are kept, and apostrophes inside words). */
  separators: RegExp;
  /** The scores of an n-gram packed by {@link packNgram}: `visit(language, score)` for each. */
  scores(key: number, visit: (language: number, score: number) => void): void;
}

const MAGIC = "SIDNGRAM";
const FORMAT = "selfid.ngram-model/1";
const KEY_BYTES = 6;

interface ModelHeader {
  format: typeof FORMAT;
  model: string;
  languages: string[];
  dictionary: string;
  separators: { source: string; flags: string };
  ngrams: number;
  pairs: number;
}

/**
 * The header of the model file, or what is wrong with it. Checked by hand rather than with zod:
 * the file is this package's own build output, and a scan worker needs zod for nothing else, while
 * importing it takes ~110 ms of the worker's start.
 */
function checkHeader(value: unknown): ModelHeader | string {
  if (typeof value !== "object" || value === null) return "not an object";
  const h = value as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  const count = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;
  const separators = h.separators as Record<string, unknown> | null | undefined;
  if (h.format !== FORMAT) return `format: expected "${FORMAT}"`;
  if (typeof h.model !== "string") return "model: expected a string";
  if (!strings(h.languages) || h.languages.length < 1 || h.languages.length > 255)
    return "languages: expected 1 to 255 strings";
  if (typeof h.dictionary !== "string" || h.dictionary.length !== 256)
    return "dictionary: expected a string of 256 characters";
  if (typeof separators?.source !== "string" || typeof separators.flags !== "string")
    return "separators: expected { source, flags } strings";
  if (!count(h.ngrams)) return "ngrams: expected a positive integer";
  if (!count(h.pairs)) return "pairs: expected a positive integer";
  return h as unknown as ModelHeader;
}

/**
 * An n-gram of up to 6 characters with codes 1–255 as one integer below 2^48 (the file's key order),
 * or -1 for any other string: no such n-gram is in the model.
 */
export function packNgram(ngram: string): number {
  if (ngram.length > KEY_BYTES) return -1;
  let key = 0;
  for (let i = 0; i < KEY_BYTES; i++) {
    const code = i < ngram.length ? ngram.charCodeAt(i) : 0;
    if (code > 255 || (code === 0 && i < ngram.length)) return -1;
    key = key * 256 + code;
  }
  return key;
}

let loaded: NgramModel | undefined;

/** The model `npm run build` wrote (`dist/langid/ngram-model.bin`), read once per thread. */
export function ngramModel(): NgramModel {
  loaded ??= parseNgramModel(readFileSync(builtFile("langid/ngram-model.bin")));
  return loaded;
}

/** Reads the model file (see scripts/build-langid-model.mjs for its layout). */
export function parseNgramModel(file: Buffer): NgramModel {
  const bad = (what: string) => new Error(`langid model: ${what}; run npm run build`);
  if (file.toString("latin1", 0, MAGIC.length) !== MAGIC) throw bad("not a selfid n-gram model");
  const headerEnd = MAGIC.length + 4 + file.readUInt32LE(MAGIC.length);
  let header: ModelHeader | string;
  try {
    header = checkHeader(JSON.parse(file.toString("utf8", MAGIC.length + 4, headerEnd)));
  } catch (error) {
    header = (error as Error).message;
  }
  if (typeof header === "string") throw bad(`bad header (${header})`);
  const body = file.subarray(headerEnd);

  let capacity = 1;
  while (capacity < header.ngrams * 2) capacity *= 2;
  const shift = 32 - Math.log2(capacity);
  const keys = new Float64Array(capacity);
  const starts = new Uint32Array(capacity);
  const counts = new Uint8Array(capacity);
  const slot = (key: number): number => {
    const low = key >>> 0;
    const high = (key / 2 ** 32) >>> 0;
    let at = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> shift;
    while (keys[at] !== 0 && keys[at] !== key) at = (at + 1) & (capacity - 1);
    return at;
  };

  let offset = 0;
  for (let n = 0; n < header.ngrams; n++) {
    if (offset + KEY_BYTES + 1 > body.length) throw bad("the file is truncated");
    let key = 0;
    for (let i = 0; i < KEY_BYTES; i++) key = key * 256 + (body[offset + i] as number);
    const count = body[offset + KEY_BYTES] as number;
    const at = slot(key);
    keys[at] = key;
    starts[at] = offset + KEY_BYTES + 1;
    counts[at] = count;
    offset += KEY_BYTES + 1 + 2 * count;
  }
  if (offset !== body.length) throw bad("the file's length does not match its header");

  return {
    languages: header.languages,
    dictionary: [...header.dictionary],
    separators: new RegExp(header.separators.source, header.separators.flags),
    scores(key, visit) {
      if (key <= 0) return;
      const at = slot(key);
      if (keys[at] !== key) return;
      const start = starts[at] as number;
      const end = start + 2 * (counts[at] as number);
      for (let i = start; i < end; i += 2) visit(body[i] as number, body[i + 1] as number);
    },
  };
}
