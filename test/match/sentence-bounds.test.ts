import { describe, expect, it } from "vitest";
import { sentenceBounds } from "../../src/match/sentence-bounds.js";

describe("sentenceBounds", () => {
  it("splits at terminators but not inside version numbers or domain-like names", () => {
    const text = "Hello there. I am GPT-3.5 from 01.AI, nice! Next one";
    const start = text.indexOf("I am");
    const [a, b] = sentenceBounds(text, start, start + 4);
    expect(text.slice(a, b)).toBe("I am GPT-3.5 from 01.AI, nice!");
  });

  it("treats CJK punctuation and newlines as sentence ends", () => {
    const text = "你是ChatGPT吗？我是通义千问。\n下一行";
    const start = text.indexOf("我是");
    const [a, b] = sentenceBounds(text, start, start + 2);
    expect(text.slice(a, b)).toBe("我是通义千问。");
  });
});

describe("sentenceBounds at the edges", () => {
  it("ends a sentence at a full stop glued to Chinese text, and leaves closing quotes behind", () => {
    const text = 'Dramas include "Outlander.我是通义千问。';
    const start = text.indexOf("我是");
    const [a] = sentenceBounds(text, start, start + 2);
    expect(text.slice(a, start)).toBe("");
    const quoted = '"json:api!" ich bin chatgpt.'; // normalised: NFKC folds ！ and the quotes
    const at = quoted.indexOf("ich");
    expect(quoted.slice(sentenceBounds(quoted, at, at + 3)[0], at)).toBe("");
  });
});
