import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { pathInTree, relativeOutputPath } from "../../src/emit/emit-paths.js";
import { EmitWriter, type Manifest } from "../../src/emit/emit-writer.js";
import { scan } from "../../src/scan.js";
import { Tally } from "../../src/tally/tally.js";
import { DEFAULT_FLAG_KINDS, type Hit } from "../../src/types.js";
import { prng } from "../helpers/prng.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as {
  compress(data: Uint8Array): Buffer;
  decompress(data: Uint8Array): Buffer;
};

const FLAGGED_TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
];
const CLEAN_TEXTS = ["2 + 2 = 4.", "Grüße aus Köln — ünïcödé ✓ 🍎", "Привет, как дела?"];
const MALFORMED = ['{"text": "cut', "[1,2]", "42", '{"text": "bad \\x"}'];

const SHAPES = ["text", "messages", "conversations", "alpaca"] as const;

/** A record of the given shape whose answer is `text`. */
function shaped(shape: (typeof SHAPES)[number], text: string, id: number): object {
  switch (shape) {
    case "text":
      return { text, id };
    case "messages":
      return {
        id,
        messages: [
          { role: "user", content: "Who are you?" },
          { role: "assistant", content: text },
        ],
      };
    case "conversations":
      return {
        id,
        conversations: [
          { from: "human", value: "Hi" },
          { from: "gpt", value: text },
        ],
      };
    case "alpaca":
      return { instruction: "Introduce yourself.", input: "", output: text, id };
  }
}

function corpus(seed: number, lines: number): Buffer {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let out = seed % 2 === 0 ? "\uFEFF" : "";
  for (let i = 0; i < lines; i++) {
    const r = rand();
    let line: string;
    if (r < 0.1) line = pick(["", "  ", "\t"]);
    else if (r < 0.2) line = pick(MALFORMED);
    else line = JSON.stringify(shaped(pick(SHAPES), r < 0.45 ? pick(FLAGGED_TEXTS) : pick(CLEAN_TEXTS), i));
    const last = i === lines - 1;
    out += line + (last && rand() < 0.5 ? "" : rand() < 0.4 ? "\r\n" : "\n");
  }
  return Buffer.from(out, "utf8");
}

/** The input's lines as the emit contract defines them: BOM dropped, `\r` kept, blank ones skipped. */
function oracleLines(decoded: Buffer): string[] {
  let text = decoded.toString("latin1");
  if (text.startsWith("\xef\xbb\xbf")) text = text.slice(3);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.filter((line) => !/^[ \t\r]*$/.test(line));
}

function linesOf(bytes: Buffer): string[] {
  const lines = bytes.toString("latin1").split("\n");
  expect(lines.pop()).toBe("");
  return lines;
}

function decode(path: string): Buffer {
  const bytes = readFileSync(path);
  if (path.endsWith(".gz")) return gunzipSync(bytes);
  if (path.endsWith(".zst")) return zstd.decompress(bytes);
  return bytes;
}

const tmp = mkdtempSync(join(tmpdir(), "selfid-emit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("scan --emit", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`splits corpus ${seed} losslessly into clean, flagged and errors`, async () => {
      const root = join(tmp, `corpus-${seed}`);
      const data = join(root, "data");
      mkdirSync(join(data, "sub"), { recursive: true });
      const inputs: Record<string, Buffer> = {
        "a.jsonl": corpus(seed, 60),
        "sub/b.jsonl.gz": corpus(seed + 10, 80),
        "c.jsonl.zst": corpus(seed + 20, 70),
        "d.txt": corpus(seed + 30, 20),
      };
      writeFileSync(join(data, "a.jsonl"), inputs["a.jsonl"] as Buffer);
      writeFileSync(join(data, "sub/b.jsonl.gz"), gzipSync(inputs["sub/b.jsonl.gz"] as Buffer));
      writeFileSync(join(data, "c.jsonl.zst"), zstd.compress(inputs["c.jsonl.zst"] as Buffer));
      writeFileSync(join(data, "d.txt"), inputs["d.txt"] as Buffer);
      const out = join(root, "out");
      const hits: Hit[] = [];
      await scan({ inputs: ["data"], cwd: root, emit: { dir: out }, onHit: (hit) => hits.push(hit) });

      const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
      expect(manifest.inputs.map((i) => i.path).sort()).toEqual(Object.keys(inputs).sort());
      for (const [path, decoded] of Object.entries(inputs)) {
        const expected = oracleLines(decoded);
        const got = (tree: string): string[] => {
          try {
            return linesOf(decode(join(out, tree, path)));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
            throw error;
          }
        };
        const clean = got("clean");
        const flagged = got("flagged");
        const errors = got("errors");
        // Byte for byte, as a multiset: every non-blank input line lands in exactly one tree.
        expect([...clean, ...flagged, ...errors].sort()).toEqual([...expected].sort());
        // Flagged is exactly the records the flagging hits name, in input order.
        const source = `data/${path}`;
        const named = new Set(
          hits.filter((h) => h.source === source && DEFAULT_FLAG_KINDS.includes(h.kind)).map((h) => h.line),
        );
        const lines = decoded
          .toString("latin1")
          .replace(/^\xef\xbb\xbf/, "")
          .split("\n");
        expect(flagged).toEqual(
          [...named].sort((x, y) => (x as number) - (y as number)).map((n) => lines[(n as number) - 1]),
        );
        expect(flagged.length).toBeGreaterThan(0);
        if (path.endsWith(".txt")) expect(errors).toEqual([]);
        else expect(errors.length).toBeGreaterThan(0);
        const entry = manifest.inputs.find((i) => i.path === path);
        expect(entry).toMatchObject({ read: expected.length, clean: clean.length, flagged: flagged.length });
        expect(entry && entry.clean + entry.flagged + entry.errors).toBe(entry?.read);
      }
      for (const file of manifest.files) {
        const bytes = readFileSync(join(out, file.path));
        expect(file.bytes).toBe(bytes.length);
        expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      }
      const reasons = readFileSync(join(out, "errors/a.jsonl.reasons.jsonl"), "utf8").trim().split("\n");
      expect(JSON.parse(reasons[0] as string)).toMatchObject({
        line: expect.any(Number),
        message: expect.any(String),
      });
      // No partial file survives a finished run.
      const all = readdirSync(out, { recursive: true }).map(String);
      expect(all.filter((name) => name.endsWith(".partial"))).toEqual([]);
    });
  }

  it("refuses a non-empty DIR without --overwrite, and writes hits.jsonl there by default", async () => {
    const root = join(tmp, "cli");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "in.jsonl"), `${JSON.stringify({ text: FLAGGED_TEXTS[0] })}\n{"text":"ok"}\n`);
    const argv = ["scan", join(root, "in.jsonl"), "--emit", join(root, "out"), "-q"];
    expect((await run(argv)).exitCode).toBe(0);
    expect(readFileSync(join(root, "out/flagged/in.jsonl"), "utf8")).toBe(
      `${JSON.stringify({ text: FLAGGED_TEXTS[0] })}\n`,
    );
    expect(readFileSync(join(root, "out/hits.jsonl"), "utf8")).toContain('"kind":"self-claim"');
    const again = await run(argv);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("not empty");
    expect((await run([...argv, "--overwrite"])).exitCode).toBe(0);
  });

  it("copies whole .txt files as they are with --text-unit file", async () => {
    const root = join(tmp, "whole-files");
    mkdirSync(join(root, "docs"), { recursive: true });
    const claim = "\uFEFFNotes.\r\nHello! I'm ChatGPT, a large language model trained by OpenAI.";
    writeFileSync(join(root, "docs/a.txt"), claim);
    writeFileSync(join(root, "docs/b.txt.gz"), gzipSync("Just a recipe.\n\nNo names here."));
    const result = await run(["scan", "docs", "--text-unit", "file", "--emit", "out", "-q"], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(root, "out/flagged/a.txt"), "utf8")).toBe(claim);
    expect(gunzipSync(readFileSync(join(root, "out/clean/b.txt.gz"))).toString()).toBe(
      "Just a recipe.\n\nNo names here.",
    );
  });
});

describe("emit paths", () => {
  it("mirrors inputs' relative paths", () => {
    expect(relativeOutputPath("-", ["-"], "jsonl")).toBe("stdin.jsonl");
    expect(relativeOutputPath("x/y/a.jsonl", ["x/y/a.jsonl"], "jsonl")).toBe("a.jsonl");
    expect(relativeOutputPath("data/sub/a.jsonl", ["data"], "jsonl")).toBe("sub/a.jsonl");
    expect(relativeOutputPath("data/sub/a.jsonl", ["data/*/*.jsonl"], "jsonl")).toBe("sub/a.jsonl");
    expect(relativeOutputPath("hf://datasets/o/n@main/d/a.jsonl", [], "jsonl")).toBe("hf/o/n/d/a.jsonl");
  });

  it("rejects a path that would escape DIR", () => {
    expect(() => pathInTree("/tmp/out", "clean", "../../x")).toThrow(/leave the emit directory/);
    expect(() => pathInTree("/tmp/out", "clean", "hf/../../../x")).toThrow(/leave the emit directory/);
    expect(() => pathInTree("/tmp/out", "clean", "/etc/passwd")).toThrow(/leave the emit directory/);
    expect(pathInTree("/tmp/out", "clean", "a/./b.jsonl")).toBe("/tmp/out/clean/a/b.jsonl");
  });

  it("writes .zst inputs uncompressed, named without .zst, when no zstd encoder loads", async () => {
    const dir = join(tmp, "nozstd");
    const planned = { source: "c.jsonl.zst", path: "c.jsonl.zst", format: "jsonl" as const, size: null };
    const writer = await EmitWriter.open({ dir, zstd: null }, [planned], "test");
    const input = writer.begin(planned);
    await input.write({ type: "record", value: {}, index: 0, raw: Buffer.from("{}\r") }, false);
    await input.end(new Tally().toSections());
    const manifest = await writer.close(true);
    expect(readFileSync(join(dir, "clean/c.jsonl"), "latin1")).toBe("{}\r\n");
    expect(manifest.files.map((f) => f.path)).toEqual(["clean/c.jsonl"]);
  });
});
