import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  BUILTIN_PATTERNS_DIR,
  loadPatterns,
  type PatternLibrary,
  type PatternSet,
  snapshotPatterns,
} from "../../src/match/load-patterns.js";

// A copy of the built-in library and a snapshot of it, so that files can be edited.
const root = mkdtempSync(join(tmpdir(), "selfid-snapshot-"));
const dir = join(root, "patterns");
const snapshot = join(root, "patterns-snapshot.json");
const withSnapshot: PatternLibrary = { dir, snapshot };
const yamlOnly: PatternLibrary = { dir, snapshot: null };
afterAll(() => rmSync(root, { recursive: true, force: true }));

let made: ReturnType<typeof snapshotPatterns> | undefined;

/** Copies the library afresh, with its snapshot; `vendor` overrides one family's vendor in the snapshot only. */
function freshCopy(vendor?: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(BUILTIN_PATTERNS_DIR, dir, { recursive: true });
  made ??= snapshotPatterns(yamlOnly);
  const copy = structuredClone(made);
  if (vendor !== undefined) (copy.families[0] as [string, { vendor: string }])[1].vendor = vendor;
  writeFileSync(snapshot, JSON.stringify(copy));
}

/** Everything of a set, Maps as entry lists, in order: equal strings mean equal sets. */
function serialize(set: PatternSet): string {
  return JSON.stringify({ ...set, families: [...set.families], langs: [...set.langs] });
}

/** True when the set came from the snapshot with the marked vendor (the YAML never says it). */
function fromSnapshot(set: PatternSet): boolean {
  return [...set.families.values()][0]?.vendor === "FROM SNAPSHOT";
}

describe("the pattern snapshot", () => {
  beforeEach(() => freshCopy());

  it("loads the same set as the YAML, hash and every field", () => {
    const fast = loadPatterns({}, withSnapshot);
    const slow = loadPatterns({}, yamlOnly);
    expect(fast).toStrictEqual(slow);
    expect(serialize(fast)).toBe(serialize(slow));
    // The copy is displayed as patterns/…, so it is the built-in library, hash and all.
    expect(fast.hash).toBe(loadPatterns({}, { dir: BUILTIN_PATTERNS_DIR, snapshot: null }).hash);
  });

  it("is used while the files are unchanged, and each load is a fresh copy", () => {
    freshCopy("FROM SNAPSHOT");
    const first = loadPatterns({}, withSnapshot);
    expect(fromSnapshot(first)).toBe(true);
    [...first.families.values()][0]?.names.push("changed");
    first.common.nouns.push("changed");
    const second = loadPatterns({}, withSnapshot);
    expect([...second.families.values()][0]?.names).not.toContain("changed");
    expect(second.common.nouns).not.toContain("changed");
  });

  it("merges user files into the snapshot's set as into the YAML's", () => {
    const user = join(root, "user.yaml");
    writeFileSync(
      user,
      "family: openai\nvendor: OpenAI\nnames: [ChatGPT Pro Max]\nexamples: { positive: [], negative: [] }\n",
    );
    const fast = loadPatterns({ paths: [user] }, withSnapshot);
    const slow = loadPatterns({ paths: [user] }, yamlOnly);
    expect(fast).toStrictEqual(slow);
    expect(serialize(fast)).toBe(serialize(slow));
  });

  it("is ignored when a pattern file was edited", () => {
    freshCopy("FROM SNAPSHOT");
    const before = loadPatterns({}, withSnapshot);
    appendFileSync(join(dir, "families/openai.yaml"), "\n# edited\n");
    const after = loadPatterns({}, withSnapshot);
    expect(fromSnapshot(after)).toBe(false);
    expect(after.hash).not.toBe(before.hash);
    expect(after).toStrictEqual(loadPatterns({}, yamlOnly));
  });

  it("is ignored when a pattern file was added or removed", () => {
    freshCopy("FROM SNAPSHOT");
    writeFileSync(
      join(dir, "families/zz-new.yaml"),
      "family: zz-new\nvendor: New\nnames: [Zedbot]\ncreators: [Zed Labs]\n",
    );
    const added = loadPatterns({}, withSnapshot);
    expect(fromSnapshot(added)).toBe(false);
    expect(added.families.has("zz-new")).toBe(true);

    freshCopy("FROM SNAPSHOT");
    unlinkSync(join(dir, "families/xai.yaml"));
    const removed = loadPatterns({}, withSnapshot);
    expect(fromSnapshot(removed)).toBe(false);
    expect(removed.families.has("xai")).toBe(false);
  });

  it("is ignored when missing, unreadable or of another format", () => {
    writeFileSync(snapshot, "{ not json");
    expect(loadPatterns({}, withSnapshot)).toStrictEqual(loadPatterns({}, yamlOnly));
    writeFileSync(snapshot, JSON.stringify({ ...made, format: 0 }));
    expect(loadPatterns({}, withSnapshot)).toStrictEqual(loadPatterns({}, yamlOnly));
    rmSync(snapshot);
    expect(loadPatterns({}, withSnapshot)).toStrictEqual(loadPatterns({}, yamlOnly));
  });
});
