// The property every input must keep, however broken (issue 7): no crash, no hang, every record
// read counted as scanned or as an error, every readable record scanned, and --emit keeping every
// record it read. Plain ESM JavaScript so that both the vitest suite (src/ through `run`) and
// `npm run fuzz` (dist/) share one checker; types are in fuzz-property.d.mts.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { parquetMetadata } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

const require = createRequire(import.meta.url);
/** zstd-napi is an optional dependency: without it no `.zst` corpus is made. */
export const zstd = (() => {
  try {
    return require("zstd-napi");
  } catch {
    return null;
  }
})();

/** The same seeded generator as test/helpers/prng.ts. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FLAGGED = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
];
const CLEAN = ["2 + 2 = 4.", "Grüße aus Köln — ünïcödé ✓ 🍎", "Привет, как дела?", "The sky is blue."];

/** A valid record: `{text}` or a `messages` conversation, flagged or clean. */
export function validRecord(rand, i) {
  const texts = rand() < 0.4 ? FLAGGED : CLEAN;
  const text = `${texts[Math.floor(rand() * texts.length)]} (${i})`;
  return rand() < 0.5
    ? { id: i, text }
    : {
        id: i,
        messages: [
          { role: "user", content: "Who are you?" },
          { role: "assistant", content: text },
        ],
      };
}

/** JSONL of `records`: a BOM, CRLF endings and a missing final newline when asked. */
export function jsonlOf(records, { bom = false, crlf = false, finalNewline = true } = {}) {
  const eol = crlf ? "\r\n" : "\n";
  const body = records.map((r) => JSON.stringify(r)).join(eol);
  return Buffer.from(`${bom ? "\uFEFF" : ""}${body}${finalNewline && records.length > 0 ? eol : ""}`);
}

/** Parquet with an `id` and a `text` column, small row groups so a corrupt one is not the whole file. */
export function parquetOf(texts, rowGroupSize = 8) {
  return Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: "id", data: texts.map((_, i) => i), type: "INT32" },
        { name: "text", data: texts, type: "STRING" },
      ],
      rowGroupSize,
    }),
  );
}

/** Compresses `bytes` as the name's suffix says. */
export function compressAs(name, bytes) {
  if (name.endsWith(".gz")) return gzipSync(bytes);
  if (name.endsWith(".zst")) return Buffer.from(zstd.compress(bytes));
  return bytes;
}

/** A random valid input: its file name, bytes, and how many records it holds. */
export function randomInput(rand, index) {
  const n = 1 + Math.floor(rand() * 24);
  const records = Array.from({ length: n }, (_, i) => validRecord(rand, i));
  const r = rand();
  const kinds = zstd ? ["", ".gz", ".zst"] : ["", ".gz"];
  const suffix = kinds[Math.floor(rand() * kinds.length)];
  if (r < 0.45) {
    const name = `in${index}.jsonl${suffix}`;
    const plain = jsonlOf(records, { bom: rand() < 0.3, crlf: rand() < 0.3, finalNewline: rand() < 0.8 });
    return { name, format: "jsonl", plain, bytes: compressAs(name, plain), records: n };
  }
  if (r < 0.7) {
    const name = `in${index}.json${suffix}`;
    const plain = Buffer.from(JSON.stringify(records, null, rand() < 0.5 ? 0 : 2));
    return { name, format: "json", plain, bytes: compressAs(name, plain), records: n };
  }
  const texts = records.map((rec) => rec.text ?? rec.messages[1].content);
  if (r < 0.85) {
    const name = `in${index}.txt${suffix}`;
    const plain = Buffer.from(`${texts.join("\n")}\n`);
    return { name, format: "txt", plain, bytes: compressAs(name, plain), records: n };
  }
  const plain = parquetOf(texts, 1 + Math.floor(rand() * 8));
  return { name: `in${index}.parquet`, format: "parquet", plain, bytes: plain, records: n };
}

/** Mutations of a file's bytes, named so the summary can count them. */
export const MUTATIONS = [
  "none",
  "bit-flip",
  "truncate",
  "insert-bytes",
  "delete-bytes",
  "splice-garbage",
  "duplicate-newline",
  "remove-newline",
  "invalid-utf8",
  "nul",
  "bom",
];

/** `bytes` with one random mutation of the given kind (a copy; `bytes` is untouched). */
export function mutate(rand, bytes, kind) {
  const at = (n = bytes.length) => Math.floor(rand() * (n + 1));
  const garbage = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const insert = (extra, pos = at()) => Buffer.concat([bytes.subarray(0, pos), extra, bytes.subarray(pos)]);
  const newlines = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) newlines.push(i);
  const aNewline = () => (newlines.length ? newlines[Math.floor(rand() * newlines.length)] : at());
  switch (kind) {
    case "none":
      return Buffer.from(bytes);
    case "bit-flip": {
      const out = Buffer.from(bytes);
      const flips = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < flips && out.length > 0; i++) {
        const pos = Math.floor(rand() * out.length);
        out[pos] ^= 1 << Math.floor(rand() * 8);
      }
      return out;
    }
    case "truncate":
      return Buffer.from(bytes.subarray(0, Math.floor(rand() * bytes.length)));
    case "insert-bytes":
      return insert(garbage(1 + Math.floor(rand() * 16)));
    case "delete-bytes": {
      const start = at();
      const end = Math.min(bytes.length, start + 1 + Math.floor(rand() * 32));
      return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
    }
    case "splice-garbage": {
      const start = at();
      const end = Math.min(bytes.length, start + Math.floor(rand() * 64));
      return Buffer.concat([
        bytes.subarray(0, start),
        garbage(1 + Math.floor(rand() * 64)),
        bytes.subarray(end),
      ]);
    }
    case "duplicate-newline":
      return insert(Buffer.from(rand() < 0.5 ? "\n" : "\r\n"), aNewline());
    case "remove-newline": {
      if (newlines.length === 0) return Buffer.from(bytes);
      const pos = aNewline();
      return Buffer.concat([bytes.subarray(0, pos), bytes.subarray(pos + 1)]);
    }
    case "invalid-utf8": {
      const bad = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]];
      return insert(Buffer.from(bad[Math.floor(rand() * bad.length)]));
    }
    case "nul":
      return insert(Buffer.from([0]));
    case "bom":
      return insert(Buffer.from([0xef, 0xbb, 0xbf]), rand() < 0.5 ? 0 : at());
    default:
      throw new Error(`fuzz: unknown mutation ${kind}`);
  }
}

/**
 * One fuzz case from `seed`: 1–3 random inputs, one of them mutated (its compressed bytes, or
 * its content before compression), written to `root` as `s<seed>-in<i>.<ext>`; returns what was done, with the
 * inputs' names relative to `root`.
 */
export function fuzzCase(seed, root) {
  const rand = prng(seed);
  const count = 1 + Math.floor(rand() * 3);
  const inputs = Array.from({ length: count }, (_, i) => randomInput(rand, i));
  const victim = inputs[Math.floor(rand() * count)];
  const kind = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
  const compressed = victim.bytes !== victim.plain;
  const inner = compressed && rand() < 0.5;
  if (inner) {
    victim.plain = mutate(rand, victim.plain, kind);
    victim.bytes = compressAs(victim.name, victim.plain);
  } else {
    victim.bytes = mutate(rand, victim.bytes, kind);
    if (!compressed) victim.plain = victim.bytes;
  }
  victim.mutated = true;
  mkdirSync(root, { recursive: true });
  for (const input of inputs) writeFileSync(join(root, `s${seed}-${input.name}`), input.bytes);
  return {
    seed,
    kind: `${victim.format}${compressed ? (inner ? "+inner" : "+outer") : ""}:${kind}`,
    inputs: inputs.map(({ name, format, records, mutated }) => ({
      name: `s${seed}-${name}`,
      format,
      records,
      mutated: !!mutated,
    })),
    untouched: kind === "none",
  };
}

/**
 * The stall allowance fuzz scans run with: far above what a fuzz file's row group needs, and short
 * enough that a batch holding several files that loop the decoder ends well within a scan's timeout.
 */
export const FUZZ_STALL_ARGS = ["--parquet-stall-timeout", "5"];

/**
 * Fuzz cases `seeds` scanned together (one scan compiles the patterns once for many cases) in
 * `root`: each case's violations (those naming one of its files), and those of the whole scan.
 */
export async function fuzzBatch(runCli, root, seeds, options = {}) {
  const cases = seeds.map((seed) => fuzzCase(seed, root));
  const inputs = cases.flatMap((c) => c.inputs);
  const expected = Object.fromEntries(
    cases.flatMap((c) => c.inputs.filter((i) => !i.mutated || c.untouched).map((i) => [i.name, i.records])),
  );
  const { violations } = await checkScan(
    runCli,
    root,
    inputs.map((i) => i.name),
    { ...options, args: [...FUZZ_STALL_ARGS, ...(options.args ?? [])], expected },
  );
  const bySeed = new Map(cases.map((c) => [c.seed, []]));
  const general = [];
  for (const violation of violations) {
    const seed = /\bs(\d+)-in/.exec(violation)?.[1];
    const list = seed === undefined ? undefined : bySeed.get(Number(seed));
    (list ?? general).push(violation);
  }
  return { cases, bySeed, general };
}

/**
 * Scans `inputs` (names relative to `cwd`) twice with `--json` and `--emit`, and returns every
 * broken promise as a line of text (none: the property holds) with the first run's report.
 * `runCli(argv, cwd)` is the CLI: `run` from src/ or dist/, or a spawned binary.
 * @param options.args more scan options (e.g. `--max-record-bytes`)
 * @param options.expected records planted per input name, for inputs left intact
 * @param options.maxRecordBytes the cap in force, for the line oracle @default 64 MiB
 * @param options.twice scan again into a second directory, with worker threads cutting the inputs
 *   into small tasks (`--workers 2 --task-bytes 2000`), and compare: the same report and outputs
 *   @default true
 */
export async function checkScan(runCli, cwd, inputs, options = {}) {
  const { args = [], expected = {}, maxRecordBytes = 64 * 1024 * 1024, twice = true, tag = "a" } = options;
  const violations = [];
  const scanOnce = async (label, more = []) => {
    const argv = [
      "scan",
      ...inputs,
      "--json",
      `report-${label}.json`,
      "--emit",
      `out-${label}`,
      "--quiet",
      ...args,
      ...more,
    ];
    const result = await runCli(argv, cwd);
    return { result, argv, dir: join(cwd, `out-${label}`), reportPath: join(cwd, `report-${label}.json`) };
  };
  const first = await scanOnce(`${tag}1`);
  const { result } = first;
  if (/internal error/.test(result.stderr))
    violations.push(`internal error: ${result.stderr.slice(0, 2000)}`);
  if (result.exitCode !== 0 && result.exitCode !== 2) {
    violations.push(`exit code ${result.exitCode}: ${result.stderr.slice(0, 500)}`);
  }
  let report;
  try {
    report = JSON.parse(readFileSync(first.reportPath, "utf8"));
  } catch (error) {
    violations.push(`no report (${error.message}); stderr: ${result.stderr.slice(0, 500)}`);
    return { violations, report: undefined, exitCode: result.exitCode, stderr: result.stderr };
  }
  const anyFailed = report.inputs.some((input) => input.failed);
  if (result.exitCode !== (anyFailed ? 2 : 0)) {
    violations.push(`exit code ${result.exitCode} but ${anyFailed ? "an input failed" : "no input failed"}`);
  }
  if (anyFailed && !/could not be read/.test(result.stderr))
    violations.push("a failed input is not on stderr");
  checkAccounting(report, inputs, violations);
  checkErrorPositions(report, violations);
  const manifest = checkEmit(first.dir, report, cwd, maxRecordBytes, violations);
  for (const [name, records] of Object.entries(expected)) {
    const input = report.inputs.find((i) => i.source === name);
    if (input && (input.scanned !== records || input.errors !== 0)) {
      violations.push(
        `${name} is intact with ${records} records, but ${input.scanned} scanned, ${input.errors} errors`,
      );
    }
  }
  if (twice) {
    const second = await scanOnce(`${tag}2`, ["--workers", "2", "--task-bytes", "2000"]);
    const again = readFileSync(second.reportPath, "utf8");
    if (again !== readFileSync(first.reportPath, "utf8") || second.result.exitCode !== result.exitCode) {
      violations.push(
        "not deterministic: a second scan of the same bytes, with 2 workers, gave another report or exit code",
      );
    }
    const manifest2 = JSON.parse(readFileSync(join(second.dir, "manifest.json"), "utf8"));
    if (JSON.stringify(manifest2) !== JSON.stringify(manifest)) {
      violations.push(
        "not deterministic: a second scan of the same bytes, with 2 workers, gave another manifest",
      );
    }
  }
  return { violations, report, exitCode: result.exitCode, stderr: result.stderr };
}

/**
 * records = scanned + errors, per input and in total (a failed input's unreadable rest is one record
 * in error).
 */
function checkAccounting(report, inputs, violations) {
  const sum = (key) => report.inputs.reduce((n, input) => n + input[key], 0);
  for (const input of report.inputs) {
    if (input.records !== input.scanned + input.errors) {
      violations.push(
        `${input.source}: records ${input.records} != scanned ${input.scanned} + errors ${input.errors}`,
      );
    }
  }
  const { totals } = report;
  if (totals.records !== totals.scanned + totals.errors) {
    violations.push(
      `totals: records ${totals.records} != scanned ${totals.scanned} + errors ${totals.errors}`,
    );
  }
  for (const key of ["records", "scanned", "errors", "flagged"]) {
    if (totals[key] !== sum(key))
      violations.push(`totals.${key} ${totals[key]} is not the sum over inputs ${sum(key)}`);
  }
  const sources = report.inputs.map((input) => input.source);
  if (JSON.stringify(sources) !== JSON.stringify(inputs))
    violations.push(`inputs ${sources} are not ${inputs}`);
}

/** Every error names its file and, for a record, where it is; an input's failure names the file. */
function checkErrorPositions(report, violations) {
  const byName = new Map(report.inputs.map((input) => [input.source, input]));
  for (const error of report.errors) {
    const input = byName.get(error.source);
    if (!input) {
      violations.push(`error of an unknown source: ${JSON.stringify(error)}`);
      continue;
    }
    if (error.record === undefined) {
      if (!input.failed) violations.push(`error without record, input not failed: ${JSON.stringify(error)}`);
      if (!error.message.includes(error.source))
        violations.push(`input error does not name the file: ${error.message}`);
    } else if (
      (input.format === "jsonl" || input.format === "txt") &&
      (error.line === undefined || error.byteOffset === undefined)
    ) {
      violations.push(`line error without line and byte offset: ${JSON.stringify(error)}`);
    }
  }
}

/** The input as a line reader sees it: decompressed, or null when the compression is corrupt. */
function decoded(path) {
  const bytes = readFileSync(path);
  try {
    if (path.endsWith(".gz")) return gunzipSync(bytes);
    if (path.endsWith(".zst")) return zstd ? Buffer.from(zstd.decompress(bytes)) : null;
  } catch {
    return null;
  }
  return bytes;
}

/** A line-based input's records as DESIGN §5 copies them: BOM dropped, `\r` kept, blank lines skipped. */
export function linesOf(bytes, { bom = true } = {}) {
  let text = bytes.toString("latin1");
  if (bom && text.startsWith("\xef\xbb\xbf")) text = text.slice(3);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.filter((line) => !/^[ \t\r]*$/.test(line));
}

/** Whether a JSONL line is a record the scanner must read: a JSON object, under the cap. */
export function readableJsonl(line, maxRecordBytes) {
  if (line.length > maxRecordBytes) return false;
  try {
    const value = JSON.parse(Buffer.from(line, "latin1").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const sorted = (xs) => [...xs].sort();

/** Checks `--emit` against the report and, for line formats, against the input's own lines. */
function checkEmit(dir, report, cwd, maxRecordBytes, violations) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  } catch (error) {
    violations.push(`emit: no manifest (${error.message})`);
    return undefined;
  }
  for (const input of report.inputs) {
    const entry = manifest.inputs.find((m) => m.source === input.source);
    if (!entry) {
      violations.push(`emit: ${input.source} missing from the manifest`);
      continue;
    }
    // The manifest counts what was read and written; a failed input's unreadable rest, one record
    // in error in the report, has no bytes to write.
    const recordErrors = input.errors - (input.failed ? 1 : 0);
    if (
      entry.read !== input.records - (input.failed ? 1 : 0) ||
      entry.errors !== recordErrors ||
      entry.clean + entry.flagged !== input.scanned
    ) {
      violations.push(
        `emit: manifest ${JSON.stringify(entry)} disagrees with report ${JSON.stringify(input)}`,
      );
    }
    if (entry.clean + entry.flagged + entry.errors !== entry.read)
      violations.push(`emit: ${input.source} clean + flagged + errors != read`);
    const files = manifest.files.filter((f) => f.source === input.source);
    const contents = { clean: [], flagged: [], errors: [], reasons: [] };
    const counted = { clean: 0, flagged: 0, errors: 0, reasons: 0 };
    for (const file of files) {
      const bytes = readFileSync(join(dir, file.path));
      if (createHash("sha256").update(bytes).digest("hex") !== file.sha256)
        violations.push(`emit: ${file.path} sha256 mismatch`);
      counted[file.kind] += file.records;
      contents[file.kind].push({ path: file.path, bytes: decodedOutput(file.path, bytes) });
    }
    if (
      counted.clean !== entry.clean ||
      counted.flagged !== entry.flagged ||
      counted.reasons !== entry.errors
    ) {
      violations.push(
        `emit: ${input.source} files hold ${JSON.stringify(counted)}, manifest says ${JSON.stringify(entry)}`,
      );
    }
    if (input.format === "parquet") {
      for (const kind of ["clean", "flagged"]) {
        const rows = contents[kind].reduce(
          (n, f) => n + Number(parquetMetadata(toArrayBuffer(f.bytes)).num_rows),
          0,
        );
        if (rows !== entry[kind])
          violations.push(`emit: ${input.source} ${kind} parquet has ${rows} rows, not ${entry[kind]}`);
      }
    }
    if ((input.format !== "jsonl" && input.format !== "txt") || input.failed) continue;
    // Lossless: the lines written are exactly the lines read, each in the right tree.
    const source = decoded(join(cwd, input.source));
    if (source === null) {
      violations.push(`emit: ${input.source} was read to its end, but its compression is corrupt`);
      continue;
    }
    const want = linesOf(source);
    // Outputs keep a BOM a bad line starts with: only the input's own BOM is dropped.
    const got = (kind) => contents[kind].flatMap((f) => linesOf(f.bytes, { bom: false }));
    const written = [...got("clean"), ...got("flagged"), ...got("errors")];
    if (JSON.stringify(sorted(written)) !== JSON.stringify(sorted(want))) {
      violations.push(
        `emit: ${input.source} lines written (${written.length}) are not the input's lines (${want.length})`,
      );
    }
    if (input.format === "jsonl") {
      const readable = want.filter((line) => readableJsonl(line, maxRecordBytes));
      const scanned = [...got("clean"), ...got("flagged")];
      if (JSON.stringify(sorted(scanned)) !== JSON.stringify(sorted(readable))) {
        violations.push(
          `${input.source}: ${readable.length} readable lines, but ${scanned.length} scanned: ${JSON.stringify(
            sorted(readable)
              .filter((l) => !scanned.includes(l))
              .slice(0, 2),
          )}`,
        );
      }
    } else if (recordErrors !== 0 && maxRecordBytes >= source.length) {
      violations.push(`${input.source}: a text line was an error`);
    }
  }
  return manifest;
}

function decodedOutput(path, bytes) {
  if (path.endsWith(".gz")) return gunzipSync(bytes);
  if (path.endsWith(".zst")) return Buffer.from(zstd.decompress(bytes));
  return bytes;
}

function toArrayBuffer(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
