import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { detectNgramLanguage } from "../../src/langid/ngram-detect.js";
import { ngramModel, packNgram, parseNgramModel } from "../../src/langid/ngram-model.js";
import { prng } from "../helpers/prng.js";

// The compact model must give eld/small's answer on every text: eld itself is the oracle.
const eld = (
  createRequire(import.meta.url)(
    fileURLToPath(import.meta.resolve("eld/small")),
  ) as typeof import("eld/small")
).eld;

/** Every string in the pattern library (examples, names, frames): text in 20 languages and scripts. */
function libraryStrings(): string[] {
  const root = fileURLToPath(new URL("../../patterns", import.meta.url));
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const name of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (name.endsWith(".yaml")) walk(parse(readFileSync(join(root, name), "utf8")));
  }
  return out;
}

/** Random text from many scripts, with apostrophes, digits, long words and surrogates (lone ones too). */
function randomTexts(seed: number, count: number): string[] {
  const rand = prng(seed);
  const ranges: [number, number][] = [
    [0x20, 0x7e], // ASCII, punctuation and digits
    [0x61, 0x7a],
    [0x61, 0x7a],
    [0xc0, 0x24f], // Latin with diacritics
    [0x370, 0x3ff], // Greek
    [0x400, 0x4ff], // Cyrillic
    [0x590, 0x5ff], // Hebrew
    [0x600, 0x6ff], // Arabic
    [0x900, 0x97f], // Devanagari
    [0xe00, 0xe7f], // Thai
    [0x3040, 0x30ff], // kana
    [0x4e00, 0x4fff], // CJK
    [0xac00, 0xad00], // Hangul
    [0xd800, 0xdfff], // surrogates, paired or not
  ];
  const words = [
    "don't",
    "l’homme",
    "it`s",
    "  ",
    "\n",
    "\t",
    "https://x.com/a",
    "ABC",
    "İstanbul",
    "😀",
    "𝐀𝐁𝐂",
  ];
  return Array.from({ length: count }, () => {
    const length = Math.floor(rand() ** 2 * 1500);
    let text = "";
    const [low, high] = ranges[Math.floor(rand() * ranges.length)] as [number, number];
    while (text.length < length) {
      if (rand() < 0.1) text += words[Math.floor(rand() * words.length)];
      else if (rand() < 0.15) text += " ";
      else if (rand() < 0.02) text += "x".repeat(60 + Math.floor(rand() * 40));
      else {
        const [a, b] =
          rand() < 0.8 ? [low, high] : (ranges[Math.floor(rand() * ranges.length)] as [number, number]);
        text += String.fromCharCode(a + Math.floor(rand() * (b - a + 1)));
      }
    }
    return text;
  });
}

describe("eld/small's model in typed arrays", () => {
  it("gives eld's language on every string of the pattern library", () => {
    const texts = libraryStrings();
    expect(texts.length).toBeGreaterThan(3000);
    const differ = texts.filter((text) => detectNgramLanguage(text) !== eld.detect(text).language);
    expect(differ).toEqual([]);
    // Not a vacuous agreement: the texts span many languages.
    expect(new Set(texts.map((text) => detectNgramLanguage(text))).size).toBeGreaterThan(20);
  });

  it("gives eld's language on random text of every script, length and oddity", () => {
    const texts = [
      ...randomTexts(11, 3000),
      "",
      " ",
      "a",
      "ab",
      "abc",
      "abcd",
      "'''",
      "\ud800",
      "x\udc00y",
      "a".repeat(2000),
      "Ça va très bien, merci beaucoup mon ami.",
      "Dobrý den, jak se máte? Děkuji, mám se dobře.",
      "Selamat pagi, apa kabar? Saya baik-baik saja.",
    ];
    const differ = texts.filter((text) => detectNgramLanguage(text) !== eld.detect(text).language);
    expect(differ).toEqual([]);
  });

  it("packs n-grams as the model file keys them, and refuses what cannot be a key", () => {
    expect(packNgram(" the ")).toBe(((((0x20 * 256 + 0x74) * 256 + 0x68) * 256 + 0x65) * 256 + 0x20) * 256);
    expect(packNgram("abcdefg")).toBe(-1);
    expect(packNgram("ab\u0100")).toBe(-1);
    expect(packNgram("a\u0000b")).toBe(-1);
  });

  it("holds every n-gram of eld's model, and refuses a damaged file", () => {
    const model = ngramModel();
    expect(model.languages).toHaveLength(60);
    let found = 0;
    model.scores(packNgram(" the "), () => found++);
    expect(found).toBeGreaterThan(0);
    const file = readFileSync(fileURLToPath(new URL("../../dist/langid/ngram-model.bin", import.meta.url)));
    expect(() => parseNgramModel(file.subarray(0, file.length - 3))).toThrow(
      /langid model: .*run npm run build/,
    );
    expect(() => parseNgramModel(Buffer.from("not a model at all"))).toThrow(/not a selfid n-gram model/);
    // The header: each field checked, the file's own and a damaged copy.
    const headerLength = file.readUInt32LE(8);
    const header = JSON.parse(file.toString("utf8", 12, 12 + headerLength));
    const withHeader = (value: unknown): Buffer => {
      const json = Buffer.from(JSON.stringify(value));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(json.length);
      return Buffer.concat([file.subarray(0, 8), length, json, file.subarray(12 + headerLength)]);
    };
    expect(parseNgramModel(withHeader(header)).languages).toEqual(model.languages);
    for (const [field, value, message] of [
      ["format", "selfid.ngram-model/0", /bad header \(format: expected "selfid.ngram-model\/1"\)/],
      ["languages", [], /bad header \(languages: expected 1 to 255 strings\)/],
      ["dictionary", "abc", /bad header \(dictionary: expected a string of 256 characters\)/],
      ["separators", { source: 1 }, /bad header \(separators: /],
      ["ngrams", 1.5, /bad header \(ngrams: expected a positive integer\)/],
      ["pairs", undefined, /bad header \(pairs: /],
    ] as const) {
      expect(() => parseNgramModel(withHeader({ ...header, [field]: value }))).toThrow(message);
    }
  });
});
