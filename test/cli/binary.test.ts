import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = new URL("../../bin/selfid.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "selfid-bin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = [
  { text: "Hello! I'm ChatGPT, a large language model trained by OpenAI." },
  {
    messages: [
      { role: "user", content: "Are you ChatGPT?" },
      { role: "assistant", content: "Happy to help." },
    ],
  },
];
const file = join(dir, "data.jsonl");
writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);

function selfid(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("the built selfid binary", () => {
  it("prints the table and exits 0, or 1 when the gate fails", () => {
    const ok = selfid(["scan", "data.jsonl"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/2 records scanned, 1 flagged \(50\.00%\)/);
    const gated = selfid(["scan", "data.jsonl", "--fail-above", "0.25"]);
    expect(gated.status).toBe(1);
    expect(gated.stderr).toMatch(/gate failed/);
  });

  it("exits 2 on a usage error, naming the problem", () => {
    const bad = selfid(["scan"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/give at least one input/);
    expect(selfid(["nosuchcommand"]).status).toBe(2);
  });

  it("reads stdin for - and writes the hits file", () => {
    const piped = selfid(["scan", "-", "--hits", "hits.jsonl", "--quiet"], readFileSync(file, "utf8"));
    expect(piped.status).toBe(0);
    const hits = readFileSync(join(dir, "hits.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(hits.filter((h) => h.family === "openai").map((h) => [h.source, h.record])).toEqual([["-", 0]]);
  });

  it("exits 0 when stdout is closed early (selfid … | head)", async () => {
    const child = spawn(process.execPath, [BIN, "patterns", "list", "--json"], { cwd: dir });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it("prints its version", () => {
    const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
    expect(selfid(["--version"]).stdout.trim()).toBe(version);
  });
});
