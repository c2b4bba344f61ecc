import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { SAMPLE_TEXTS } from "../helpers/sample-texts.js";

const root = mkdtempSync(join(tmpdir(), "selfid-merge-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEXTS = SAMPLE_TEXTS;
const FILES = ["a.jsonl", "b.jsonl", "c.jsonl.gz", "d.jsonl", "e.txt", "f.jsonl", "g.jsonl"];

beforeAll(() => {
  mkdirSync(join(root, "data"));
  FILES.forEach((name, f) => {
    const lines = Array.from({ length: 40 + f * 7 }, (_, i) =>
      i % 13 === 5
        ? "{broken"
        : JSON.stringify({ id: i, text: `${TEXTS[(i * (f + 1)) % TEXTS.length]} #${i}` }),
    );
    const text = name.endsWith(".txt") ? TEXTS.join("\n") : `${lines.join("\n")}\n`;
    writeFileSync(join(root, "data", name), name.endsWith(".gz") ? gzipSync(text) : text);
  });
});

async function scanTo(inputs: string[], out: string): Promise<void> {
  const result = await run(["scan", ...inputs, "--json", out, "-q"], { cwd: root });
  expect(result.exitCode).toBe(0);
}

describe("selfid merge", () => {
  for (const parts of [1, 3, 7]) {
    it(`merges the reports of ${parts} part(s) into the report of one run`, async () => {
      const inputs = FILES.map((name) => `data/${name}`);
      await scanTo(inputs, `whole-${parts}.json`);
      const names: string[] = [];
      for (let p = 0; p < parts; p++) {
        const share = inputs.filter((_, i) => Math.floor((i * parts) / inputs.length) === p);
        await scanTo(share, `part-${parts}-${p}.json`);
        names.push(`part-${parts}-${p}.json`);
      }
      const merged = await run(["merge", ...names, "--json", `merged-${parts}.json`, "-q"], { cwd: root });
      expect(merged.exitCode).toBe(0);
      const whole = JSON.parse(readFileSync(join(root, `whole-${parts}.json`), "utf8"));
      expect(JSON.parse(readFileSync(join(root, `merged-${parts}.json`), "utf8"))).toEqual(whole);
      expect(whole.examples.length).toBeGreaterThan(0);
      expect(whole.errors.length).toBeGreaterThan(0);
    });
  }

  it("sums the entries of one input reported by several runs", async () => {
    await scanTo(["data/a.jsonl"], "a1.json");
    const once = JSON.parse(readFileSync(join(root, "a1.json"), "utf8"));
    const merged = await run(["merge", "a1.json", "a1.json", "--format", "json"], { cwd: root });
    const twice = JSON.parse(merged.stdout);
    expect(twice.inputs).toHaveLength(1);
    expect(twice.inputs[0].records).toBe(2 * once.inputs[0].records);
    expect(twice.totals.flagged).toBe(2 * once.totals.flagged);
  });

  it("refuses reports of other options, and files that are not reports", async () => {
    await scanTo(["data/a.jsonl"], "plain.json");
    expect(
      (
        await run(["scan", "data/b.jsonl", "--ignore", "openai", "--json", "ignore.json", "-q"], {
          cwd: root,
        })
      ).exitCode,
    ).toBe(0);
    const mixed = await run(["merge", "plain.json", "ignore.json"], { cwd: root });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toContain("ignore.json was made with another set of scan options");
    writeFileSync(join(root, "junk.json"), '{"schema": "nope"}');
    const junk = await run(["merge", "plain.json", "junk.json"], { cwd: root });
    expect(junk.exitCode).toBe(2);
    expect(junk.stderr).toContain("junk.json is not a selfid.report/1 report");
    const version = JSON.parse(readFileSync(join(root, "plain.json"), "utf8"));
    version.tool.version = "0.0.0-other";
    writeFileSync(join(root, "old.json"), JSON.stringify(version));
    const old = await run(["merge", "plain.json", "old.json"], { cwd: root });
    expect(old.exitCode).toBe(2);
    expect(old.stderr).toContain("another selfid version");
  });
});
