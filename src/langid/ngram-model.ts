import { readFileSync } from "node:fs";
import { z } from "zod";
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

const headerSchema = z.object({
  format: z.literal(FORMAT),
  model: z.string(),
  languages: z.array(z.string()).min(1).max(255),
  dictionary: z.string().length(256),
  separators: z.object({ source: z.string(), flags: z.string() }),
  ngrams: z.number().int().positive(),
  pairs: z.number().int().positive(),
});

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
  const parsed = headerSchema.safeParse(JSON.parse(file.toString("utf8", MAGIC.length + 4, headerEnd)));
  if (!parsed.success) throw bad(`bad header (${z.prettifyError(parsed.error)})`);
  const header = parsed.data;
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
