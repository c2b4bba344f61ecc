import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";
import { type FakeHub, startFakeHub } from "../helpers/fake-hub.js";
import { fileTree } from "../helpers/file-tree.js";
import { mainFiles, writeTree } from "../helpers/hub-fixture.js";
import { prng } from "../helpers/prng.js";
import { makeTempDir } from "../records/stream-helpers.js";

const HUB_PREFIX = "hf://datasets/acme/chat@main/";

let dir: string;
let cleanup: () => Promise<void>;
let hub: FakeHub;
let files: Record<string, Buffer>;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  files = mainFiles(600);
  writeTree(join(dir, "repo"), files);
  writeTree(join(dir, "local"), files);
  hub = await startFakeHub({
    repos: { "datasets/acme/chat": { revisions: { main: join(dir, "repo") } } },
    pageSize: 100,
  });
});
afterAll(async () => {
  await hub.close();
  await cleanup();
});

async function scanTo(input: string, out: string): Promise<Report> {
  const result = await run(
    ["scan", input, "--emit", out, "--json", `${out}.json`, "--hits", `${out}.hits.jsonl`, "-q"],
    { cwd: dir, env: { HF_ENDPOINT: hub.url } },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  return reportSchema.parse(JSON.parse(readFileSync(join(dir, `${out}.json`), "utf8")));
}

/** The offset just after the first byte of a multi-byte UTF-8 character at or after `from`. */
function insideCharacter(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) if ((bytes[i] as number) >= 0xc0) return i + 1;
  throw new Error("no multi-byte character");
}

describe("a Hub connection reset mid-file", () => {
  it("resumes without losing or duplicating a record: report, hits and emitted bytes as a local scan", async () => {
    const jsonl = files["data/train-00000.jsonl"] as Buffer;
    const gz = files["data/train-00001.jsonl.gz"] as Buffer;
    const random = prng(20261124);
    // Cuts inside a multi-byte character, inside the gzip and zstd streams, and at random offsets,
    // several per file (each fault ends one transfer; the client resumes with a Range request).
    const cuts = [
      { path: "train-00000.jsonl", at: insideCharacter(jsonl, 1000) },
      { path: "train-00000.jsonl", at: insideCharacter(jsonl, Math.floor(jsonl.length / 2)) },
      ...Array.from({ length: 3 }, () => ({
        path: "train-00000.jsonl",
        at: 1 + Math.floor(random() * (jsonl.length - 2)),
      })),
      { path: "train-00001.jsonl.gz", at: 10 },
      { path: "train-00001.jsonl.gz", at: Math.floor(gz.length / 2) },
      { path: "train-00002.jsonl.zst", at: 100 },
    ].sort((a, b) => a.path.localeCompare(b.path) || a.at - b.at);
    // A fault cuts the next transfer of its file after `dropAfter` bytes of that transfer, which
    // starts where the previous cut fell.
    let previous = { path: "", at: 0 };
    for (const cut of cuts) {
      const start = previous.path === cut.path ? previous.at : 0;
      if (cut.at > start) hub.inject({ on: "resolve", path: cut.path, dropAfter: cut.at - start });
      previous = cut;
    }

    const remote = await scanTo("hf://datasets/acme/chat/data", "out-hub");
    const local = await scanTo("local/data", "out-local");
    // Every cut was resumed from where it fell.
    const resumedAt = hub.log.map((r) => /^bytes=(\d+)-/.exec(r.range ?? "")?.[1]).filter(Boolean);
    for (const cut of cuts) expect(resumedAt).toContain(String(cut.at));

    const asLocal = (text: string) => text.split(HUB_PREFIX).join("local/");
    expect(JSON.parse(asLocal(JSON.stringify(remote)))).toEqual(local);
    expect(local.totals.records).toBe(local.totals.scanned + local.totals.errors);
    expect(local.totals.flagged).toBeGreaterThan(0);
    expect(asLocal(readFileSync(join(dir, "out-hub.hits.jsonl"), "utf8"))).toBe(
      readFileSync(join(dir, "out-local.hits.jsonl"), "utf8"),
    );
    for (const kind of ["clean", "flagged", "errors"]) {
      const localFiles = fileTree(join(dir, "out-local", kind));
      expect(fileTree(join(dir, "out-hub", kind, "hf/acme/chat/data"))).toEqual(localFiles);
      for (const file of localFiles) {
        expect(readFileSync(join(dir, "out-hub", kind, "hf/acme/chat/data", file))).toEqual(
          readFileSync(join(dir, "out-local", kind, file)),
        );
      }
    }
  });
});
