import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { REPORT_JSON_SCHEMA_PATH, reportJsonSchemaText } from "../../src/report/report-json-schema.js";
import { reportSchema } from "../../src/report/report-schema.js";

const repo = new URL("../..", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "selfid-schema-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const committed = readFileSync(join(repo, REPORT_JSON_SCHEMA_PATH), "utf8");
const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(committed));

/** Real reports of the shipped examples: a whole run, its two shards, their merge, a limited run. */
const reports: Record<string, unknown> = {};

// biome-ignore lint/suspicious/noExplicitAny: a report's JSON, broken on purpose one field at a time
type LooseJson = Record<string, any>;

async function scanReport(name: string, args: string[]): Promise<void> {
  const out = join(root, `${name}.json`);
  const result = await run([...args, "--json", out, "-q"], { cwd: repo });
  expect(result.exitCode, result.stderr).toBeLessThan(2);
  reports[name] = JSON.parse(readFileSync(out, "utf8"));
}

beforeAll(async () => {
  await scanReport("whole", ["scan", "examples/"]);
  await scanReport("shard0", ["scan", "examples/", "--shard", "0/2"]);
  await scanReport("shard1", ["scan", "examples/", "--shard", "1/2"]);
  await scanReport("merged", ["merge", join(root, "shard0.json"), join(root, "shard1.json")]);
  await scanReport("limited", ["scan", "examples/broken/", "--limit", "3"]);
}, 120_000);

describe("schema/report.schema.json", () => {
  it("is current: generated from the zod schema as committed (npm run schema rewrites it)", () => {
    expect(committed).toBe(reportJsonSchemaText());
  });

  it("validates every real report: a run, shards, a merge, a limited run with errors", () => {
    for (const [name, report] of Object.entries(reports)) {
      const valid = validate(report);
      expect(valid, `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(reportSchema.safeParse(report).success, name).toBe(true);
    }
    const whole = reports.whole as { totals: { flagged: number; errors: number } };
    expect(whole.totals.flagged).toBeGreaterThan(0);
    expect((reports.limited as { complete: boolean }).complete).toBe(false);
    expect((reports.shard1 as { shard?: { index: number } }).shard?.index).toBe(1);
  });

  it("rejects what zod rejects, and accepts fields a later version adds, as zod does", () => {
    const mutations: Array<[string, (r: LooseJson) => void]> = [
      ["another schema id", (r) => (r.schema = "selfid.report/2")],
      ["a negative count", (r) => (r.totals.flagged = -1)],
      ["a fractional count", (r) => (r.inputs[0].records = 1.5)],
      ["a missing total", (r) => delete r.totals.scanned],
      ["an unknown kind", (r) => (r.totals.hitsByKind.boast = 1)],
      ["a missing kind", (r) => delete r.totals.hitsByKind.placeholder],
      ["an unknown role in an example", (r) => (r.examples[0].role = "narrator")],
      ["a string for a rate", (r) => (r.languages.en.rate = "0.1")],
      ["a shard count of zero", (r) => (r.shard = { index: 0, count: 0 })],
      ["a null pattern set", (r) => (r.patternSet = null)],
      ["an added top-level field", (r) => (r.runtime = { seconds: 3 })],
      ["an added input field", (r) => (r.inputs[0].sha256 = "abc")],
      ["a family-less example", (r) => (r.examples[0].family = null)],
    ];
    const verdicts: boolean[] = [];
    for (const [what, mutate] of mutations) {
      const report = structuredClone(reports.whole) as LooseJson;
      mutate(report);
      const zodAccepts = reportSchema.safeParse(report).success;
      expect(validate(report), what).toBe(zodAccepts);
      verdicts.push(zodAccepts);
    }
    // Both verdicts occur, so the agreement is not trivially "all rejected".
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
