import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { linesBefore } from "../../src/plan/lines-before.js";
import { assignShards, planId, planTasks, shardTasks, sharesOf } from "../../src/plan/shard-plan.js";
import { splitSource } from "../../src/plan/split-source.js";
import { linesInRange } from "../../src/records/byte-range.js";
import type { Source } from "../../src/sources/source.js";
import { prng } from "../helpers/prng.js";

/** A local-looking source of `size` bytes (nothing is read from it). */
function fake(uri: string, size: number | undefined): Source {
  const source: Source = { uri, open: () => ({}) as never, path: uri };
  if (size === undefined) return source;
  return { ...source, size, openFrom: () => ({}) as never };
}

function randomSources(seed: number): Source[] {
  const rand = prng(seed);
  const names = ["a.jsonl", "b.jsonl.gz", "c.txt", "d.json", "e.jsonl", "f.parquet", "g.jsonl"];
  return Array.from({ length: 3 + Math.floor(rand() * 12) }, (_, i) =>
    fake(`${i}-${names[i % names.length]}`, Math.floor(rand() ** 3 * 5000)),
  );
}

const split = (taskBytes: number) => (source: Source) => splitSource(source, undefined, "line", taskBytes);

describe("the shard plan", () => {
  it("puts every task in exactly one shard, in plan order, each shard one contiguous stretch", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const tasks = planTasks(randomSources(seed), split(300));
      for (const count of [1, 2, 3, 7, 16, 100]) {
        const owners = assignShards(tasks, count);
        // Contiguous: the shard never goes down along the plan.
        for (let i = 1; i < owners.length; i++)
          expect(owners[i] as number).toBeGreaterThanOrEqual(owners[i - 1] as number);
        const shards = Array.from({ length: count }, (_, index) => shardTasks(tasks, { index, count }));
        expect(shards.flat()).toEqual(tasks);
      }
    }
  });

  it("balances bytes: no shard reads more than its share plus one task", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const tasks = planTasks(randomSources(seed), split(250));
      const total = tasks.reduce((n, t) => n + t.bytes, 0);
      const largest = Math.max(...tasks.map((t) => t.bytes));
      for (const count of [2, 3, 5, 8]) {
        for (let index = 0; index < count; index++) {
          const bytes = shardTasks(tasks, { index, count }).reduce((n, t) => n + t.bytes, 0);
          expect(bytes).toBeLessThanOrEqual(Math.ceil(total / count) + largest);
        }
      }
    }
  });

  it("spreads one big file over all shards, and the same plan gives the same shards", () => {
    const tasks = planTasks([fake("big.jsonl", 100_000)], split(1000));
    expect(tasks).toHaveLength(100);
    const sizes = Array.from({ length: 7 }, (_, index) => shardTasks(tasks, { index, count: 7 }).length);
    expect(sizes.every((n) => n === 14 || n === 15)).toBe(true);
    const again = planTasks([fake("big.jsonl", 100_000)], split(1000));
    expect(assignShards(again, 7)).toEqual(assignShards(tasks, 7));
  });

  it("gives an empty shard when there are more shards than tasks, and empty files all to shard 0", () => {
    const tasks = planTasks([fake("a.jsonl", 10), fake("b.jsonl", 10)], split(1000));
    expect(assignShards(tasks, 4)).toEqual([0, 2]);
    expect(shardTasks(tasks, { index: 1, count: 4 })).toEqual([]);
    expect(assignShards(planTasks([fake("e.jsonl", 0), fake("f.jsonl", 0)], split(10)), 3)).toEqual([0, 0]);
  });

  it("identifies a plan by its files, sizes and ranges", () => {
    const id = (sizes: number[], taskBytes = 1000) =>
      planId(
        planTasks(
          sizes.map((size, i) => fake(`${i}.jsonl`, size)),
          split(taskBytes),
        ),
      );
    expect(id([2500, 10])).toBe(id([2500, 10]));
    expect(id([2500, 10])).not.toBe(id([2501, 10]));
    expect(id([2500, 10])).not.toBe(id([2500, 10], 999));
    expect(id([2500, 10])).not.toBe(id([2500]));
  });

  it("refuses a source of unknown size (stdin), naming it", () => {
    const tasks = planTasks([fake("a.jsonl", 10), fake("-", undefined)], split(1000));
    expect(() => shardTasks(tasks, { index: 0, count: 2 })).toThrow(UsageError);
    expect(() => shardTasks(tasks, { index: 0, count: 2 })).toThrow(/input - has no size known/);
  });

  it("groups a shard's tasks into shares: whole sources, and spans of the files it shares", () => {
    const sources = [fake("a.jsonl", 2500), fake("b.json", 800), fake("c.jsonl", 3000)];
    const tasks = planTasks(sources, split(1000));
    expect(tasks.map((t) => t.bytes)).toEqual([1000, 1000, 500, 800, 1000, 1000, 1000]);
    const all = sharesOf(tasks);
    expect(all.map((s) => [s.source.uri, s.ranges?.length, s.span, s.bytes])).toEqual([
      ["a.jsonl", 3, undefined, 2500],
      ["b.json", undefined, undefined, 800],
      ["c.jsonl", 3, undefined, 3000],
    ]);
    // 6300 bytes over 4 shards of 1575: shard 1 starts in a (its third range, at offset 2000).
    const shard = (index: number) =>
      sharesOf(shardTasks(tasks, { index, count: 4 })).map((s) => [s.source.uri, s.span, s.bytes]);
    expect(shard(1)).toEqual([
      ["a.jsonl", { start: 2000, end: 2500 }, 500],
      ["b.json", undefined, 800],
    ]);
    expect(shard(2)).toEqual([["c.jsonl", { start: 0, end: 2000 }, 2000]]);
    expect(shard(3)).toEqual([["c.jsonl", { start: 2000, end: 3000 }, 1000]]);
  });
});

describe("linesBefore", () => {
  /** A source over bytes in memory, with ranged reads. */
  const memory = (bytes: Buffer) => ({
    uri: "mem.jsonl",
    slice: async (start: number, end: number) => new Uint8Array(bytes.subarray(start, end)).buffer,
  });
  /** The lines the range reader keeps of `[offset, offset + 1)`: the oracle. */
  async function linesAt(bytes: Buffer, offset: number): Promise<number> {
    async function* stream() {
      yield bytes.subarray(Math.max(0, offset - 1));
    }
    let lines = 0;
    const kept = linesInRange(
      stream(),
      { start: offset, end: offset + 1 },
      () => {},
      (n) => {
        lines = n;
      },
    );
    for await (const part of kept) expect(part.length).toBeGreaterThan(0);
    return lines;
  }

  it("counts the lines before each offset, as the range reader numbers them", async () => {
    const rand = prng(7);
    for (let round = 0; round < 30; round++) {
      const text = Array.from({ length: Math.floor(rand() * 60) + 1 }, () =>
        rand() < 0.3 ? "\n" : rand() < 0.1 ? "\r\n" : String.fromCharCode(97 + Math.floor(rand() * 3)),
      ).join("");
      const bytes = Buffer.from(text);
      let before = 0;
      for (let offset = 0; offset < bytes.length; offset++) {
        expect(await linesBefore(memory(bytes), offset)).toBe(before);
        before += await linesAt(bytes, offset);
      }
    }
  });
});
