/**
 * Link loops in local inputs end: a directory or a glob over `a -> .`, `b/c -> ../b`, two folders
 * linking each other and a self-link is listed in bounded time, each real file once, and broken
 * links are reported as inputs that could not be read, not skipped in silence.
 */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { expandInputs } from "../../src/sources/expand-inputs.js";
import { chatJsonl, writeTree } from "../helpers/hub-fixture.js";
import { makeTempDir } from "../records/stream-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const data = Buffer.from(chatJsonl(10));
  writeTree(dir, {
    "d/x.jsonl": data,
    "d/b/y.jsonl": data,
    "d/p/p.jsonl": data,
    "d/r/r.jsonl": data,
    "outside/o.jsonl": data,
  });
  symlinkSync(".", join(dir, "d/a"));
  symlinkSync(".", join(dir, "d/e"));
  symlinkSync("../b", join(dir, "d/b/c"));
  symlinkSync("../r", join(dir, "d/p/q"));
  symlinkSync("../p", join(dir, "d/r/s"));
  symlinkSync("nowhere.jsonl", join(dir, "d/dangling.jsonl"));
  symlinkSync("self.jsonl", join(dir, "d/self.jsonl"));
  symlinkSync("../outside/o.jsonl", join(dir, "d/out.jsonl"));
});
afterAll(async () => {
  await cleanup();
});

/** `promise`, or a failure after 20 s: a walk that loops would never settle. */
function bounded<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("did not end in 20 s")), 20_000).unref()),
  ]);
}

describe("link loops in local inputs", () => {
  it("a directory: ends, lists each real file once, and reports the broken links when read", async () => {
    const sources = await bounded(expandInputs(["d"], { cwd: dir }));
    expect(sources.map((s) => s.uri)).toEqual([
      "d/b/y.jsonl",
      "d/dangling.jsonl",
      "d/out.jsonl",
      "d/p/p.jsonl",
      // The walk is depth first: r/ is reached through p/q before d/r itself.
      "d/p/q/r.jsonl",
      "d/self.jsonl",
      "d/x.jsonl",
    ]);
    const result = await bounded(run(["scan", "d", "--format", "json"], { cwd: dir }));
    expect(result.exitCode).toBe(2);
    const report = JSON.parse(result.stdout) as { errors: Array<{ source: string; message: string }> };
    const broken = report.errors.filter((e) => e.message.includes("symbolic link"));
    expect(broken.map((e) => e.message).sort()).toEqual([
      "input d/dangling.jsonl: broken symbolic link (its target does not exist, or links round in a loop)",
      "input d/self.jsonl: broken symbolic link (its target does not exist, or links round in a loop)",
    ]);
    expect(result.stderr).toMatch(/2 input\(s\) could not be read to the end/);
  });

  it("a glob across the loops: ends, and each real file is read once", async () => {
    const sources = await bounded(expandInputs(["d/**/*.jsonl"], { cwd: dir }));
    // Each real file once, under the first path that reaches it in code-unit order.
    expect(sources.map((s) => s.uri)).toEqual([
      "d/b/y.jsonl",
      "d/out.jsonl",
      "d/p/p.jsonl",
      "d/p/q/r.jsonl",
      "d/x.jsonl",
    ]);
    // A glob through a link that is not a loop still matches.
    const through = await bounded(expandInputs(["d/p/q/*.jsonl"], { cwd: dir }));
    expect(through.map((s) => s.uri)).toEqual(["d/p/q/r.jsonl"]);
  });
});
