import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { prng } from "../helpers/prng.js";

const root = mkdtempSync(join(tmpdir(), "selfid-emit-shard-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "The capital of France is Paris, on the Seine.",
  "Grüße aus Köln ✓ 🍎",
];

/** JSONL with flagged, clean, malformed and blank lines, CRLF endings here and there. */
function jsonl(seed: number, n: number): string {
  const rand = prng(seed);
  let text = "";
  for (let i = 0; i < n; i++) {
    const r = rand();
    const line =
      r < 0.05
        ? "{broken"
        : r < 0.08
          ? ""
          : JSON.stringify({ id: i, text: `${TEXTS[Math.floor(rand() * TEXTS.length)]} #${i}` });
    text += line + (i % 5 === 2 ? "\r\n" : "\n");
  }
  return text;
}

beforeAll(() => {
  mkdirSync(join(root, "data"));
  writeFileSync(join(root, "data/a.jsonl"), jsonl(1, 400));
  writeFileSync(join(root, "data/b.jsonl.gz"), gzipSync(jsonl(2, 50)));
  writeFileSync(join(root, "data/c.json"), JSON.stringify(TEXTS.map((text) => ({ text }))));
  writeFileSync(join(root, "data/d.jsonl"), jsonl(3, 200));
});

const FILES = [
  "clean/a.jsonl",
  "flagged/a.jsonl",
  "errors/a.jsonl",
  "errors/a.jsonl.reasons.jsonl",
  "clean/b.jsonl.gz",
  "clean/c.json",
  "flagged/c.json",
  "clean/d.jsonl",
  "flagged/d.jsonl",
  "errors/d.jsonl.reasons.jsonl",
  "hits.jsonl",
];

describe("scan --emit with --shard", () => {
  it("each shard emits into its own directory; the shards' files, in shard order, are one run's", async () => {
    const one = await run(["scan", "data", "--emit", "whole", "-q"], { cwd: root });
    expect(one.exitCode).toBe(0);
    const count = 3;
    for (let index = 0; index < count; index++) {
      const args = [
        "scan",
        "data",
        "--emit",
        "parts",
        "--shard",
        `${index}/${count}`,
        "--task-bytes",
        "4000",
        "-q",
      ];
      const result = await run(args, { cwd: root });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const dirs = [0, 1, 2].map((i) => join(root, "parts", `shard-0000${i}-of-00003`));
    for (const dir of dirs) expect(existsSync(join(dir, "manifest.json"))).toBe(true);
    for (const file of FILES) {
      const joined = Buffer.concat(
        dirs.filter((dir) => existsSync(join(dir, file))).map((dir) => readFileSync(join(dir, file))),
      );
      // Compressed outputs compare as their members concatenated: gzip members join losslessly.
      expect(joined.equals(readFileSync(join(root, "whole", file))), file).toBe(true);
    }
    // a.jsonl (≈ 25 kB) was spread over several shards, each writing its part under the same name.
    expect(dirs.filter((dir) => existsSync(join(dir, "clean/a.jsonl"))).length).toBeGreaterThan(1);
  });
});
