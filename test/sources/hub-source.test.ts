import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/errors.js";
import { expandInputs } from "../../src/sources/expand-inputs.js";
import type { HubOptions } from "../../src/sources/hub-client.js";
import type { Source } from "../../src/sources/source.js";
import { type FakeHub, startFakeHub } from "../helpers/fake-hub.js";
import { mainFiles, writeTree } from "../helpers/hub-fixture.js";
import { concatBytes, makeTempDir } from "../records/stream-helpers.js";

let hub: FakeHub;
let cleanup: () => Promise<void>;
const files = mainFiles();
const TOKEN = "hf_test_secret_1234";
const sleeps: number[] = [];

beforeAll(async () => {
  const made = await makeTempDir();
  cleanup = made.cleanup;
  const main = join(made.dir, "main");
  const parquet = join(made.dir, "parquet");
  writeTree(main, files);
  writeTree(parquet, {
    "default/train/0000.parquet": Buffer.from("PAR1 not really PAR1"),
    "default/train/0001.parquet": Buffer.from("PAR1 not really PAR1"),
    "default/test/0000.parquet": Buffer.from("PAR1 not really PAR1"),
    "other/train/0000.parquet": Buffer.from("PAR1 not really PAR1"),
  });
  mkdirSync(join(made.dir, "empty"));
  hub = await startFakeHub({
    repos: {
      "datasets/acme/chat": {
        revisions: { main, v1: main, "refs/convert/parquet": parquet, "feature/x": main },
      },
      "datasets/acme/secret": { private: true, revisions: { main } },
    },
    token: TOKEN,
    // Small pages: every listing below goes through the client's Link pagination.
    pageSize: 2,
  });
});
afterAll(async () => {
  await hub.close();
  await cleanup();
});
beforeEach(() => {
  hub.reset();
  sleeps.length = 0;
});

function options(extra: HubOptions = {}): HubOptions {
  return {
    endpoint: hub.url,
    retry: { retries: 3, baseDelayMs: 1 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  };
}

const expand = (input: string, extra: HubOptions = {}) => expandInputs([input], { hub: options(extra) });
const read = (source: Source) => concatBytes(source.open());

/** Byte equality without vitest's element-by-element diff, which takes a second on 300 kB. */
function expectSame(actual: Uint8Array, expected: Uint8Array | undefined): void {
  expect(expected).toBeDefined();
  expect(actual.length).toBe(expected?.length);
  expect(Buffer.compare(actual, expected as Uint8Array)).toBe(0);
}

describe("hf:// inputs: listing", () => {
  it("lists a dataset's data files, sorted, named by hf:// URI with the revision, sized by the listing", async () => {
    const sources = await expand("hf://datasets/acme/chat");
    expect(sources.map((s) => [s.uri, s.size])).toEqual([
      [
        "hf://datasets/acme/chat@main/data/more/train-00002.jsonl.zst",
        files["data/more/train-00002.jsonl.zst"]?.length,
      ],
      ["hf://datasets/acme/chat@main/data/train-00000.jsonl", files["data/train-00000.jsonl"]?.length],
      ["hf://datasets/acme/chat@main/data/train-00001.jsonl.gz", files["data/train-00001.jsonl.gz"]?.length],
    ]);
    expect(hub.log.filter((r) => r.url.includes("cursor=")).length).toBeGreaterThan(0);
  });

  it("matches a glob as fast-glob would, listing only the folder the glob is rooted in", async () => {
    const sources = await expand("hf://datasets/acme/chat@main/data/*.jsonl*");
    expect(sources.map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@main/data/train-00000.jsonl",
      "hf://datasets/acme/chat@main/data/train-00001.jsonl.gz",
    ]);
    expect(hub.log[0]?.url).toMatch(/^\/api\/datasets\/acme\/chat\/tree\/main\/data\?recursive=true/);
    const deep = await expand("hf://datasets/acme/chat/**/*.zst");
    expect(deep.map((s) => s.uri)).toEqual(["hf://datasets/acme/chat@main/data/more/train-00002.jsonl.zst"]);
  });

  it("takes a file by name and a folder recursively", async () => {
    expect((await expand("hf://datasets/acme/chat@v1/README.md")).map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@v1/README.md",
    ]);
    expect((await expand("hf://datasets/acme/chat/data/more")).map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@main/data/more/train-00002.jsonl.zst",
    ]);
  });

  it("sends a revision with a slash as one encoded segment, and writes it encoded in the URI", async () => {
    const sources = await expand("hf://datasets/acme/chat@feature%2Fx/data/*.gz");
    expect(sources.map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@feature%2Fx/data/train-00001.jsonl.gz",
    ]);
    expect(hub.log[0]?.url).toContain("/tree/feature%2Fx/data?");
    expectSame(await read(sources[0] as Source), files["data/train-00001.jsonl.gz"]);
  });

  it("selects the parquet conversion's split with --split and --config", async () => {
    const train = await expand("hf://datasets/acme/chat", { split: "train" });
    expect(train.map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/default/train/0000.parquet",
      "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/default/train/0001.parquet",
    ]);
    expect(hub.log[0]?.url).toContain("/tree/refs%2Fconvert%2Fparquet/default?");
    const other = await expand("hf://datasets/acme/chat", { split: "train", config: "other" });
    expect(other.map((s) => s.uri)).toEqual([
      "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/other/train/0000.parquet",
    ]);
    const all = await expand("hf://datasets/acme/chat", { config: "default" });
    expect(all).toHaveLength(3);
    await expect(expand("hf://datasets/acme/chat/data", { split: "train" })).rejects.toThrow(
      /give the dataset alone/,
    );
    await expect(expand("hf://datasets/acme/chat", { split: "tr*" })).rejects.toThrow(UsageError);
  });
});

describe("hf:// inputs: clear errors", () => {
  const failure = async (input: string, extra: HubOptions = {}) => {
    const error = await expand(input, extra).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  };

  it("names the dataset, the revision and the path that do not exist", async () => {
    expect(await failure("hf://datasets/acme/nope")).toBe(
      "hub datasets/acme/nope: dataset not found (404); check the name, or set HF_TOKEN if it is private",
    );
    expect(await failure("hf://datasets/acme/chat@v9/data/*.jsonl")).toBe(
      "hub datasets/acme/chat: revision v9 not found (404); give a branch, tag or commit that exists",
    );
    expect(await failure("hf://datasets/acme/chat/nowhere/*.jsonl")).toBe(
      "hub datasets/acme/chat@main: path nowhere not found (404)",
    );
    expect(await failure("hf://datasets/acme/chat/data/missing.jsonl")).toBe(
      "hub datasets/acme/chat@main: path data/missing.jsonl not found (no such file or folder)",
    );
    expect(await failure("hf://datasets/acme/chat/data/*.parquet")).toMatch(
      /^hub datasets\/acme\/chat@main: the glob data\/\*\.parquet matched no data files/,
    );
  });

  it("says how to get access to a gated or private dataset, and works with a token", async () => {
    expect(await failure("hf://datasets/acme/secret")).toBe(
      "hub datasets/acme/secret: access denied (401); accept the dataset's conditions on its page and set HF_TOKEN",
    );
    const wrong = await failure("hf://datasets/acme/secret", { token: "hf_wrong" });
    expect(wrong).toMatch(/access denied \(401\) with the token given/);
    hub.reset();
    const sources = await expand("hf://datasets/acme/secret/data/*.jsonl", { token: TOKEN });
    expectSame(await read(sources[0] as Source), files["data/train-00000.jsonl"]);
    expect(hub.log.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("rejects malformed URIs and tokens without echoing the token", async () => {
    await expect(expand("hf://datasets/onlyowner")).rejects.toThrow(
      "input hf://datasets/onlyowner: the dataset needs an owner and a name; expected hf://datasets/OWNER/NAME[@REVISION][/PATH-OR-GLOB]",
    );
    const error = await expand("hf://datasets/acme/chat", { token: "secret-123" }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String((error as Error).message)).not.toContain("secret-123");
  });
});

describe("hf:// inputs: reading", () => {
  it("streams a file's exact bytes and reads ranges", async () => {
    const [source] = await expand("hf://datasets/acme/chat/data/train-00000.jsonl");
    const bytes = files["data/train-00000.jsonl"] as Buffer;
    expectSame(await read(source as Source), bytes);
    const slice = await (source as Source).slice?.(100, 250);
    expectSame(Buffer.from(slice as ArrayBuffer), bytes.subarray(100, 250));
    expect(hub.log.at(-1)?.range).toBe("bytes=100-249");
    // past the end: clamped, as a Blob's slice is
    const tail = await (source as Source).slice?.(bytes.length - 10, bytes.length + 100);
    expectSame(Buffer.from(tail as ArrayBuffer), bytes.subarray(-10));
  });

  it("resumes a dropped transfer from the last byte received: no byte twice, none missed", async () => {
    const [source] = await expand("hf://datasets/acme/chat/data/train-00000.jsonl");
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 50_001 });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 30_000 });
    expectSame(await read(source as Source), files["data/train-00000.jsonl"]);
    expect(hub.log.filter((r) => r.url.includes("/resolve/")).map((r) => r.range)).toEqual([
      null,
      "bytes=50001-",
      "bytes=80001-",
    ]);
  });

  it("skips what it already has when a server answers a resume with the whole file", async () => {
    const [source] = await expand("hf://datasets/acme/chat/data/train-00000.jsonl");
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 12_345 });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", ignoreRange: true });
    expectSame(await read(source as Source), files["data/train-00000.jsonl"]);
  });

  it("retries a 429 after the server's Retry-After, and 500s with backoff", async () => {
    hub.inject({ on: "tree", status: 429, headers: { "Retry-After": "7" } });
    const [source] = await expand("hf://datasets/acme/chat/data/*.gz");
    expect(sleeps).toEqual([7000]);
    hub.inject({ on: "resolve", status: 500, times: 2 });
    expectSame(await read(source as Source), files["data/train-00001.jsonl.gz"]);
    expect(sleeps).toHaveLength(3);
    expect(sleeps.slice(1).every((ms) => ms <= 2)).toBe(true);
  });

  it("gives up after the retry budget with a clear error", async () => {
    hub.inject({ on: "tree", status: 503, times: 4 });
    await expect(expand("hf://datasets/acme/chat")).rejects.toThrow(
      "hub datasets/acme/chat: server error (503) after 4 attempts; try again later",
    );
    const [source] = await expand("hf://datasets/acme/chat/data/*.gz");
    // Bytes received reset the budget, so the stall must be at one byte.
    hub.inject({ on: "resolve", dropAfter: 10 });
    hub.inject({ on: "resolve", dropAfter: 0, times: 4 });
    await expect(read(source as Source)).rejects.toThrow(
      /^input hf:\/\/datasets\/acme\/chat@main\/data\/train-00001\.jsonl\.gz: the connection dropped 4 times at byte 10 of \d+/,
    );
    hub.inject({ on: "resolve", status: 429, times: 4 });
    await expect(read(source as Source)).rejects.toThrow(
      /rate limited \(429\) after 4 attempts; lower --hub-concurrency/,
    );
  });

  it("keeps requests in flight within the concurrency limit", async () => {
    const [source] = await expand("hf://datasets/acme/chat/data/train-00000.jsonl", { concurrency: 2 });
    hub.maxInFlight = 0;
    const starts = Array.from({ length: 12 }, (_, i) => i * 1000);
    const slices = await Promise.all(starts.map((s) => (source as Source).slice?.(s, s + 1000)));
    expect(slices.map((b) => b?.byteLength)).toEqual(starts.map(() => 1000));
    expect(hub.maxInFlight).toBeLessThanOrEqual(2);
    expect(hub.maxInFlight).toBe(2);
  });

  it("cancels the transfer when the reader stops early", async () => {
    const [source] = await expand("hf://datasets/acme/chat/data/train-00000.jsonl", { concurrency: 1 });
    for await (const _ of (source as Source).open()) break;
    // The one slot is free again: a second read does not wait for the first transfer.
    expectSame(await read(source as Source), files["data/train-00000.jsonl"]);
  });
});
