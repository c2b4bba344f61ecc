import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { expandInputs } from "../../src/sources/expand-inputs.js";
import { concatBytes, makeTempDir } from "../records/stream-helpers.js";

let cwd: string;
let cleanup: () => Promise<void>;

const FILES = [
  "data/b.jsonl",
  "data/a.jsonl",
  "data/A.JSONL",
  "data/a-b.json",
  "data/sub/c.json.gz",
  "data/sub/z.txt",
  "data/sub/deeper/d.ndjson.zst",
  "data/sub/deeper/e.parquet",
  "data/.hidden.jsonl",
  "data/.git/x.jsonl",
  "data/README.md",
  "data/notes.csv",
  "data/weird[1].jsonl",
  "other/o.jsonl",
  "other/p.jsonl",
  "empty/readme.md",
];

beforeAll(async () => {
  ({ dir: cwd, cleanup } = await makeTempDir());
  for (const file of FILES) {
    await mkdir(join(cwd, file, ".."), { recursive: true });
    await writeFile(join(cwd, file), `contents of ${file}\n`);
  }
  // A loop back to the top of the tree, and a link to a directory outside it.
  await symlink(join(cwd, "data"), join(cwd, "data/sub/loop"));
  await symlink(join(cwd, "other"), join(cwd, "data/linked"));
  await symlink(join(cwd, "nowhere"), join(cwd, "data/broken.jsonl"));
});
afterAll(() => cleanup());

const uris = async (inputs: string[]) => (await expandInputs(inputs, { cwd })).map((s) => s.uri);

async function inputErrorOf(inputs: string[]): Promise<InputError> {
  try {
    await expandInputs(inputs, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("expandInputs", () => {
  it("walks a directory: data files only, hidden entries skipped, sorted by code unit, links followed, loops cut", async () => {
    expect(await uris(["data/"])).toEqual([
      "data/A.JSONL",
      "data/a-b.json",
      "data/a.jsonl",
      "data/b.jsonl",
      // A broken link is listed, so that reading it fails and is reported (test/security).
      "data/broken.jsonl",
      "data/linked/o.jsonl",
      "data/linked/p.jsonl",
      "data/sub/c.json.gz",
      "data/sub/deeper/d.ndjson.zst",
      "data/sub/deeper/e.parquet",
      "data/sub/z.txt",
      "data/weird[1].jsonl",
    ]);
    expect((await uris(["data"]))[0]).toBe("data/A.JSONL");
  });

  it("keeps a file input exactly as given, with its size, and opens it", async () => {
    const [source] = await expandInputs(["./data/../data/b.jsonl"], { cwd });
    if (source === undefined) throw new Error("no source");
    expect(source.uri).toBe("./data/../data/b.jsonl");
    expect(source.size).toBe("contents of data/b.jsonl\n".length);
    expect((await concatBytes(source.open())).toString()).toBe("contents of data/b.jsonl\n");
  });

  it("expands a glob, sorted, without the data-file filter, and prefers an existing path over a glob", async () => {
    expect(await uris(["data/*.jsonl"])).toEqual(["data/a.jsonl", "data/b.jsonl", "data/weird[1].jsonl"]);
    expect(await uris(["data/*.{md,csv}"])).toEqual(["data/notes.csv", "data/README.md"].sort());
    expect(await uris(["data/weird[1].jsonl"])).toEqual(["data/weird[1].jsonl"]);
  });

  it("lists a file reached twice once, at its first position", async () => {
    expect(await uris(["other/p.jsonl", "other/", "data/linked/o.jsonl"])).toEqual([
      "other/p.jsonl",
      "other/o.jsonl",
    ]);
    const all = await uris(["data/", "other/*.jsonl", "data/b.jsonl"]);
    expect(all.filter((u) => u.endsWith("o.jsonl"))).toEqual(["data/linked/o.jsonl"]);
    expect(all).toHaveLength(12);
  });

  it("reads - from the stream given, once", async () => {
    const stdin = new PassThrough();
    const sources = await expandInputs(["other/o.jsonl", "-"], { cwd, stdin });
    expect(sources.map((s) => s.uri)).toEqual(["other/o.jsonl", "-"]);
    expect(sources[1]?.open()).toBe(stdin);
    expect(sources[1]?.size).toBeUndefined();
    expect((await inputErrorOf(["-", "-"])).message).toMatch(/^input -: stdin can be read only once/);
  });

  it("names a missing path, a glob that matches nothing, and a directory with no data", async () => {
    const missing = await inputErrorOf(["other/o.jsonl", "data/x.jsonl"]);
    expect(missing.message).toBe("input data/x.jsonl: no such file or directory");
    expect(missing.source).toBe("data/x.jsonl");
    expect((await inputErrorOf(["data/*.nope"])).message).toBe(
      'input "data/*.nope": the glob matched no files',
    );
    expect((await inputErrorOf(["empty"])).message).toMatch(
      /^input empty: the directory holds no data files/,
    );
  });
});
