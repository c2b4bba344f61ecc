import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { loadPatterns } from "../../src/match/load-patterns.js";
import { formatOf } from "../../src/records/format.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { type FakeHub, startFakeHub } from "../helpers/fake-hub.js";
import { fileTree } from "../helpers/file-tree.js";
import { chatJsonl, mainFiles, writeTree } from "../helpers/hub-fixture.js";
import { makeTempDir } from "../records/stream-helpers.js";

const TOKEN = "hf_cli_secret_5678";
const HUB_PREFIX = "hf://datasets/acme/chat@main/";
const PARQUET_PREFIX = "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/";

/** Whether the local Parquet reader has landed (issue 3 is built by two people at once). */
const parquetSupported = (() => {
  try {
    formatOf("x.parquet");
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
let cleanup: () => Promise<void>;
let hub: FakeHub;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const files = mainFiles(80);
  // The same files twice: once as the hub's repo, once as a local folder to compare with.
  writeTree(join(dir, "repo"), files);
  writeTree(join(dir, "local"), files);
  const texts = chatJsonl(200)
    .trim()
    .split("\n")
    .map((line) => {
      try {
        return (JSON.parse(line) as { messages: Array<{ content: string }> }).messages[1]?.content ?? "";
      } catch {
        return "";
      }
    });
  const parquet = Buffer.from(
    parquetWriteBuffer({ columnData: [{ name: "text", data: texts, type: "STRING" }] }),
  );
  writeTree(join(dir, "converted"), { "default/train/0000.parquet": parquet });
  writeTree(join(dir, "local-parquet"), { "0000.parquet": parquet });
  hub = await startFakeHub({
    repos: {
      "datasets/acme/chat": {
        revisions: { main: join(dir, "repo"), "refs/convert/parquet": join(dir, "converted") },
      },
      "datasets/acme/secret": { private: true, revisions: { main: join(dir, "repo") } },
    },
    token: TOKEN,
    pageSize: 3,
  });
});
afterAll(async () => {
  await hub.close();
  await cleanup();
});
beforeEach(() => hub.reset());

async function scanCli(args: string[], env: Record<string, string> = {}) {
  const result = await run(["scan", ...args, "--format", "json"], {
    cwd: dir,
    env: { HF_ENDPOINT: hub.url, ...env },
  });
  const report = result.stdout ? (reportSchema.parse(JSON.parse(result.stdout)) as Report) : undefined;
  return { ...result, report };
}

function readHits(file: string): Hit[] {
  return readFileSync(join(dir, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Hit);
}

/** A report or hits with every Hub file named as its local twin: what is left must be identical. */
function asLocal<T>(value: T, hubPrefix: string, localPrefix: string): T {
  return JSON.parse(JSON.stringify(value).split(hubPrefix).join(localPrefix)) as T;
}

describe("selfid scan hf://", () => {
  it("gives exactly the report and hits of the same files scanned locally, through pagination and a 429", async () => {
    const local = await scanCli(["local/data", "--hits", "local-hits.jsonl"]);
    hub.inject({ on: "tree", status: 429, headers: { "Retry-After": "0" } });
    const remote = await scanCli(["hf://datasets/acme/chat/data", "--hits", "hub-hits.jsonl"]);
    expect(remote.exitCode).toBe(local.exitCode);
    expect(remote.report?.inputs.map((i) => i.source)).toEqual([
      `${HUB_PREFIX}data/more/train-00002.jsonl.zst`,
      `${HUB_PREFIX}data/train-00000.jsonl`,
      `${HUB_PREFIX}data/train-00001.jsonl.gz`,
    ]);
    expect(local.report?.totals.flagged).toBeGreaterThan(50);
    expect(local.report?.totals.errors).toBeGreaterThan(0);
    expect(asLocal(remote.report, HUB_PREFIX, "local/")).toEqual(local.report);
    const hubHits = readHits("hub-hits.jsonl");
    expect(hubHits[0]?.source).toMatch(/^hf:\/\/datasets\/acme\/chat@main\/data\//);
    expect(asLocal(hubHits, HUB_PREFIX, "local/")).toEqual(readHits("local-hits.jsonl"));
    // the client followed the listing's Link pages, and retried the 429
    expect(hub.log.filter((r) => r.url.includes("/tree/")).length).toBeGreaterThan(3);
  });

  it("gives the same records when transfers drop mid-file and the server fails with 500s", async () => {
    const options = {
      cwd: dir,
      patternSet: loadPatterns(),
      hub: { endpoint: hub.url, retry: { baseDelayMs: 1 } },
    };
    const localHits: Hit[] = [];
    const local = await scan({ ...options, inputs: ["local/data"], onHit: (h) => localHits.push(h) });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 9_003 });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", status: 500, times: 2 });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 7 });
    hub.inject({ on: "resolve", path: ".zst", dropAfter: 100 });
    const remoteHits: Hit[] = [];
    const remote = await scan({
      ...options,
      inputs: ["hf://datasets/acme/chat/data"],
      onHit: (h) => remoteHits.push(h),
    });
    expect(hub.log.filter((r) => r.range?.startsWith("bytes=9003-")).length).toBe(3);
    expect(asLocal(remote.report, HUB_PREFIX, "local/")).toEqual(local.report);
    expect(asLocal(remoteHits, HUB_PREFIX, "local/")).toEqual(localHits);
  });

  it("has worker threads scan Hub files in batches of lines, through dropped transfers: same report and hits", async () => {
    const options = {
      cwd: dir,
      patternSet: loadPatterns(),
      hub: { endpoint: hub.url, retry: { baseDelayMs: 1 } },
      inputs: ["hf://datasets/acme/chat/data"],
    };
    const oneHits: Hit[] = [];
    const one = await scan({ ...options, workers: 1, onHit: (h) => oneHits.push(h) });
    hub.reset();
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 9_003 });
    hub.inject({ on: "resolve", path: ".zst", dropAfter: 100 });
    const manyHits: Hit[] = [];
    // Batches of ~2 kB: each file is many tasks, taken back in order.
    const many = await scan({ ...options, workers: 2, taskBytes: 2000, onHit: (h) => manyHits.push(h) });
    expect(hub.log.filter((r) => r.range?.startsWith("bytes=9003-")).length).toBe(1);
    expect(many.report).toEqual(one.report);
    expect(manyHits).toEqual(oneHits);
    expect(one.report.totals.flagged).toBeGreaterThan(50);
    expect(one.report.totals.errors).toBeGreaterThan(0);
  });

  it.skipIf(!parquetSupported)(
    "reads a split of the parquet conversion as the same file read locally",
    async () => {
      const local = await scanCli(["local-parquet/0000.parquet", "--hits", "pq-local.jsonl"]);
      const remote = await scanCli(["hf://datasets/acme/chat", "--split", "train", "--hits", "pq-hub.jsonl"]);
      expect(remote.stderr).toBe("");
      expect(remote.report?.inputs.map((i) => i.source)).toEqual([
        `${PARQUET_PREFIX}default/train/0000.parquet`,
      ]);
      expect(local.report?.totals.flagged).toBeGreaterThan(10);
      expect(asLocal(remote.report, `${PARQUET_PREFIX}default/train/`, "local-parquet/")).toEqual(
        local.report,
      );
      expect(asLocal(readHits("pq-hub.jsonl"), `${PARQUET_PREFIX}default/train/`, "local-parquet/")).toEqual(
        readHits("pq-local.jsonl"),
      );
      // ranged reads, not one whole-file download
      expect(hub.log.some((r) => r.range !== null && r.range !== "bytes=0-")).toBe(true);
    },
  );

  it("reads a private dataset with HF_TOKEN or --token, and never prints or writes the token", async () => {
    const denied = await scanCli(["hf://datasets/acme/secret"]);
    expect(denied.exitCode).toBe(2);
    expect(denied.stderr).toBe(
      "selfid: hub datasets/acme/secret: access denied (401); accept the dataset's conditions on its page and set HF_TOKEN\n",
    );
    const viaEnv = await scanCli(["hf://datasets/acme/secret/data/*.gz", "--hits", "secret-hits.jsonl"], {
      HF_TOKEN: TOKEN,
    });
    expect(viaEnv.exitCode).toBe(0);
    expect(viaEnv.report?.totals.records).toBeGreaterThan(0);
    const viaFlag = await scanCli(
      ["hf://datasets/acme/secret/data/*.gz", "--token", TOKEN, "--json", "r.json"],
      {
        HF_TOKEN: "hf_wrong",
      },
    );
    expect(viaFlag.exitCode).toBe(0);
    for (const text of [
      denied.stdout + denied.stderr,
      viaEnv.stdout + viaEnv.stderr,
      viaFlag.stdout + viaFlag.stderr,
      readFileSync(join(dir, "secret-hits.jsonl"), "utf8"),
      readFileSync(join(dir, "r.json"), "utf8"),
    ]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("hf_wrong");
    }
  });

  it("exits 2 with a clear message for a bad revision and misused flags", async () => {
    const badRev = await scanCli(["hf://datasets/acme/chat@v9"]);
    expect(badRev.exitCode).toBe(2);
    expect(badRev.stderr).toMatch(/^selfid: hub datasets\/acme\/chat: revision v9 not found \(404\)/);
    const split = await scanCli(["local/data", "--split", "train"]);
    expect(split.stderr).toMatch(/--split and --config apply to hf:\/\/datasets\/… inputs only/);
    const malformed = await scanCli(["hf://datasets/onlyowner"]);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(/the dataset needs an owner and a name/);
    const concurrency = await scanCli(["hf://datasets/acme/chat", "--hub-concurrency", "0"]);
    expect(concurrency.stderr).toMatch(/--hub-concurrency 0: expected a positive whole number/);
  });

  it("emits Hub files under clean/hf/OWNER/NAME/, byte for byte as the same files emitted locally", async () => {
    const hubRun = await scanCli(["hf://datasets/acme/chat", "--emit", "out-hub", "-q"]);
    expect(hubRun.exitCode).toBe(0);
    const localRun = await scanCli(["local", "--emit", "out-local", "-q"]);
    expect(localRun.exitCode).toBe(0);
    for (const kind of ["clean", "flagged", "errors"]) {
      const local = fileTree(join(dir, "out-local", kind));
      expect(fileTree(join(dir, "out-hub", kind, "hf/acme/chat"))).toEqual(local);
      for (const file of local) {
        expect(readFileSync(join(dir, "out-hub", kind, "hf/acme/chat", file))).toEqual(
          readFileSync(join(dir, "out-local", kind, file)),
        );
      }
    }
    expect(readdirSync(join(dir, "out-hub", "clean"))).toEqual(["hf"]);
  });

  it("documents Hub inputs in --help", async () => {
    const help = await run(["scan", "--help"]);
    expect(help.stdout).toContain('selfid scan "hf://datasets/owner/name@main/data/*.jsonl.zst"');
    expect(help.stdout).toMatch(/--split <name>/);
    expect(help.stdout).toMatch(/--token <token>/);
    expect(help.stdout).toMatch(/HF_ENDPOINT/);
  });
});
