// The corpora: made by ../shared/bench/make-corpus.py into a cache outside the repo, named by their
// parameters and the generator's hash, and reused when those match.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
} from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fail, has, log, SHARED } from "./common.mjs";

async function ensureFile(path, what, make) {
  if (existsSync(path)) return;
  log(`making ${what} → ${path}`);
  const part = `${path}.part`;
  await make(part);
  renameSync(part, path);
}

function runOrFail(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", 2, 2] });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
}

/** Streams a JSONL file into one JSON array, one element per line, without holding it in memory. */
async function jsonlToArray(src, dst) {
  await pipeline(
    createReadStream(src, { highWaterMark: 1 << 20 }),
    async function* (chunks) {
      yield "[\n";
      // A chunk's final newline may be the file's last, which closes the array instead of
      // separating two elements, so it is written only once the next chunk shows which it is.
      let pending = false;
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        if (pending) yield ",\n";
        const endsLine = chunk[chunk.length - 1] === 0x0a;
        const body = endsLine ? chunk.subarray(0, chunk.length - 1) : chunk;
        // latin1 maps bytes 1:1, so the UTF-8 inside passes through untouched.
        yield Buffer.from(body.toString("latin1").replaceAll("\n", ",\n"), "latin1");
        pending = endsLine;
      }
      yield "\n]\n";
    },
    createWriteStream(dst),
  );
}

/** The corpora of `options` (chat, ascii, text, .zst; with `withMemory` the big JSONL and JSON array), made if not cached. */
export async function makeCorpora(options, withMemory) {
  mkdirSync(options.dir, { recursive: true });
  const generator = join(SHARED, "make-corpus.py");
  // The generator's hash is part of each name, so a changed generator never reuses old corpora.
  const gen = createHash("sha256").update(readFileSync(generator)).digest("hex").slice(0, 8);
  const name = (shape, size, extra) =>
    join(options.dir, `${shape}-${size}-seed${options.seed}${extra}-${gen}`);
  const make = (out, size, ...extra) =>
    runOrFail("python3", [generator, "--out", out, "--size", size, "--seed", options.seed, ...extra]);
  const corpus = async (key, label, path, maker, extra = {}) => {
    await ensureFile(path, label, maker);
    return { key, label, path, bytes: statSync(path).size, ...extra };
  };
  const chatPath = `${name("chat", options.size, "")}.jsonl`;
  const chat = await corpus("chat", `chat ${options.size}`, chatPath, (p) => make(p, options.size));
  const ascii = await corpus(
    "ascii",
    `chat ${options.size} --ascii`,
    `${name("chat", options.size, "-ascii")}.jsonl`,
    (p) => make(p, options.size, "--ascii"),
  );
  const text = await corpus("text", `text ${options.size}`, `${name("text", options.size, "")}.jsonl`, (p) =>
    make(p, options.size, "--shape", "text"),
  );
  const corpora = { chat, ascii, text };
  if (has("zstd")) {
    corpora.zst = await corpus(
      "zst",
      `chat ${options.size} .zst`,
      `${chatPath}.zst`,
      (p) => runOrFail("zstd", ["-3", "-q", "-f", chatPath, "-o", p]),
      { uncompressedBytes: chat.bytes },
    );
  } else {
    log("zstd not found: skipping the .jsonl.zst corpus (Debian package zstd)");
  }
  if (withMemory) {
    const bigPath = `${name("chat", options.memorySize, "")}.jsonl`;
    corpora.bigJsonl = await corpus("bigJsonl", `chat ${options.memorySize} JSONL`, bigPath, (p) =>
      make(p, options.memorySize),
    );
    corpora.bigArray = await corpus(
      "bigArray",
      `chat ${options.memorySize} JSON array`,
      `${name("chat", options.memorySize, "")}.json`,
      (p) => jsonlToArray(bigPath, p),
    );
  }
  return corpora;
}

/** Reads a file once so that no tool pays for the first read from disk. */
export async function warm(path) {
  for await (const _ of createReadStream(path, { highWaterMark: 4 << 20 })) {
    // reading is the point
  }
}
