import { describe, expect, it } from "vitest";
import { normalizeText, originalSpan } from "../../src/match/normalize.js";

function roundTrip(original: string, needle: string): string {
  const norm = normalizeText(original);
  const at = norm.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const [a, b] = originalSpan(norm, at, at + needle.length);
  return original.slice(a, b);
}

describe("normalizeText", () => {
  it("lower-cases ASCII without a map", () => {
    const norm = normalizeText("I'm ChatGPT");
    expect(norm.text).toBe("i'm chatgpt");
    expect(norm.starts).toBeNull();
  });

  it("folds full-width forms and keeps offsets into the original", () => {
    expect(normalizeText("我是ＤｅｅｐＳｅｅｋ").text).toBe("我是deepseek");
    expect(roundTrip("你好，我是ＤｅｅｐＳｅｅｋ！", "deepseek")).toBe("ＤｅｅｐＳｅｅｋ");
  });

  it("folds traditional Chinese to simplified, length-preserving", () => {
    const norm = normalizeText("我是通義千問，由阿里雲開發。");
    // NFKC also folds the full-width comma; the ideographic full stop stays.
    expect(norm.text).toBe("我是通义千问,由阿里云开发。");
    expect(roundTrip("我是通義千問，由阿里雲開發", "阿里云")).toBe("阿里雲");
  });

  it("drops markdown emphasis and zero-width marks but maps spans back", () => {
    expect(normalizeText("I'm **Claude**").text).toBe("i'm claude");
    expect(roundTrip("I'm **Claude**, an AI", "claude")).toBe("Claude");
    expect(normalizeText("Chat\u200bGPT").text).toBe("chatgpt");
  });

  it("composes decomposed Vietnamese and folds curly apostrophes", () => {
    expect(normalizeText("To\u0302i la\u0300 Claude").text).toBe("tôi là claude");
    expect(normalizeText("I’m Gemini").text).toBe("i'm gemini");
  });

  it("unifies Persian and Arabic yeh and kaf, and drops tashkeel", () => {
    expect(normalizeText("من یک مدل هستم").text).toBe("من يك مدل هستم");
    expect(normalizeText("نموذجًا").text).toBe("نموذجا");
  });

  it("maps a length-changing lower-casing (Turkish İ) without losing offsets", () => {
    const original = "İstanbul: ben ChatGPT'yim";
    expect(roundTrip(original, "chatgpt")).toBe("ChatGPT");
  });

  it("keeps astral characters whole", () => {
    expect(roundTrip("😀 I'm **Qwen** 😀", "qwen")).toBe("Qwen");
  });
});

describe("normalizeText fast paths", () => {
  it("agree with the cluster-by-cluster reference on mixed scripts", async () => {
    const { normalizeSlow } = await import("../../src/match/normalize.js");
    const samples = [
      "我是通義千問，由阿里雲開發的ＡＩ助手！**DeepSeek**",
      "Привет! Я — ГигаЧат от Сбера. ＩＩ",
      "أنا نموذج لغوي كبير تم تطويره بواسطة Google، ومن قبل فريق ـــ",
      "من یک مدل زبانی هستم که توسط OpenAI آموزش دیده است",
      "मैं ChatGPT हूँ, OpenAI द्वारा विकसित",
      "ฉันคือ ChatGPT ที่พัฒนาโดย OpenAI ค่ะ ทำ",
      "私はClaude（クロード）と申します。ｶﾀｶﾅ",
      "저는 네이버가 개발한 HyperCLOVA X입니다 😀 ﬁne",
      "İstanbul’da ChatGPT’yim — soft\u00adhyphen zero\u200bwidth",
    ];
    // Long texts too: past 4,096 units the path depends on how much of the text is beyond ASCII.
    const long = samples.flatMap((sample) => [
      `${"Plain English prose, for a while. ".repeat(130)}${sample}`,
      sample.repeat(Math.ceil(4200 / sample.length)),
    ]);
    for (const text of [...samples, ...long]) {
      const fast = normalizeText(text);
      const slow = normalizeSlow(text);
      expect(fast.text).toBe(slow.text);
      // The reference maps a letter with its combining marks as one unit; the fast path may be finer.
      for (let i = 0; i < fast.text.length; i++) {
        const [a, b] = originalSpan(fast, i, i + 1);
        const [c, d] = originalSpan(slow, i, i + 1);
        expect(a >= c && b <= d && a < b).toBe(true);
      }
    }
  });
});

describe("normalizeText on ASCII", () => {
  it("is the text lower-cased without its stars (what TermIndex.mayMatchAscii relies on)", async () => {
    const { prng } = await import("../helpers/prng.js");
    const random = prng(7);
    const alphabet = "aZ *Q-w.E\n\t\"'\\/0_*";
    for (let n = 0; n < 500; n++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(normalizeText(text).text).toBe(text.toLowerCase().replaceAll("*", ""));
    }
    expect(normalizeText("I'm **ChatGPT**").text).toBe("i'm chatgpt");
  });
});

describe("normalizeText on random mixed-script text", () => {
  it("gives the reference's text and offsets that stay inside the reference's clusters", async () => {
    const { normalizeSlow } = await import("../../src/match/normalize.js");
    const { prng } = await import("../helpers/prng.js");
    const random = prng(3);
    // Simplified and traditional Han, full-width forms, kana, Hangul, Cyrillic capitals and
    // small letters, Arabic with tashkeel and Persian yeh, curly quotes, stars, zero-width marks,
    // an emoji (a surrogate pair), Greek sigma, a dotted capital I, ASCII.
    const alphabet = [..."我是通义千問雲開發，：（）ＡＩｱかな한국어ЯяГигаЧатمنیيًّ‘’“”*\u200b😀ΣσİAbc xyz-.\n"];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(random() * 30);
      let text = "";
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const fast = normalizeText(text);
      const slow = normalizeSlow(text);
      expect(fast.text, text).toBe(slow.text);
      for (let i = 0; i < fast.text.length; i++) {
        const [a, b] = originalSpan(fast, i, i + 1);
        const [c, d] = originalSpan(slow, i, i + 1);
        expect(a >= c && b <= d && a < b, `${text} @${i}`).toBe(true);
      }
    }
  });
});

describe("normalizeText on text with combining marks", () => {
  it("normalises a letter with its marks as one cluster, as the reference does (random texts)", async () => {
    const { normalizeSlow } = await import("../../src/match/normalize.js");
    const { prng } = await import("../helpers/prng.js");
    const random = prng(5);
    // Latin combining accents (which send a text down the cluster path), marks of other scripts,
    // marks that normalisation drops (tashkeel), a mark after a star, after an emoji, at the start.
    const alphabet = [
      ..."aeoEOnuCQ *\u0300\u0301\u0302\u0303\u0308\u0323\u0327\u093c\u0928\u064b\u0670\u0627😀ΣİﬁＡ我問 .\n",
    ];
    let clustered = 0;
    for (let n = 0; n < 6000; n++) {
      const length = Math.floor(random() * 24);
      let text = "";
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      // Texts with a Latin combining accent take the cluster path (the others' marks go one by one).
      if (!/[\u0300-\u036f]/.test(text)) continue;
      const fast = normalizeText(text);
      const slow = normalizeSlow(text);
      expect(fast.text, text).toBe(slow.text);
      if (fast.starts !== null) {
        clustered++;
        // On the cluster path the offsets are the reference's, cluster for cluster (text that is
        // its own normal form maps each unit to itself, finer than the reference).
        expect([...(fast.starts ?? [])], text).toEqual([...(slow.starts ?? [])]);
        expect([...(fast.ends ?? [])], text).toEqual([...(slow.ends ?? [])]);
      }
    }
    expect(clustered).toBeGreaterThan(500);
    expect(normalizeText("Tôi là Trơ\u0323 ly\u0301 AI").text).toBe("tôi là trợ lý ai");
  });
});
