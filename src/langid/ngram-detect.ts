import { type NgramModel, ngramModel, packNgram } from "./ngram-model.js";

// eld's `detect` (eld 2.x, src/languageDetector.js; Apache-2.0, © Nito T.M.), step for step, on
// the compact model: the same text processing, n-grams and scores, hence the same language. Each
// step keeps eld's quirks on purpose (see test/langid/ngram-detect.test.ts, which compares).

/** eld stores n-gram scores less this floor, to keep its database small. */
const BASE_NGRAM_SCORE = 53;
/** eld reads at most this many UTF-16 units. */
const MAX_TEXT = 1000;
/** Words are cut at a space after this many UTF-8 bytes, and anywhere after the next. */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
/** Longest part of a word its n-grams are taken from. */
const MAX_WORD = 70;

/**
 * The ISO 639-1 code eld/small gives `text` (`ms` for Malay and Indonesian), or "" when no
 * n-gram of it is known.
 */
export function detectNgramLanguage(text: string, model: NgramModel = ngramModel()): string {
  const scores = new Array<number>(model.languages.length).fill(0);
  const counted = new Set<number>();
  const add = (language: number, score: number) => {
    scores[language] = (scores[language] as number) + score + BASE_NGRAM_SCORE;
  };
  for (const word of utf8Words(normalise(text.substring(0, MAX_TEXT), model), model.dictionary)) {
    for (const ngram of wordNgrams(word)) {
      const key = packNgram(ngram);
      if (key < 0 || counted.has(key)) continue;
      counted.add(key);
      model.scores(key, add);
    }
  }
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    if (score > 0 && score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best < 0 ? "" : (model.languages[best] as string);
}

function normalise(text: string, model: NgramModel): string {
  model.separators.lastIndex = 0;
  return text.replace(model.separators, " ").trim().toLowerCase();
}

/**
 * The words of `text` as eld writes them: ASCII as is, every other character as its UTF-8 bytes,
 * each byte as the dictionary's character for it; cut after ~350 bytes.
 */
function utf8Words(text: string, dictionary: readonly string[]): string[] {
  const byte = (value: number) => dictionary[value] as string;
  const words: string[] = [];
  let encoded = "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== "") {
          words.push(encoded);
          encoded = "";
        }
        if (bytes > CUT_AFTER) break;
      } else {
        encoded += text[i];
      }
      bytes++;
    } else if (code < 0x800) {
      encoded += byte(0xc0 | (code >> 6)) + byte(0x80 | (code & 0x3f));
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded += byte(0xe0 | (code >> 12)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
      bytes += 3;
    } else {
      // A surrogate pair, taken as one code point whatever the next unit is, as eld does.
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded +=
        byte(0xf0 | (code >> 18)) +
        byte(0x80 | ((code >> 12) & 0x3f)) +
        byte(0x80 | ((code >> 6) & 0x3f)) +
        byte(0x80 | (code & 0x3f));
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER) break;
  }
  if (encoded !== "") words.push(encoded);
  return words;
}

/** A word's n-grams: 4 characters every 3, the first marked with a leading space, the last part with a trailing one. */
function wordNgrams(word: string): string[] {
  const ngrams: string[] = [];
  const length = Math.min(word.length, MAX_WORD);
  let j = 0;
  for (; j + 4 < length; j += 3) ngrams.push((j === 0 ? " " : "") + word.substring(j, j + 4));
  ngrams.push(`${j === 0 ? " " : ""}${word.substring(length !== 3 ? length - 4 : 0)} `);
  return ngrams;
}
