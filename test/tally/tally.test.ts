import { describe, expect, it } from "vitest";
import { reportSchema } from "../../src/report/report-schema.js";
import { EXAMPLES_PER_KEY, Tally } from "../../src/tally/tally.js";
import type { Hit } from "../../src/types.js";

function hit(record: number, family: string | null, kind: Hit["kind"] = "self-claim", lang = "en"): Hit {
  return {
    source: "a.jsonl",
    record,
    field: "text",
    role: "assistant",
    family,
    kind,
    lang,
    match: "I'm X",
    start: 4,
    end: 9,
    pattern: `${lang}/${kind}/1`,
  };
}

describe("Tally", () => {
  it("counts records, flags and hits per language, family and role", () => {
    const tally = new Tally();
    const input = tally.addInput("a.jsonl", "jsonl", "none");
    const text = "Hi! I'm X, nice to meet you.";
    tally.addRecord(input, {
      lang: "en",
      hits: [{ hit: hit(0, "openai"), text, flagging: true }],
      flagged: true,
      hasText: true,
    });
    tally.addRecord(input, { lang: "en", hits: [], flagged: false, hasText: true });
    tally.addRecord(input, {
      lang: "zh",
      hits: [{ hit: hit(2, null, "disclaimer", "zh"), text, flagging: false }],
      flagged: false,
      hasText: true,
    });
    tally.addRecord(input, { lang: "und", hits: [], flagged: false, hasText: false });
    tally.addError(input, { source: "a.jsonl", record: 4, line: 5, message: "invalid JSON" });

    const s = tally.toSections();
    expect(s.totals).toMatchObject({ records: 5, scanned: 4, flagged: 1, errors: 1, noText: 1, hits: 2 });
    expect(s.totals.rate).toBe(0.25);
    expect(s.totals.hitsByKind).toMatchObject({ "self-claim": 1, disclaimer: 1, "creator-claim": 0 });
    expect(s.languages.en).toEqual({ records: 2, flagged: 1, rate: 0.5, families: { openai: 1 } });
    expect(s.languages.zh).toEqual({ records: 1, flagged: 0, rate: 0, families: {} });
    expect(s.families).toEqual({ openai: { en: 1 } });
    expect(s.flaggedByFamily).toEqual({ openai: 1 });
    expect(s.roles).toEqual({ assistant: 2 });
    expect(s.inputs[0]).toMatchObject({
      records: 5,
      scanned: 4,
      flagged: 1,
      errors: 1,
      hits: 2,
      failed: false,
    });
    expect(s.examples[0]?.snippet).toBe("Hi! [I'm X], nice to meet you.");
  });

  it("keeps the first examples per family by (source, record), whatever the arrival order", () => {
    const tally = new Tally();
    const input = tally.addInput("a.jsonl", "jsonl", "none");
    const order = [9, 3, 7, 1, 8, 0, 5, 2];
    for (const record of order) {
      tally.addRecord(input, {
        lang: "en",
        hits: [{ hit: hit(record, "openai"), text: "x", flagging: true }],
        flagged: true,
        hasText: true,
      });
    }
    expect(tally.toSections().examples.map((e) => e.record)).toEqual(
      [0, 1, 2, 3, 5].slice(0, EXAMPLES_PER_KEY),
    );
  });

  it("marks an input that failed without a record position, its rest one record in error", () => {
    const tally = new Tally();
    const input = tally.addInput("b.jsonl.gz", "jsonl", "gzip");
    tally.addError(input, { source: "b.jsonl.gz", message: "gzip: unexpected end of file" });
    expect(tally.toSections().inputs[0]).toMatchObject({ failed: true, errors: 1, records: 1 });
  });

  it("produces sections the report schema accepts", () => {
    const tally = new Tally();
    tally.addInput("a.jsonl", "jsonl", "none");
    const report = {
      schema: "selfid.report/1",
      tool: { name: "selfid", version: "0.0.0" },
      patternSet: { id: "builtin", hash: "x", templates: 1, families: 1 },
      options: {
        roles: ["assistant"],
        flagKinds: ["self-claim"],
        ignore: [],
        fields: null,
        format: null,
        textUnit: "line",
        limit: null,
      },
      complete: true,
      ...tally.toSections(),
    };
    expect(reportSchema.safeParse(report).success).toBe(true);
  });
});
