import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKPOINT_FILE } from "../../src/emit/checkpoint.js";

const bin = join(import.meta.dirname, "../../bin/selfid.js");
const tmp = mkdtempSync(join(tmpdir(), "selfid-emit-kill-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "The mitochondria is the powerhouse of the cell, as every biology student learns early on.",
  "我是通义千问，由阿里云开发的AI助手。",
  "Paris is the capital of France and lies on the Seine.",
];

/** Files big enough that a run is still busy a moment after its first input is done. */
function makeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < 6; f++) {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      // One record in 100 is a claim, as in real data; claim-dense text is slower to match.
      const text = i % 100 === 0 ? TEXTS[(i + f) % 2 === 0 ? 0 : 2] : TEXTS[(i + f) % 2 === 0 ? 1 : 3];
      lines.push(JSON.stringify({ id: i, messages: [{ role: "assistant", content: `${text} (${i})` }] }));
    }
    writeFileSync(join(dir, `part-${f}.jsonl`), `${lines.join("\n")}\n`);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => /^(clean|flagged|errors)\//.test(p) && statSync(join(dir, p)).isFile());
}

describe("a run killed mid-way", () => {
  it("leaves no complete-looking partial output, and --resume finishes with the same manifest", async () => {
    const data = join(tmp, "data");
    makeCorpus(data);
    const whole = spawnSync(process.execPath, [bin, "scan", data, "--emit", join(tmp, "whole"), "-q"]);
    expect(whole.status).toBe(0);

    const out = join(tmp, "killed");
    const child = spawn(process.execPath, [bin, "scan", data, "--emit", out, "-q"], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.once("exit", (_code, signal) => done(signal)),
    );
    // Kill once the first input is in the checkpoint and the second is being written.
    for (let i = 0; i < 600; i++) {
      const checkpoint = existsSync(join(out, CHECKPOINT_FILE))
        ? readFileSync(join(out, CHECKPOINT_FILE), "utf8")
        : "";
      if (checkpoint.split("\n").length >= 3) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // It was stopped part-way: no manifest, and not every input is in the checkpoint.
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
    const entries = readFileSync(join(out, CHECKPOINT_FILE), "utf8").split("\n").slice(1).filter(Boolean);
    expect(entries.length).toBeLessThan(6);
    const finished = readFileSync(join(out, CHECKPOINT_FILE), "utf8")
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return (JSON.parse(line) as { files: { path: string }[] }).files.map((f) => f.path);
        } catch {
          return [];
        }
      });
    expect(finished.length).toBeGreaterThan(0);
    const present = filesUnder(out);
    // Every file with a final name belongs to an input the checkpoint records as finished.
    expect(present.filter((p) => !p.split("/").at(-1)?.startsWith(".")).sort()).toEqual([...finished].sort());

    const resumed = spawnSync(process.execPath, [bin, "scan", data, "--emit", out, "--resume", "-q"]);
    expect(resumed.status).toBe(0);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(
      readFileSync(join(tmp, "whole/manifest.json"), "utf8"),
    );
    expect(readFileSync(join(out, "hits.jsonl"), "utf8")).toBe(
      readFileSync(join(tmp, "whole/hits.jsonl"), "utf8"),
    );
    expect(filesUnder(out).filter((p) => p.endsWith(".partial"))).toEqual([]);
  }, 120_000);
});
