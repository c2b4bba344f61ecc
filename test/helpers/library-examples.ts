import { loadPatterns } from "../../src/match/load-patterns.js";
import type { ExampleInput } from "../../src/match/pattern-schema.js";
import type { Role } from "../../src/types.js";

/** A text and the role it is matched in. */
export interface Case {
  text: string;
  role: Role;
}

function unpack(example: ExampleInput, role: Role): Case {
  return typeof example === "string"
    ? { text: example, role }
    : { text: example.text, role: example.role ?? role };
}

/**
 * Every example of the built-in library, each with the role its file gives it, and its language
 * ("" for families' examples).
 */
export function libraryExamples(set = loadPatterns()): Array<Case & { lang: string }> {
  const examples: Array<Case & { lang: string }> = [];
  for (const lang of set.langs.values()) {
    for (const template of lang.templates) {
      const role: Role = template.kind === "system-persona" ? "system" : "assistant";
      for (const e of [...template.examples.positive, ...template.examples.negative]) {
        examples.push({ ...unpack(e, role), lang: lang.lang });
      }
    }
  }
  for (const family of set.families.values()) {
    for (const e of [...family.examples.positive, ...family.examples.negative]) {
      examples.push({ ...unpack(e, "assistant"), lang: "" });
    }
  }
  return examples;
}

/** Every role, to rotate through. */
export const ROLES: Role[] = ["assistant", "system", "user", "none", "tool"];

/** Text put around examples: plain prose, names, CJK, Cyrillic, list markup, one long word. */
export const FILLERS = [
  "Sure, here is the summary you asked for.",
  "Google and Meta both publish papers; OpenAI does too.",
  "以下是您要的内容。阿里云和百度都有大模型。",
  "Вот ответ на ваш вопрос, ChatGPT тоже так считает.",
  "As an AI language model trained by OpenAI,",
  "Claude Monet painted water lilies; Gemini is a constellation.",
  "\n\n1. First point\n2. Second point\n",
  "x".repeat(190),
];
