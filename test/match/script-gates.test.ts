import { describe, expect, it } from "vitest";
import { GATE_FLOOR, LANG_GATES } from "../../src/match/compile-patterns.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { createMatcher } from "../../src/match/matcher.js";

// The matcher skips every script gate in a text with no code unit from GATE_FLOOR up, without
// running the gates' regexes: that is only the same answer if no gate script starts below it.

describe("script gates", () => {
  it("have no character below GATE_FLOOR, and one at it", () => {
    const gates = Object.values(LANG_GATES).map((source) => new RegExp(source, "u"));
    for (let c = 0; c < GATE_FLOOR; c++) {
      const ch = String.fromCharCode(c);
      expect(gates.filter((gate) => gate.test(ch)).length, `U+${c.toString(16)}`).toBe(0);
    }
    // The floor is as high as it can be: some gate opens on it.
    expect(gates.some((gate) => gate.test(String.fromCharCode(GATE_FLOOR)))).toBe(true);
  });

  it("still open on a script's text, Latin and astral characters around it", () => {
    const matcher = createMatcher(loadPatterns());
    const found = (text: string) => matcher.match(text, "assistant").map((f) => f.family);
    expect(found("Hello! 我是通义千问，由阿里云开发的AI助手。")).toContain("alibaba");
    expect(found("𠀀 我是通义千问，由阿里云开发的AI助手。")).toContain("alibaba");
    expect(found("Привет! Я — ChatGPT, языковая модель от OpenAI.")).toContain("openai");
    expect(found("Hello! I am ChatGPT, a large language model trained by OpenAI.")).toContain("openai");
  });
});
