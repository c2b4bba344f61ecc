import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { CHECKPOINT_FILE } from "../../src/emit/checkpoint.js";
import type { Manifest } from "../../src/emit/emit-writer.js";
import { shardName } from "../../src/emit/sharded-output.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { type ScanOptions, scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { prng } from "../helpers/prng.js";

const patternSet = loadPatterns();
const tmp = mkdtempSync(join(tmpdir(), "selfid-emit-options-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLAGGED = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
];
const CLEAN = ["2 + 2 = 4.", "Grüße aus Köln ✓ 🍎", 'A "quoted" word,\nand a new line.'];

/** A JSON array text with pretty and compact elements, and non-object (error) elements; also its elements' texts. */
function jsonArray(seed: number, n: number): { text: string; elements: string[]; errors: string[] } {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const elements: string[] = [];
  const errors: string[] = [];
  const all: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.1) {
      const bad = pick(["42", '"a string"', "[1, 2]", "null"]);
      errors.push(bad);
      all.push(bad);
      continue;
    }
    const value = {
      id: i,
      messages: [{ role: "assistant", content: r < 0.4 ? pick(FLAGGED) : pick(CLEAN) }],
    };
    const text =
      rand() < 0.5 ? JSON.stringify(value, null, 2).replaceAll("\n", "\n  ") : JSON.stringify(value);
    elements.push(text);
    all.push(text);
  }
  return { text: `[\n  ${all.join(",\n  ")}\n]\n`, elements, errors };
}

/** The elements of a JSON array file as their exact texts, split with the parser's help. */
function elementTexts(text: string): string[] {
  const values = JSON.parse(text) as unknown[];
  // Our writer puts each element after `[\n` or `,\n`, so a re-split by value count must agree.
  const body = text.slice(2, text.length - (values.length === 0 ? 2 : 3));
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0 && body[i + 1] === "\n") {
      out.push(body.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  if (body.length > 0) out.push(body.slice(start));
  expect(out).toHaveLength(values.length);
  return out;
}

async function scanTo(root: string, options: Omit<ScanOptions, "cwd" | "patternSet">) {
  const hits: Hit[] = [];
  const result = await scan({ ...options, cwd: root, patternSet, onHit: (hit) => hits.push(hit) });
  return { ...result, hits };
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

describe("--emit of JSON arrays", () => {
  for (const seed of [1, 2, 3]) {
    it(`splits array ${seed} into clean and flagged arrays whose elements are the input's, byte for byte`, async () => {
      const root = join(tmp, `json-${seed}`);
      mkdirSync(root, { recursive: true });
      const { text, elements, errors } = jsonArray(seed, 50);
      const gz = seed === 2;
      const name = gz ? "a.json.gz" : "a.json";
      writeFileSync(join(root, name), gz ? gzipSync(text) : text);
      const { hits } = await scanTo(root, { inputs: [name], emit: { dir: join(root, "out") } });
      const read = (tree: string): string => {
        const bytes = readFileSync(join(root, "out", tree, name));
        return (gz ? gunzipSync(bytes) : bytes).toString("utf8");
      };
      const clean = elementTexts(read("clean"));
      const flagged = elementTexts(read("flagged"));
      expect([...clean, ...flagged].sort()).toEqual([...elements].sort());
      const flaggedIds = new Set(hits.filter((h) => h.kind === "self-claim").map((h) => h.record));
      expect(flagged.map((t) => (JSON.parse(t) as { id: number }).id)).toEqual(
        [...flaggedIds].sort((a, b) => a - b),
      );
      const raw = readFileSync(join(root, "out/errors/a.json.raw"), "utf8");
      expect(raw).toBe(errors.map((e) => `${e}\n`).join(""));
      const reasons = readFileSync(join(root, "out/errors/a.json.reasons.jsonl"), "utf8").trim().split("\n");
      expect(reasons.map((r) => (JSON.parse(r) as { bytes: number }).bytes)).toEqual(
        errors.map((e) => Buffer.byteLength(e)),
      );
      const [input] = manifestOf(join(root, "out")).inputs;
      expect(input).toMatchObject({
        read: 50,
        clean: clean.length,
        flagged: flagged.length,
        errors: errors.length,
      });
    });
  }

  it("writes JSON arrays as JSONL with --emit-format jsonl, elements compacted but strings untouched", async () => {
    const root = join(tmp, "json-lines");
    mkdirSync(root, { recursive: true });
    const { text, elements } = jsonArray(7, 30);
    writeFileSync(join(root, "a.json"), text);
    await scanTo(root, { inputs: ["a.json"], emit: { dir: join(root, "out"), format: "jsonl" } });
    const lines = ["clean", "flagged"].flatMap((tree) =>
      readOr(join(root, "out", tree, "a.jsonl"), "")
        .split("\n")
        .filter(Boolean),
    );
    expect(lines.map((l) => JSON.parse(l)).sort((a, b) => a.id - b.id)).toEqual(
      elements.map((e) => JSON.parse(e)).sort((a, b) => a.id - b.id),
    );
    // The content with its escaped new line survives as written.
    expect(lines.some((l) => l.includes('A \\"quoted\\" word,\\nand a new line.'))).toBe(true);
  });
});

describe("--emit options", () => {
  const root = join(tmp, "options");
  mkdirSync(root, { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    lines.push(JSON.stringify({ id: i, text: i % 3 === 0 ? FLAGGED[i % 2] : `${CLEAN[i % 3]} #${i}` }));
  }
  const body = `${lines.join("\n")}\n`;
  writeFileSync(join(root, "a.jsonl"), body);

  it("recompresses with --emit-compression and renames accordingly", async () => {
    await scanTo(root, { inputs: ["a.jsonl"], emit: { dir: join(root, "gz"), compression: "gzip" } });
    const clean = gunzipSync(readFileSync(join(root, "gz/clean/a.jsonl.gz"))).toString("utf8");
    const flagged = gunzipSync(readFileSync(join(root, "gz/flagged/a.jsonl.gz"))).toString("utf8");
    expect([...clean.split("\n"), ...flagged.split("\n")].filter(Boolean).sort()).toEqual([...lines].sort());
  });

  it("splits outputs into numbered shards with --max-shard-bytes; their concatenation is the whole", async () => {
    await scanTo(root, { inputs: ["a.jsonl"], emit: { dir: join(root, "whole") } });
    await scanTo(root, { inputs: ["a.jsonl"], emit: { dir: join(root, "shards"), maxShardBytes: 4000 } });
    const whole = readFileSync(join(root, "whole/clean/a.jsonl"), "utf8");
    const shards = readdirSync(join(root, "shards/clean")).sort();
    expect(shards.length).toBeGreaterThan(3);
    expect(shards[0]).toBe("a-00000.jsonl");
    const texts = shards.map((s) => readFileSync(join(root, "shards/clean", s), "utf8"));
    expect(texts.join("")).toBe(whole);
    for (const t of texts.slice(0, -1)) {
      const size = Buffer.byteLength(t);
      const last = Buffer.byteLength(t.split("\n").at(-2) as string) + 1;
      expect(size).toBeGreaterThanOrEqual(4000);
      expect(size - last).toBeLessThan(4000);
    }
    const manifest = manifestOf(join(root, "shards"));
    expect(manifest.files.filter((f) => f.kind === "clean")).toHaveLength(shards.length);
    expect(shardName("d/a.jsonl.zst", 3)).toBe("d/a-00003.jsonl.zst");
  });

  it("adds the findings to flagged records with --emit-annotate, leaving clean ones byte for byte", async () => {
    await scanTo(root, { inputs: ["a.jsonl"], emit: { dir: join(root, "annotated"), annotate: true } });
    const flagged = readFileSync(join(root, "annotated/flagged/a.jsonl"), "utf8").trim().split("\n");
    for (const line of flagged) {
      const value = JSON.parse(line) as { id: number; selfid: { flagged: boolean; findings: Hit[] } };
      expect(value.selfid.flagged).toBe(true);
      expect(value.selfid.findings.length).toBeGreaterThan(0);
      expect(line.startsWith((lines[value.id] as string).slice(0, -1))).toBe(true);
    }
    expect(readFileSync(join(root, "annotated/clean/a.jsonl"), "utf8")).toBe(
      readFileSync(join(root, "whole/clean/a.jsonl"), "utf8"),
    );
  });

  it("lets --ignore and --roles decide what is flagged", async () => {
    const file = join(root, "chat.jsonl");
    const chat = (role: string, content: string) => JSON.stringify({ messages: [{ role, content }] });
    writeFileSync(
      file,
      `${chat("assistant", FLAGGED[1] as string)}\n${chat("user", FLAGGED[0] as string)}\n`,
    );
    await scanTo(root, { inputs: ["chat.jsonl"], ignore: ["alibaba"], emit: { dir: join(root, "ignore") } });
    expect(readOr(join(root, "ignore/flagged/chat.jsonl"), "")).toBe("");
    await scanTo(root, { inputs: ["chat.jsonl"], roles: ["user"], emit: { dir: join(root, "roles") } });
    expect(readFileSync(join(root, "roles/flagged/chat.jsonl"), "utf8")).toBe(
      `${chat("user", FLAGGED[0] as string)}\n`,
    );
  });
});

describe("--emit of unreadable records", () => {
  it("keeps a line over --max-record-bytes in errors/, streamed through a spill file", async () => {
    const root = join(tmp, "oversize");
    mkdirSync(root, { recursive: true });
    const big = JSON.stringify({ text: "x".repeat(5000) });
    writeFileSync(join(root, "a.jsonl"), `{"text":"ok"}\n${big}\r\n{"text":"fine"}\n`);
    await scanTo(root, { inputs: ["a.jsonl"], maxRecordBytes: 1000, emit: { dir: join(root, "out") } });
    expect(readFileSync(join(root, "out/errors/a.jsonl"), "utf8")).toBe(`${big}\r\n`);
    const [reason] = readFileSync(join(root, "out/errors/a.jsonl.reasons.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(reason as string)).toMatchObject({ record: 1, line: 2, bytes: big.length + 1 });
    expect(readFileSync(join(root, "out/clean/a.jsonl"), "utf8")).toBe('{"text":"ok"}\n{"text":"fine"}\n');
    // The spill file was copied and deleted.
    expect(readdirSync(join(root, "out")).filter((name) => name.includes("oversize"))).toEqual([]);
  });
});

describe("--emit of a broken JSON array", () => {
  it("keeps every byte after the break in errors/, with the reason", async () => {
    const root = join(tmp, "broken-json");
    mkdirSync(root, { recursive: true });
    const rest = '{"text": "unclosed, "id": 2},\n {"text": "fine", "id": 3}\n]\n';
    writeFileSync(join(root, "a.json"), `[{"text": "${CLEAN[0]}", "id": 1}, ${rest}`);
    const { report } = await scanTo(root, { inputs: ["a.json"], emit: { dir: join(root, "out") } });
    expect(report.totals).toMatchObject({ records: 2, scanned: 1, errors: 1 });
    expect(readFileSync(join(root, "out/errors/a.json.raw"), "utf8")).toBe(`${rest}\n`);
    const [reason] = readFileSync(join(root, "out/errors/a.json.reasons.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(reason as string)).toMatchObject({ record: 1, bytes: Buffer.byteLength(rest) });
  });
});

describe("--resume", () => {
  const root = join(tmp, "resume");
  mkdirSync(join(root, "data"), { recursive: true });
  for (const [i, name] of ["a.jsonl", "b.jsonl.gz", "c.jsonl"].entries()) {
    const text = Array.from({ length: 50 }, (_, j) =>
      JSON.stringify({ id: j, text: (i + j) % 4 === 0 ? FLAGGED[j % 2] : CLEAN[j % 3] }),
    ).join("\n");
    writeFileSync(join(root, "data", name), name.endsWith(".gz") ? gzipSync(`${text}\n`) : `${text}\n{bad\n`);
  }

  it("skips the inputs an interrupted run finished and ends with the same manifest, report and hits", async () => {
    const full = await scanTo(root, { inputs: ["data"], emit: { dir: join(root, "full") } });
    const fullManifest = manifestOf(join(root, "full"));
    // Stop after the first input, as a killed run would: no manifest, the checkpoint has one input.
    const cut = join(root, "cut");
    await scanTo(root, { inputs: ["data"], emit: { dir: cut } });
    const checkpoint = readFileSync(join(cut, CHECKPOINT_FILE), "utf8").split("\n");
    writeFileSync(
      join(cut, CHECKPOINT_FILE),
      `${checkpoint.slice(0, 2).join("\n")}\n${(checkpoint[2] as string).slice(0, 40)}`,
    );
    rmSync(join(cut, "manifest.json"));
    for (const tree of ["clean", "flagged", "errors"]) rmSync(join(cut, tree, "c.jsonl"), { force: true });
    writeFileSync(join(cut, "hits.jsonl"), `${readFileSync(join(cut, "hits.jsonl"), "utf8")}{"partial":`);

    const kept = statSync(join(cut, "clean/a.jsonl")).mtimeMs;
    const again = await run(["scan", "data", "--emit", "cut", "--resume", "-q", "--json", "report.json"], {
      cwd: root,
    });
    // The finished input was skipped, not written again.
    expect(statSync(join(cut, "clean/a.jsonl")).mtimeMs).toBe(kept);
    expect(again.exitCode).toBe(0);
    const resumed = manifestOf(cut);
    expect(resumed).toEqual(fullManifest);
    const report = JSON.parse(readFileSync(join(root, "report.json"), "utf8"));
    expect({ ...report, inputs: undefined }).toEqual({ ...full.report, inputs: undefined });
    expect(report.inputs).toEqual(full.report.inputs);
    expect(readFileSync(join(cut, "hits.jsonl"), "utf8")).toBe(
      readFileSync(join(root, "full/hits.jsonl"), "utf8"),
    );
    for (const file of resumed.files) {
      const bytes = readFileSync(join(cut, file.path));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
    }
  });

  it("refuses to resume a run made with other options, and a non-empty DIR without a checkpoint", async () => {
    await scanTo(root, { inputs: ["data"], emit: { dir: join(root, "other") } });
    const changed = await run(["scan", "data", "--emit", "other", "--resume", "--ignore", "openai", "-q"], {
      cwd: root,
    });
    expect(changed.exitCode).toBe(2);
    expect(changed.stderr).toContain("other inputs, options");
    mkdirSync(join(root, "stranger"));
    writeFileSync(join(root, "stranger/notes.txt"), "mine");
    const stranger = await run(["scan", "data", "--emit", "stranger", "--resume", "-q"], { cwd: root });
    expect(stranger.exitCode).toBe(2);
    expect(stranger.stderr).toContain("holds no checkpoint");
    const fresh = await run(["scan", "data", "--emit", "fresh", "--resume", "-q"], { cwd: root });
    expect(fresh.exitCode).toBe(0);
    expect(manifestOf(join(root, "fresh")).inputs).toHaveLength(3);
  });
});
