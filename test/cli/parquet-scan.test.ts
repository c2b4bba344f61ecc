import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import type { Report } from "../../src/report/report-schema.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { type ColumnKind, type ToParquetOptions, toParquet } from "../records/parquet-helpers.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { decompress(data: Uint8Array): Buffer };
const examples = new URL("../../examples/", import.meta.url).pathname;

type Row = Record<string, unknown>;

function readJsonl(text: string): Row[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Row);
}

/** A string, or a list of messages whose fields are all strings: what a list<struct> column holds. */
const fitsSchema = (row: Row): boolean =>
  Object.values(row).every(
    (value) =>
      typeof value === "string" ||
      (Array.isArray(value) &&
        value.every((m) => Object.values(m as object).every((v) => typeof v === "string"))),
  );

/**
 * The demo corpus's shapes as tables: each becomes `NAME.jsonl` and `NAME.parquet` with the same
 * records. Metadata columns (ids, models, a JSON `meta`) go along as strings; they are never read.
 */
const TABLES: {
  name: string;
  rows: () => Row[];
  columns: Record<string, ColumnKind>;
  parquet: ToParquetOptions;
}[] = [
  {
    name: "chat-messages",
    rows: () =>
      readJsonl(readFileSync(join(examples, "chat/sft-mixed.jsonl"), "utf8"))
        .map(({ meta, ...row }) => (meta === undefined ? row : { ...row, meta: JSON.stringify(meta) }))
        .filter(fitsSchema),
    columns: {
      id: "string",
      source: "string",
      model: "string",
      messages: { listOf: ["role", "content"] },
      meta: "string",
    },
    parquet: { codec: "SNAPPY", rowGroupSize: 64 },
  },
  {
    name: "sharegpt",
    rows: () =>
      (JSON.parse(readFileSync(join(examples, "chat/sharegpt-zh.json"), "utf8")) as Row[]).filter(fitsSchema),
    columns: { id: "string", category: "string", conversations: { listOf: ["from", "value"] } },
    parquet: { codec: "ZSTD", rowGroupSize: 50 },
  },
  {
    name: "alpaca",
    rows: () =>
      readJsonl(zstd.decompress(readFileSync(join(examples, "instruct/alpaca.jsonl.zst"))).toString()),
    columns: { instruction: "string", input: "string", output: "string" },
    parquet: { codec: "GZIP", rowGroupSize: 100 },
  },
  {
    name: "pretrain",
    rows: () =>
      readJsonl(readFileSync(join(examples, "pretrain/docs-ascii.jsonl"), "utf8")).map((row) => ({
        ...row,
        meta: JSON.stringify(row.meta),
      })),
    columns: { meta: "string", text: "string" },
    parquet: { codec: "UNCOMPRESSED", rowGroupSize: 30 },
  },
];

const dir = mkdtempSync(join(tmpdir(), "selfid-parquet-"));
const patternSet = loadPatterns();

beforeAll(() => {
  mkdirSync(join(dir, "jsonl"));
  mkdirSync(join(dir, "parquet"));
  for (const table of TABLES) {
    const rows = table.rows();
    expect(rows.length, table.name).toBeGreaterThan(50);
    writeFileSync(
      join(dir, "jsonl", `${table.name}.jsonl`),
      `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`,
    );
    writeFileSync(
      join(dir, "parquet", `${table.name}.parquet`),
      toParquet(rows, table.columns, table.parquet),
    );
  }
  const truncated = readFileSync(join(dir, "parquet", "alpaca.parquet"));
  mkdirSync(join(dir, "broken"));
  writeFileSync(join(dir, "broken", "cut.parquet"), truncated.subarray(0, truncated.length >> 1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scanWithHits(inputs: string[], options: { fields?: string[] } = {}) {
  const hits: Hit[] = [];
  const result = await scan({ inputs, cwd: dir, patternSet, onHit: (hit) => hits.push(hit), ...options });
  return { ...result, hits };
}

/** The report without what differs by format: file names, formats, byte counts, line numbers. */
const comparable = (report: Report) => ({
  ...report,
  options: { ...report.options, format: null },
  inputs: report.inputs.map((i) => ({ ...i, source: i.source.replace(/\.\w+$/, ""), format: "", bytes: 0 })),
  examples: report.examples.map(({ line: _line, ...e }) => ({
    ...e,
    source: e.source.replace(/\.\w+$/, ""),
  })),
});
const comparableHits = (hits: Hit[]) =>
  hits.map(({ line: _line, ...h }) => ({ ...h, source: h.source.replace(/\.\w+$/, "") }));

describe("scan of Parquet", () => {
  it("gives the same report and hits as the same records in JSONL, for every shape", async () => {
    const jsonl = await scanWithHits(TABLES.map((t) => `jsonl/${t.name}.jsonl`));
    const parquet = await scanWithHits(TABLES.map((t) => `parquet/${t.name}.parquet`));
    expect(parquet.failedInputs).toBe(0);
    expect(jsonl.report.totals.hits).toBeGreaterThan(50);
    expect(jsonl.report.totals.flagged).toBeGreaterThan(20);
    // Normalise the file names only, so every record number, field path and count is compared.
    const rename = (s: string) => s.replace(/^(jsonl|parquet)\//, "");
    const jsonlHits = comparableHits(jsonl.hits).map((h) => ({ ...h, source: rename(h.source) }));
    const parquetHits = comparableHits(parquet.hits).map((h) => ({ ...h, source: rename(h.source) }));
    expect(parquetHits).toEqual(jsonlHits);
    const strip = (report: Report) => {
      const c = comparable(report);
      return {
        ...c,
        inputs: c.inputs.map((i) => ({ ...i, source: rename(i.source) })),
        examples: c.examples.map((e) => ({ ...e, source: rename(e.source) })),
      };
    };
    expect(strip(parquet.report)).toEqual(strip(jsonl.report));
    for (const input of parquet.report.inputs) expect(input.format).toBe("parquet");
    // Parquet hits carry the row number and no line.
    expect(parquet.hits.every((h) => h.line === undefined)).toBe(true);
    expect(jsonl.hits.every((h) => h.line === h.record + 1)).toBe(true);
  });

  it("reads the columns --field names, the same as JSONL", async () => {
    const fields = ["messages[].content"];
    const jsonl = await scanWithHits(["jsonl/chat-messages.jsonl"], { fields });
    const parquet = await scanWithHits(["parquet/chat-messages.parquet"], { fields });
    expect(parquet.hits.length).toBeGreaterThan(0);
    expect(comparableHits(parquet.hits).map((h) => ({ ...h, source: "" }))).toEqual(
      comparableHits(jsonl.hits).map((h) => ({ ...h, source: "" })),
    );
  });

  it("finds .parquet files in a directory, in path order", async () => {
    const { report } = await scan({ inputs: ["parquet"], cwd: dir, patternSet });
    expect(report.inputs.map((i) => [i.source, i.format])).toEqual(
      [...TABLES.map((t) => t.name)].sort().map((name) => [`parquet/${name}.parquet`, "parquet"]),
    );
  });

  it("counts a truncated file as a failed input, names it, and scans the others", async () => {
    const { report, failedInputs } = await scan({
      inputs: ["broken/cut.parquet", "parquet/alpaca.parquet"],
      cwd: dir,
      patternSet,
    });
    expect(failedInputs).toBe(1);
    expect(report.inputs[0]).toMatchObject({
      source: "broken/cut.parquet",
      failed: true,
      records: 1,
      errors: 1,
    });
    expect(report.errors[0]?.message).toBe(
      "parquet broken/cut.parquet: invalid footer (magic bytes PAR1 missing at the end; the file is truncated or not parquet)",
    );
    expect(report.inputs[1]).toMatchObject({ source: "parquet/alpaca.parquet", failed: false, errors: 0 });

    const cli = await run(["scan", "broken/cut.parquet", "--quiet"], { cwd: dir });
    expect(cli.exitCode).toBe(2);
  });

  it("refuses Parquet on stdin with the remedy", async () => {
    const { report, failedInputs } = await scan({
      inputs: ["-"],
      format: "parquet",
      stdin: Readable.from([readFileSync(join(dir, "parquet", "alpaca.parquet"))]),
      cwd: dir,
      patternSet,
    });
    expect(failedInputs).toBe(1);
    expect(report.errors[0]?.message).toBe(
      "input -: parquet needs a file (random access), not stdin; save it to a file first",
    );
  });
});
