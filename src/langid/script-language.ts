/**
 * Language from the writing system alone, for text whose script names its language (Chinese,
 * Japanese, Korean, Thai, Russian, Arabic…). It is a counting loop over a bounded prefix, about
 * 30× cheaper than an n-gram model, and more accurate on the short texts where n-grams are weakest.
 */

/** UTF-16 units looked at by default: enough letters to be sure, bounded whatever the record's size. */
export const SCRIPT_PREFIX_CHARS = 300;

/**
 * A Han, kana or Hangul character counts this many times a Latin letter: one CJK character is
 * about one syllable, so a Chinese sentence with an English product name in it stays Chinese.
 */
const CJK_WEIGHT = 3;

/**
 * Scripts that belong to one language among those the detector reports (block ranges, inclusive).
 * Greek comes first: Greek Extended (polytonic) letters count with it.
 */
const SINGLE_LANGUAGE_SCRIPTS: ReadonlyArray<readonly [number, number, string]> = [
  [0x0370, 0x03ff, "el"],
  [0x0530, 0x058f, "hy"],
  [0x0590, 0x05ff, "he"],
  [0x0900, 0x097f, "hi"],
  [0x0980, 0x09ff, "bn"],
  [0x0a00, 0x0a7f, "pa"],
  [0x0a80, 0x0aff, "gu"],
  [0x0b00, 0x0b7f, "or"],
  [0x0b80, 0x0bff, "ta"],
  [0x0c00, 0x0c7f, "te"],
  [0x0c80, 0x0cff, "kn"],
  [0x0d00, 0x0d7f, "ml"],
  [0x0d80, 0x0dff, "si"],
  [0x0e00, 0x0e7f, "th"],
  [0x0e80, 0x0eff, "lo"],
  [0x1000, 0x109f, "my"],
  [0x10a0, 0x10ff, "ka"],
  [0x1200, 0x137f, "am"],
  [0x1780, 0x17ff, "km"],
];

/**
 * The language a non-Latin script clearly dominates the letters of `text` with, looking at the
 * first `maxChars` UTF-16 units; `undefined` when the text is mostly Latin, mixed, or has no letters
 * (an n-gram detector decides those).
 *
 * Han with kana in meaningful amount is `ja`, Han without is `zh` (either script); Hangul is `ko`.
 * Arabic script is `ur` with Urdu letters (ٹ ڈ ڑ ں ے ہ), `fa` with two of پ چ ژ گ or when Persian
 * letters (those, and ی ک rather than ي ك) outweigh Arabic ones (ي ك ة ى), `ar` when Arabic ones
 * do, and undecided on a tie. Cyrillic is `be` with ў, `uk` with і ї є ґ, `ru` with ы э ё, `sr`/`mk` with ј љ њ ђ ћ џ
 * (ѓ ќ ѕ), and undecided otherwise (short Ukrainian, Bulgarian).
 *
 * @default maxChars {@link SCRIPT_PREFIX_CHARS} (300)
 */
export function scriptLanguage(text: string, maxChars: number = SCRIPT_PREFIX_CHARS): string | undefined {
  const end = Math.min(text.length, maxChars);
  let latin = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let arabic = 0;
  let persianLetters = 0;
  let persianMarks = 0;
  let arabicMarks = 0;
  let urduMarks = 0;
  let cyrillic = 0;
  let ukrainianMarks = 0;
  let russianMarks = 0;
  let belarusianMarks = 0;
  let serbianMarks = 0;
  let macedonianMarks = 0;
  let other = 0;
  OTHER_COUNTS.fill(0);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latin++;
    } else if (c < 0x0250) {
      if (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) latin++;
    } else if (c >= 0x0400 && c <= 0x052f) {
      cyrillic++;
      if (c === 0x0456 || c === 0x0457 || c === 0x0454 || c === 0x0491) ukrainianMarks++;
      else if (c === 0x0406 || c === 0x0407 || c === 0x0404 || c === 0x0490) ukrainianMarks++;
      else if (c === 0x044b || c === 0x044d || c === 0x0451 || c === 0x042b || c === 0x042d || c === 0x0401) {
        russianMarks++;
      } else if (c === 0x045e || c === 0x040e) belarusianMarks++;
      else if (c === 0x0458 || c === 0x0459 || c === 0x045a || c === 0x0452 || c === 0x045b || c === 0x045f) {
        serbianMarks++;
      } else if (c === 0x0453 || c === 0x045c || c === 0x0455) macedonianMarks++;
    } else if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f)) {
      arabic++;
      if (c === 0x067e || c === 0x0686 || c === 0x0698 || c === 0x06af) persianLetters++;
      else if (c === 0x06cc || c === 0x06a9) persianMarks++;
      else if (c === 0x064a || c === 0x0643 || c === 0x0629 || c === 0x0649) arabicMarks++;
      else if (c === 0x0679 || c === 0x0688 || c === 0x0691 || c === 0x06ba || c === 0x06d2 || c === 0x06c1) {
        urduMarks++;
      }
    } else if (c >= 0x1e00 && c <= 0x1eff) {
      latin++;
    } else if (c >= 0x1f00 && c <= 0x1fff) {
      other++;
      OTHER_COUNTS[GREEK] = (OTHER_COUNTS[GREEK] ?? 0) + 1;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
      han++;
    } else if (c >= 0xd840 && c <= 0xd88d) {
      // High surrogate of CJK extensions B–H; its low surrogate is skipped.
      han++;
      i++;
    } else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9d)) {
      if (c !== 0x30fb) kana++;
    } else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) {
      hangul++;
    } else if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) {
      arabic++;
    } else if (c < 0x1800) {
      const script = singleLanguageScript(c);
      if (script >= 0) {
        other++;
        OTHER_COUNTS[script] = (OTHER_COUNTS[script] ?? 0) + 1;
      }
    }
  }

  const cjk = CJK_WEIGHT * (han + kana + hangul);
  const letters = latin + cyrillic + arabic + other + cjk;
  if (letters === 0) return undefined;
  const dominates = (count: number) => 2 * count > letters;

  if (dominates(cjk)) {
    if (hangul > kana && 2 * hangul >= han) return "ko";
    if (kana >= 2 && 10 * kana >= han + kana) return "ja";
    return han > 0 ? "zh" : kana > 0 ? "ja" : "ko";
  }
  // Without a telling letter, the n-gram model separates Russian, Ukrainian and Bulgarian (or
  // Persian and Arabic) better than a guess: short "Зазвичай через Налаштування" has no і ї є ґ.
  if (dominates(cyrillic)) {
    if (belarusianMarks > 0) return "be";
    if (ukrainianMarks > 0 && ukrainianMarks >= russianMarks) return "uk";
    if (russianMarks > 0) return "ru";
    if (serbianMarks > 0) return macedonianMarks > 0 ? "mk" : "sr";
    return undefined;
  }
  if (dominates(arabic)) {
    if (urduMarks >= 2) return "ur";
    // Persian typed on an Arabic keyboard has ي ك, but never Arabic's lack of پ چ ژ گ.
    if (persianLetters >= 2 || persianLetters + persianMarks > arabicMarks) return "fa";
    return arabicMarks > persianLetters + persianMarks ? "ar" : undefined;
  }
  if (dominates(other)) {
    let best = 0;
    for (let s = 1; s < OTHER_COUNTS.length; s++)
      if ((OTHER_COUNTS[s] ?? 0) > (OTHER_COUNTS[best] ?? 0)) best = s;
    if (dominates(OTHER_COUNTS[best] ?? 0)) return SINGLE_LANGUAGE_SCRIPTS[best]?.[2];
  }
  return undefined;
}

const GREEK = 0;

/** Per-script letter counts of the current call; reused so that a call allocates nothing. */
const OTHER_COUNTS = new Int32Array(SINGLE_LANGUAGE_SCRIPTS.length);

function singleLanguageScript(c: number): number {
  for (let s = 0; s < SINGLE_LANGUAGE_SCRIPTS.length; s++) {
    const range = SINGLE_LANGUAGE_SCRIPTS[s] as readonly [number, number, string];
    if (c >= range[0] && c <= range[1]) return s;
  }
  return -1;
}
