/**
 * Nothing a file name says can make `--emit` write outside its directory: hostile Hub listings are
 * refused before any request or write, and local inputs given as `../x`, absolute paths, globs or
 * through links map inside DIR.
 */
import { mkdirSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { pathInTree } from "../../src/emit/emit-paths.js";
import { UsageError } from "../../src/errors.js";
import { unsafePathReason } from "../../src/sources/hub-list.js";
import { type FakeHub, startFakeHub } from "../helpers/fake-hub.js";
import { chatJsonl, writeTree } from "../helpers/hub-fixture.js";
import { prng } from "../helpers/prng.js";
import { makeTempDir } from "../records/stream-helpers.js";

const HOSTILE = [
  "../../etc/x.jsonl",
  "/abs/path.jsonl",
  "a/../../b.jsonl",
  "a\\..\\..\\b.jsonl",
  "a/./b.jsonl",
  "a//b.jsonl",
  "./x.jsonl",
  "data/..",
  "x\0.jsonl",
  "ctl\u001b[31m.jsonl",
  `${"x/".repeat(2100)}y.jsonl`,
];

let dir: string;
let cleanup: () => Promise<void>;
let hub: FakeHub;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  writeTree(join(dir, "repo"), { "data/a.jsonl": Buffer.from(chatJsonl(20)) });
  const repos: Parameters<typeof startFakeHub>[0]["repos"] = {};
  HOSTILE.forEach((path, i) => {
    repos[`datasets/evil/n${i}`] = {
      revisions: { main: join(dir, "repo") },
      listing: (items) => [...items, { type: "file", oid: "0", size: 10, path }],
    };
  });
  repos["datasets/acme/long"] = {
    revisions: { main: join(dir, "repo") },
    listing: (items) => [
      ...items,
      { type: "file", oid: "0", size: 10, path: `data/${"l".repeat(230)}.jsonl` },
    ],
  };
  hub = await startFakeHub({ repos });
});
afterAll(async () => {
  await hub.close();
  await cleanup();
});

/** Every file and link under `root`, as real paths of their folders plus their names. */
function everything(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(realpathSync(e.parentPath), e.name));
}

/** Runs a scan with `--emit out` in `cwd`, and checks that all it wrote is under `cwd/out`. */
async function emitIn(cwd: string, inputs: string[], env: Record<string, string> = {}) {
  const before = new Set(everything(dir));
  const result = await run(["scan", ...inputs, "--emit", "out", "-q"], { cwd, env });
  const out = `${realpathSync(cwd)}${sep}out${sep}`;
  const written = everything(dir).filter((p) => !before.has(p));
  for (const path of written) expect(path.startsWith(out), `${path} outside ${out}`).toBe(true);
  return { ...result, written: written.map((p) => p.slice(out.length)).sort() };
}

describe("--emit never writes outside DIR", () => {
  it("refuses a hub listing that names a file outside the dataset, before requesting or writing it", async () => {
    const cwd = join(dir, "hub-runs");
    mkdirSync(cwd);
    for (const [i, path] of HOSTILE.entries()) {
      hub.reset();
      const result = await emitIn(cwd, [`hf://datasets/evil/n${i}`], { HF_ENDPOINT: hub.url });
      expect(result.exitCode, path).toBe(2);
      expect(result.stderr).toMatch(
        /^selfid: hub datasets\/evil\/n\d+@main: the listing names the file ".*" \(.+\); refusing the dataset/,
      );
      expect(result.stderr).toContain(JSON.stringify(path.slice(0, 40)).slice(1, -1));
      expect(hub.log.some((r) => r.url.includes("/resolve/"))).toBe(false);
      expect(result.written).toEqual([]);
    }
  });

  it("refuses, up front, a name too long to write with its suffixes", async () => {
    const cwd = join(dir, "long-run");
    mkdirSync(cwd);
    const result = await emitIn(cwd, ["hf://datasets/acme/long"], { HF_ENDPOINT: hub.url });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /--emit: output path "hf\/acme\/long\/data\/l+\.jsonl" of hf:\/\/datasets\/acme\/long@main\/data\/l+\.jsonl has a name longer than 200 bytes/,
    );
    expect(result.written).toEqual([]);
  });

  it("maps ../ inputs, absolute paths, globs and links inside DIR, and refuses what would leave it", async () => {
    const outside = join(dir, "outside");
    writeTree(outside, { "o.jsonl": Buffer.from(chatJsonl(10)), "deep/p.jsonl": Buffer.from(chatJsonl(10)) });
    const cwd = join(dir, "work");
    writeTree(cwd, { "in/i.jsonl": Buffer.from(chatJsonl(10)) });
    symlinkSync(join(outside, "deep"), join(cwd, "in", "linked"));
    symlinkSync("../../outside/o.jsonl", join(cwd, "in", "link.jsonl"));

    const ok = await emitIn(cwd, ["../outside/o.jsonl", resolve(outside, "deep/p.jsonl"), "in"]);
    expect(ok.exitCode).toBe(0);
    expect(ok.written.filter((p) => p.startsWith("clean/") || p.startsWith("flagged/"))).toEqual(
      expect.arrayContaining(["flagged/o.jsonl", "flagged/p.jsonl", "flagged/i.jsonl"]),
    );
    const globbed = await run(["scan", "../outside/**/*.jsonl", "--emit", "out2", "-q"], { cwd });
    expect(globbed.exitCode).toBe(0);
    expect(
      everything(join(cwd, "out2", "flagged"))
        .map((p) => p.slice(realpathSync(cwd).length + 1))
        .sort(),
    ).toEqual(["out2/flagged/deep/p.jsonl", "out2/flagged/o.jsonl"]);
    // No fixed leading folder: the match is named ../outside/o.jsonl, which would leave DIR.
    const escaping = await emitIn(join(cwd, "in"), ["{.,../../outside}/*.jsonl"]);
    expect(escaping.exitCode).toBe(2);
    expect(escaping.stderr).toMatch(
      /--emit: output path "\.\.\/\.\.\/outside\/o\.jsonl" would leave the emit directory/,
    );
    expect(escaping.written).toEqual([]);
  });

  it("refuses two inputs whose output paths are one file once normalised", async () => {
    const cwd = join(dir, "collide");
    writeTree(cwd, { "d/a\\b.jsonl": Buffer.from(chatJsonl(5)), "d/a/b.jsonl": Buffer.from(chatJsonl(5)) });
    const result = await emitIn(cwd, ["d"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /--emit: inputs d\/a\/b\.jsonl and d\/a\\b\.jsonl would both be written to a\/b\.jsonl/,
    );
    expect(result.written).toEqual([]);
  });

  it("pathInTree: any relative path either throws a UsageError or resolves inside the tree", () => {
    const random = prng(7);
    const parts = ["..", ".", "/", "\\", "a", "b.jsonl", "\0", "//", "~", "%2e%2e", " "];
    const root = resolve("/emit/dir/clean");
    for (let i = 0; i < 5000; i++) {
      let relative = "";
      const n = 1 + Math.floor(random() * 8);
      for (let j = 0; j < n; j++) relative += parts[Math.floor(random() * parts.length)];
      let path: string | undefined;
      try {
        path = pathInTree("/emit/dir", "clean", relative);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        continue;
      }
      expect(path.startsWith(root + sep), relative).toBe(true);
    }
    for (const path of HOSTILE) expect(unsafePathReason(path), path).toBeDefined();
    for (const path of ["data/a.jsonl", "a b/c..d.jsonl", "..x/y.jsonl", "日本/語.jsonl"]) {
      expect(unsafePathReason(path), path).toBeUndefined();
    }
  });
});
