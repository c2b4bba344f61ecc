import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A full disk (ENOSPC) or an unwritable place (EACCES, EROFS) while writing any output: a clear
// error naming the flag and file, exit 2, and no output left that looks complete.
// ENOSPC: /dev/full for single files, a 256 KiB tmpfs for the rest; EROFS: a read-only tmpfs;
// EACCES: the run as user nobody (root ignores permission bits). Mounting needs root, as in CI.

const bin = join(import.meta.dirname, "../../bin/selfid.js");
const root = mkdtempSync(join(tmpdir(), "selfid-write-errors-"));
const data = join(root, "data.jsonl");
const small = join(root, "full");
const readOnly = join(root, "ro");

function tryMount(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]).status === 0;
}
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;
// Mounted while the tests are collected, so the ones that need a mount can be skipped without one
// (not root, no CAP_SYS_ADMIN in a container): they say so in their names.
const mounted = {
  small: isRoot && tryMount(small, "size=256k"),
  readOnly: isRoot && tryMount(readOnly, "ro,size=64k"),
};

beforeAll(() => {
  // 6,000 records, a claim in every other one: about 1 MB of hits, 1 MB of shards.
  const lines = Array.from({ length: 6000 }, (_, i) =>
    JSON.stringify({
      id: i,
      text:
        i % 2 === 0
          ? `Hello! I'm ChatGPT, a large language model trained by OpenAI. #${i}`
          : `Paris, France #${i}`,
    }),
  );
  writeFileSync(data, `${lines.join("\n")}\n`);
});

afterAll(() => {
  for (const [dir, on] of [
    [small, mounted.small],
    [readOnly, mounted.readOnly],
  ] as const)
    if (on) spawnSync("umount", [dir]);
  rmSync(root, { recursive: true, force: true });
});

function scan(args: string[], user?: number): { status: number | null; stderr: string } {
  const argv = [process.execPath, bin, "scan", data, "-q", ...args];
  const result =
    user === undefined
      ? spawnSync(argv[0] as string, argv.slice(1))
      : spawnSync("setpriv", [`--reuid=${user}`, `--regid=${user}`, "--clear-groups", ...argv]);
  return { status: result.status, stderr: result.stderr.toString() };
}

/** Fills the small tmpfs but for `free` bytes, so the next write runs out of space. */
function fill(dir: string, free: number): void {
  rmSync(join(dir, "filler"), { force: true });
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  // tmpfs counts whole pages: fill with 4 KiB steps until a write fails, then free `free`.
  let size = 0;
  const chunk = Buffer.alloc(4096);
  const path = join(dir, "filler");
  writeFileSync(path, "");
  try {
    for (;;) {
      writeFileSync(path, chunk, { flag: "a" });
      size += chunk.length;
    }
  } catch {
    // full
  }
  writeFileSync(path, Buffer.alloc(Math.max(0, size - free)));
}

/** Files in `dir` (recursively) that look finished: not `.partial`, not the filler. */
function finishedLooking(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => !p.split("/").at(-1)?.startsWith(".") && p !== "filler" && /\.[a-z]+$/.test(p))
    .sort();
}

describe("ENOSPC", () => {
  it("--json /dev/full and --hits /dev/full: a clear error, exit 2", () => {
    const json = scan(["--json", "/dev/full"]);
    expect(json.status).toBe(2);
    expect(json.stderr).toContain("selfid: --json /dev/full: cannot write (no space left on device)");
    const hits = scan(["--hits", "/dev/full"]);
    expect(hits.status).toBe(2);
    expect(hits.stderr).toContain("selfid: --hits /dev/full: cannot write (no space left on device)");
    expect(hits.stderr).not.toContain("internal error");
  });

  it.skipIf(!mounted.small)(
    "(needs mount -t tmpfs, as root) --json, --markdown, --html on a full disk: exit 2, no truncated report left",
    () => {
      for (const flag of ["--json", "--markdown", "--html"]) {
        fill(small, 512);
        const path = join(small, `report.${flag.slice(2)}`);
        const result = scan([flag, path]);
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toContain(`selfid: ${flag} ${path}: cannot write (no space left on device)`);
        expect(existsSync(path)).toBe(false);
        expect(readdirSync(small)).toEqual(["filler"]);
      }
    },
  );

  it.skipIf(!mounted.small)(
    "(needs mount -t tmpfs, as root) --hits on a full disk mid-run: exit 2 and the cut-short hits file removed",
    () => {
      fill(small, 64 << 10);
      const path = join(small, "hits.jsonl");
      const result = scan(["--hits", path, "--json", join(root, "r.json")]);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain(`selfid: --hits ${path}: cannot write (no space left on device)`);
      expect(readdirSync(small)).toEqual(["filler"]);
    },
  );

  it.skipIf(!mounted.small)(
    "(needs mount -t tmpfs, as root) --emit on a full disk: exit 2 naming the file, no shard, manifest or .partial left",
    () => {
      fill(small, 128 << 10);
      const out = join(small, "out");
      const result = scan(["--emit", out]);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`selfid: --emit ${out}: cannot write \\S+ \\(no space left on device\\)`),
      );
      expect(result.stderr).not.toContain("internal error");
      expect(existsSync(join(out, "manifest.json"))).toBe(false);
      const left = readdirSync(out, { recursive: true }).map(String);
      expect(left.filter((p) => p.endsWith(".partial"))).toEqual([]);
      expect(finishedLooking(out).filter((p) => /^(clean|flagged|errors)\//.test(p))).toEqual([]);
    },
  );
});

describe("EACCES and EROFS", () => {
  it.skipIf(!mounted.readOnly)(
    "(needs mount -t tmpfs, as root) a read-only file system: every output refused before the scan, exit 2",
    () => {
      for (const flag of ["--json", "--hits", "--html", "--markdown"]) {
        const path = join(readOnly, "out.txt");
        const result = scan([flag, path]);
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toContain(
          `selfid: ${flag} ${path}: cannot write there (read-only file system)`,
        );
      }
      const emit = scan(["--emit", join(readOnly, "out")]);
      expect(emit.status).toBe(2);
      expect(emit.stderr).toContain(`selfid: --emit ${join(readOnly, "out")}: cannot write`);
      expect(emit.stderr).not.toContain("internal error");
    },
  );

  it.skipIf(!isRoot || !hasSetpriv)(
    "(needs root and setpriv) as a user who may not write there: permission denied, exit 2",
    () => {
      // The run is nobody's: it may read the data and selfid, not write into root's directory.
      chmodSync(root, 0o755);
      const locked = join(root, "locked");
      mkdirSync(locked, { recursive: true, mode: 0o755 });
      const json = scan(["--json", join(locked, "r.json")], 65534);
      expect(json.status, json.stderr).toBe(2);
      expect(json.stderr).toContain(
        `selfid: --json ${join(locked, "r.json")}: cannot write there (permission denied)`,
      );
      const emit = scan(["--emit", join(locked, "out")], 65534);
      expect(emit.status, emit.stderr).toBe(2);
      expect(emit.stderr).toContain(`selfid: --emit ${join(locked, "out")}: cannot write`);
      expect(emit.stderr).toContain("(permission denied)");
      expect(readdirSync(locked)).toEqual([]);
    },
  );
});
