import { prng } from "./prng.js";

/** Assistant texts: self-introductions in three languages, a disclaimer, and clean answers. */
export const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "Je suis Claude, un assistant créé par Anthropic.",
  "The capital of France is Paris; it lies on the Seine.",
  "Ich bin ein hilfreicher Assistent und beantworte gern deine Fragen zum Wetter.",
  "2 + 2 = 4, and the square root of 16 is 4 as well.",
  "As an AI language model, I cannot browse the internet.",
];

/**
 * Seeded JSONL with records of three shapes (`messages`, `conversations`, `text` with filler),
 * about 4% blank, 4% malformed and 1% over-size (3 kB) lines, CRLF endings here and there and a
 * BOM: what splitting a file into byte ranges and shards must survive.
 */
export function mixedJsonl(seed: number, records: number): string {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    const r = rand();
    const text = `${pick(TEXTS)} (${i})`;
    if (r < 0.04) lines.push("");
    else if (r < 0.08) lines.push(pick(['{"text": "cut', "[1, 2]", "42"]));
    else if (r < 0.09) lines.push(JSON.stringify({ text: "x".repeat(3000) }));
    else if (r < 0.5)
      lines.push(
        JSON.stringify({
          id: i,
          messages: [
            { role: "user", content: "Who are you?" },
            { role: "assistant", content: text },
          ],
        }),
      );
    else if (r < 0.7)
      lines.push(
        JSON.stringify({
          id: i,
          conversations: [
            { from: "human", value: "Hi" },
            { from: "gpt", value: text },
          ],
        }),
      );
    else
      lines.push(
        JSON.stringify({ id: i, text: `${text} ${"filler words ".repeat(Math.floor(rand() * 30))}` }),
      );
  }
  return `\uFEFF${lines.map((line, i) => line + (i % 7 === 3 ? "\r\n" : "\n")).join("")}`;
}
