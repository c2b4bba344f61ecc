import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const root = mkdtempSync(join(tmpdir(), "selfid-resume-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "The capital of France is Paris, on the Seine.",
  "As an AI language model, I cannot browse the web.",
];
const FILES = ["a.jsonl", "b.jsonl", "c.txt", "d.jsonl", "e.jsonl"];

beforeAll(() => {
  mkdirSync(join(root, "data"));
  FILES.forEach((name, f) => {
    const lines = Array.from({ length: 30 + f * 11 }, (_, i) =>
      i % 9 === 4 ? "{broken" : JSON.stringify({ id: i, text: `${TEXTS[(i + f) % TEXTS.length]} #${i}` }),
    );
    writeFileSync(
      join(root, "data", name),
      name.endsWith(".txt") ? TEXTS.join("\n") : `${lines.join("\n")}\n`,
    );
  });
});

const read = (name: string) => readFileSync(join(root, name), "utf8");
const json = (name: string) => JSON.parse(read(name));
const scan = (...args: string[]) => run(["scan", "data", "-q", ...args], { cwd: root });

describe("scan --resume without --emit", () => {
  it("after a cut, skips the finished inputs and ends with the uninterrupted run's report and hits", async () => {
    expect((await scan("--json", "full.json", "--hits", "full.jsonl")).exitCode).toBe(0);
    expect((await scan("--json", "r.json", "--hits", "r.jsonl", "--resume")).exitCode).toBe(0);
    expect(json("r.json")).toEqual(json("full.json"));
    expect(read("r.jsonl")).toBe(read("full.jsonl"));
    const log = read("r.json.resume.jsonl").split("\n").filter(Boolean);
    expect(log).toHaveLength(1 + FILES.length);

    // A preempted run: two inputs recorded, the third's entry cut short, the hits file holding part
    // of the third input's hits; no report yet.
    const second = JSON.parse(log[2] as string) as { hitsBytes: number };
    writeFileSync(
      join(root, "r.json.resume.jsonl"),
      `${log.slice(0, 3).join("\n")}\n${(log[3] as string).slice(0, 40)}`,
    );
    truncateSync(join(root, "r.jsonl"), second.hitsBytes + 25);
    rmSync(join(root, "r.json"));
    // The finished inputs are not read again: a same-size edit of the first goes unseen.
    const a = read("data/a.jsonl");
    writeFileSync(join(root, "data/a.jsonl"), a.replaceAll("ChatGPT", "ChatGTP"));
    try {
      expect((await scan("--json", "r.json", "--hits", "r.jsonl", "--resume")).exitCode).toBe(0);
    } finally {
      writeFileSync(join(root, "data/a.jsonl"), a);
    }
    expect(json("r.json")).toEqual(json("full.json"));
    expect(read("r.jsonl")).toBe(read("full.jsonl"));
    expect(read("r.json.resume.jsonl").split("\n").filter(Boolean)).toEqual(log);
  });

  it("continues a shard read by workers, and refuses a log of other settings", async () => {
    const shard = ["--shard", "1/3", "--workers", "2", "--task-bytes", "1000"];
    expect((await scan("--json", "s.json", "--hits", "s.jsonl", ...shard)).exitCode).toBe(0);
    expect((await scan("--json", "t.json", "--hits", "t.jsonl", "--resume", ...shard)).exitCode).toBe(0);
    const log = read("t.json.resume.jsonl").split("\n").filter(Boolean);
    expect(log.length).toBeGreaterThan(2);
    writeFileSync(join(root, "t.json.resume.jsonl"), `${log.slice(0, 2).join("\n")}\n`);
    truncateSync(join(root, "t.jsonl"), (JSON.parse(log[1] as string) as { hitsBytes: number }).hitsBytes);
    expect((await scan("--json", "t.json", "--hits", "t.jsonl", "--resume", ...shard)).exitCode).toBe(0);
    expect(json("t.json")).toEqual(json("s.json"));
    expect(read("t.jsonl")).toBe(read("s.jsonl"));

    const other = await scan("--json", "t.json", "--hits", "t.jsonl", "--resume", "--shard", "2/3");
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain("belongs to a run with other inputs, options, shard");
    const noReport = await scan("--hits", "u.jsonl", "--resume");
    expect(noReport.exitCode).toBe(2);
    expect(noReport.stderr).toContain("--resume without --emit needs --json FILE");
  });
});
