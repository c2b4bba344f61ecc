import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { createLimiter } from "../../src/sources/hub-limiter.js";
import { DEFAULT_RETRY, parseRetryAfter, retryDelay } from "../../src/sources/hub-retry.js";
import { formatHubUri, isHubUri, parseHubUri } from "../../src/sources/hub-uri.js";

describe("parseHubUri / formatHubUri", () => {
  it.each([
    ["hf://datasets/acme/chat", { repo: "acme/chat", revision: "main", path: "" }],
    ["hf://datasets/acme/chat/", { repo: "acme/chat", revision: "main", path: "" }],
    ["hf://datasets/acme/chat@v1.0", { repo: "acme/chat", revision: "v1.0", path: "" }],
    [
      "hf://datasets/acme/chat@main/data/*.jsonl.zst",
      { repo: "acme/chat", revision: "main", path: "data/*.jsonl.zst" },
    ],
    [
      "hf://datasets/acme/chat/data/a@b.jsonl",
      { repo: "acme/chat", revision: "main", path: "data/a@b.jsonl" },
    ],
    [
      "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/default/train/*.parquet",
      { repo: "acme/chat", revision: "refs/convert/parquet", path: "default/train/*.parquet" },
    ],
    [
      "hf://datasets/acme/chat@refs/convert/parquet/default/train/0000.parquet",
      { repo: "acme/chat", revision: "refs/convert/parquet", path: "default/train/0000.parquet" },
    ],
    ["hf://datasets/acme/chat@refs/pr/12", { repo: "acme/chat", revision: "refs/pr/12", path: "" }],
    [
      "hf://datasets/Org-1/my_data.v2@0123abc/x",
      { repo: "Org-1/my_data.v2", revision: "0123abc", path: "x" },
    ],
  ])("parses %s", (input, expected) => {
    expect(parseHubUri(input)).toEqual(expected);
  });

  it.each([
    ["hf://datasets/onlyowner", "the dataset needs an owner and a name"],
    ["hf://datasets/", "the dataset needs an owner and a name"],
    ["hf://datasets/acme/", "the dataset needs an owner and a name"],
    ["hf://datasets/acme/chat@", "the revision after @ is empty"],
    ["hf://datasets/acme/chat@/data", "the revision after @ is empty"],
    ["hf://models/acme/llm", "only dataset repos can be scanned"],
    ["hf://datasets/acme/chat/../secret", "the path may not contain . or .. segments"],
    ["hf://datasets/ac me/chat", "invalid dataset name ac me/chat"],
  ])("rejects %s", (input, why) => {
    expect(() => parseHubUri(input)).toThrow(UsageError);
    expect(() => parseHubUri(input)).toThrow(
      `input ${input}: ${why}; expected hf://datasets/OWNER/NAME[@REVISION][/PATH-OR-GLOB]`,
    );
  });

  it("formats with the revision always written, encoded, and parses back", () => {
    const uri = { repo: "acme/chat", revision: "refs/convert/parquet", path: "default/train/0000.parquet" };
    expect(formatHubUri(uri)).toBe(
      "hf://datasets/acme/chat@refs%2Fconvert%2Fparquet/default/train/0000.parquet",
    );
    expect(parseHubUri(formatHubUri(uri))).toEqual(uri);
    expect(formatHubUri({ repo: "a/b", revision: "main", path: "" })).toBe("hf://datasets/a/b@main");
    expect(isHubUri("hf://datasets/a/b")).toBe(true);
    expect(isHubUri("data/hf.jsonl")).toBe(false);
  });
});

describe("retry policy", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("backs off exponentially with full jitter, capped, and prefers the server's wait", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((n) => retryDelay(policy, n, undefined, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(retryDelay(policy, 3, undefined, () => 0)).toBe(0);
    expect(retryDelay(policy, 0, 5000)).toBe(1000);
    expect(retryDelay(policy, 4, 250)).toBe(250);
  });
});

describe("createLimiter", () => {
  it("holds at most N slots and hands them out in arrival order", async () => {
    const limiter = createLimiter(2);
    const order: number[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const waiting = [3, 4].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect(limiter.active).toBe(2);
    a();
    a(); // a second release of the same slot is ignored
    const c = await waiting[0];
    expect(order).toEqual([3]);
    b();
    (await waiting[1])?.();
    c?.();
    expect(order).toEqual([3, 4]);
    expect(limiter.active).toBe(0);
  });
});
