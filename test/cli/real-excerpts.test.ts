import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";

const FIXTURE = new URL("../fixtures/real/excerpts.jsonl", import.meta.url).pathname;

describe("real dataset excerpts (test/fixtures/real/SOURCES.md)", () => {
  it("reports LLaMA-Factory's unfilled {{name}} templates as placeholders, Vicuna and Mistral as claims", async () => {
    const hits: Hit[] = [];
    const { report } = await scan({ inputs: [FIXTURE], onHit: (hit) => hits.push(hit) });
    const byRecord = (record: number) =>
      hits.filter((h) => h.record === record).map((h) => [h.kind, h.family, h.role]);
    // identity.json: "Hello! I am {{name}}, an AI assistant developed by {{author}}."
    expect(byRecord(0).length).toBeGreaterThan(0);
    expect(byRecord(0).every(([kind, family]) => kind === "placeholder" && family === null)).toBe(true);
    // identity.json: the user asks "Are you ChatGPT?"; the answer names only {{author}}.
    expect(byRecord(1).every(([kind]) => kind === "placeholder")).toBe(true);
    // FastChat: "I am Vicuna, a language model trained by researchers from ... (LMSYS)."
    expect(byRecord(2)[0]).toEqual(["self-claim", "lmsys", "assistant"]);
    // FastChat: "Are you ChatGPT?" → "No, I am a language model trained by researchers from LMSYS."
    expect(byRecord(3).map(([, family]) => family)).toEqual(["lmsys"]);
    // AlpacaEval mistral-large: "ChatGPT is a model from OpenAI and I am a model from Mistral AI."
    expect(new Set(byRecord(4).map(([, family]) => family))).toEqual(new Set(["mistral"]));
    expect(report.totals).toMatchObject({ records: 5, flagged: 3, errors: 0 });
    expect(report.flaggedByFamily).toEqual({ lmsys: 2, mistral: 1 });
    // The generator metadata ("mistral-large-2402") is never scanned.
    expect(hits.every((h) => h.field !== "generator")).toBe(true);
    expect(readFileSync(FIXTURE, "utf8")).toContain('"generator"');
  });
});
