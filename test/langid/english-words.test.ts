import { describe, expect, it } from "vitest";
import { isPlainEnglish } from "../../src/langid/english-words.js";
import { prng, randomText } from "../helpers/prng.js";

const ENGLISH = [
  "Sure! Here is a simple recipe for banana bread that you can make at home in about an hour.",
  "The mitochondria is the powerhouse of the cell, and it produces most of the energy we need.",
  "To solve for x, subtract 10 from both sides of the equation and then divide by 3.",
  "I'm sorry, but I can't help with that request. Is there anything else you would like to know?",
  "Photosynthesis is how plants turn light into chemical energy — it happens in the chloroplasts.",
  "“Your future is created by what you do today, not tomorrow.” This quote reminds us to act now.",
  "Yes, you can use a for loop with the range function to iterate over the list of numbers.",
  "Certainly! Koldskål is a classic Danish dish that is perfect for a hot summer day. 🍓",
];

// Other languages written in plain ASCII letters: none may be taken for English.
const OTHER = [
  "Non, Lucie et Lin n'ont pas beaucoup de pain, car Lucie dit qu'elles n'en ont pas assez.",
  "Hola, soy un asistente y puedo ayudarte con tus preguntas sobre la historia de Roma.",
  "Das ist ein Beispiel fur einen Satz, der nicht auf Englisch geschrieben ist und mit dem Wort endet.",
  "Saya adalah asisten yang dapat membantu anda dengan pertanyaan tentang sejarah dan budaya ini.",
  "Ako ay isang katulong na makakatulong sa mga tanong mo tungkol sa kasaysayan ng Pilipinas.",
  "Dit is een voorbeeld van een zin die niet in het Engels is geschreven, maar in het Nederlands.",
  "Questo e un esempio di una frase che non e scritta in inglese, ma in italiano per il test.",
  "Eu sou um assistente e posso ajudar com perguntas sobre a historia do Brasil para voce.",
  "Jeg er en assistent som kan hjelpe deg med spørsmål om historie og kultur i Norge.",
  "Ben bir asistanim ve bu konuda sana yardim edebilirim, tarih ile ilgili sorular icin.",
];

describe("isPlainEnglish", () => {
  it("recognises ordinary English prose, curly quotes and dashes included", () => {
    for (const text of ENGLISH) expect(isPlainEnglish(text), text).toBe(true);
  });

  it("leaves other languages written in ASCII letters to the n-gram model", () => {
    for (const text of OTHER) expect(isPlainEnglish(text), text).toBe(false);
  });

  it("cannot tell text with more than a few letters beyond ASCII, very short text, or lists of names", () => {
    expect(isPlainEnglish("The café on the corner is where you and I met.")).toBe(false);
    expect(isPlainEnglish("Élève, été, à côté de la forêt: the and of is that with you")).toBe(false);
    expect(isPlainEnglish("This is 通义千问 and the rest of it is English text.")).toBe(false);
    expect(isPlainEnglish("Yes, it is.")).toBe(false);
    expect(isPlainEnglish("1. Saudi Arabia 2. Singapore 3. South Africa 4. Spain 5. Sudan")).toBe(false);
    expect(isPlainEnglish("Khachapuri, Lobio, Pkhali, Churchkhela, Mtsvadi")).toBe(false);
    expect(isPlainEnglish("Tuna Avocado Wraps with Sriracha and Mustard")).toBe(true);
    expect(isPlainEnglish("")).toBe(false);
  });

  it("counts words as /[A-Za-z]+/g finds them, whatever stands between (random texts)", () => {
    // The rule written with regexes and strings, as it was before the loop replaced it.
    const english = new Set(
      "the and that this with you your are which would should there these those been their they what how from about into when its is of to for it was were have has will can not be we our or on an at by as if but do does my me more also than other some such any all each may one only here i in a".split(
        " ",
      ),
    );
    const core = new Set(["the", "and", "that", "this", "with", "you", "your", "are", "of", "is"]);
    const other = new Set(
      "le la les des est et une un du au aux pas qui que el los las del por y es una lo se und der die das ist nicht ein eine mit den het een van niet zijn il di che per sono della em para com uma os ng sa mga yang dan ini itu tidak dengan ke og er ikke af som och att jest nie na w z je ve bir bu ile da".split(
        " ",
      ),
    );
    const reference = (text: string) => {
      const words = text.match(/[A-Za-z]+/g) ?? [];
      if (words.length < 4) return false;
      const foreign = text.match(/(?![\0-\x7f])\p{L}/gu)?.length ?? 0;
      if (foreign * 40 > words.join("").length) return false;
      const lower = words.map((w) => w.toLowerCase());
      const e = lower.filter((w) => english.has(w)).length;
      const c = lower.filter((w) => core.has(w)).length;
      const o = lower.filter((w) => !english.has(w) && other.has(w)).length;
      return c > 0 && e >= words.length * 0.2 && o * 4 <= e;
    };
    const pieces = [
      "the ",
      "And ",
      "SHOULD",
      "shoulder",
      "dengan",
      "é",
      "中",
      "x",
      " ",
      ".",
      "\n",
      "is",
      "of",
      "le ",
      "die ",
      "a",
      "12",
      "_",
      "@",
      "[",
      "`",
      "Ü",
    ];
    const random = prng(3);
    let yes = 0;
    for (let n = 0; n < 20000; n++) {
      const text = randomText(random, pieces, Math.floor(random() * 16));
      const expected = reference(text);
      expect(isPlainEnglish(text), text).toBe(expected);
      if (expected) yes++;
    }
    expect(yes).toBeGreaterThan(200);
  });
});
