import { closeSync, openSync, writeSync } from "node:fs";
import { parquetMetadata } from "hyparquet";
import { compressAs, jsonlOf, parquetOf, randomInput, validRecord, zstd } from "./fuzz-property.mjs";
import { prng } from "./prng.js";

/** What must hold for one input of a hostile case, beyond the property every input keeps. */
export interface InputExpectation {
  /** Records scanned: exactly, or within [min, max] when the damage decides how many survive. */
  scanned: number | readonly [number, number];
  /** Unreadable records counted as errors (not the input's own failure). */
  errors: number | readonly [number, number];
  /** The input cannot be read to its end (exit 2); "either" when the damage may go unnoticed. */
  failed: boolean | "either";
  /** The bytes of the bad records, in order, as errors/ must keep them (each followed by `\n`). */
  errorBytes?: readonly Buffer[];
  /** What the input's failure message must say (it always names the file). */
  failure?: RegExp;
}

/** A file too big to hold in memory: written in chunks by `write(path)`. */
export interface StreamedFile {
  write(path: string): void;
}

/** One hostile case: files to write, extra scan options, and what must hold per file. */
export interface HostileCase {
  name: string;
  files: Record<string, Buffer | StreamedFile>;
  expect: Record<string, InputExpectation>;
  /** More scan options (e.g. a small `--max-record-bytes`). */
  args?: string[];
  /** Run the built binary in a child with a kill timeout: the case could hang or blow the stack. */
  spawn?: boolean;
}

const DEPTH = 100_000;
const deepArray = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;

/** `n` valid records from `seed` and their JSONL lines. */
function records(seed: number, n: number): Record<string, unknown>[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => validRecord(rand, i));
}

const line = (value: unknown) => Buffer.from(JSON.stringify(value));
const nl = (parts: readonly Buffer[]) => Buffer.concat(parts.flatMap((part) => [part, Buffer.from("\n")]));

function flipBits(bytes: Buffer, positions: readonly number[]): Buffer {
  const out = Buffer.from(bytes);
  for (const at of positions) out[at] = (out[at] ?? 0) ^ 0x5a;
  return out;
}

/**
 * The Parquet file `npm run fuzz -- --seed 2421` found, which sends hyparquet 1.31.5's decoder
 * into an endless loop: one bit of the first `text` page header turns its V2 data page header's
 * `num_values` (an i32) into a boolean, the decoder's read offset becomes NaN, and its RLE loop
 * reads byte 0 for ever. Rebuilt from the generator and flipped where the fuzz loop flipped it,
 * counted from the page's start; `group` 1 has the same flip in its own page (rows 8–15), after
 * 8 good rows. 21 rows in all, in groups of 8; its texts are {@link validRecord}'s.
 */
export function loopingParquet(group: 0 | 1 = 0): Buffer {
  const rand = prng(2421);
  rand(); // the fuzz case's input count
  const bytes = Buffer.from(randomInput(rand, 0).bytes);
  const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const text = metadata.row_groups[group]?.columns.find(
    (chunk) => chunk.meta_data?.path_in_schema[0] === "text",
  );
  const page = Number(text?.meta_data?.data_page_offset);
  bytes[page + 9] = (bytes[page + 9] ?? 0) ^ 0x04;
  return bytes;
}

/** Parquet whose footer length field says `length`. */
function lyingFooter(bytes: Buffer, length: number): Buffer {
  const out = Buffer.from(bytes);
  out.writeUInt32LE(length >>> 0, out.length - 8);
  return out;
}

/**
 * Every hostile case of issue 7, each built from valid inputs with a seeded generator and then
 * damaged: truncated and bit-flipped .gz/.zst/Parquet, a lying Parquet footer, invalid UTF-8, NUL
 * bytes, an over-size line, 100k-level nesting, BOMs and CRLF, non-object lines, trailing garbage,
 * empty and zero-byte files, and binary data under a .jsonl name.
 * @param hugeBytes size of the over-size line (200 MB in `npm run fuzz`; the test caps lower)
 */
export function hostileCases(hugeBytes = 1 << 20): HostileCase[] {
  const twenty = records(7, 20);
  const plain = jsonlOf(twenty);
  const gz = compressAs("x.gz", plain);
  const texts = twenty.map((_, i) => (i % 4 === 0 ? `I am ChatGPT, made by OpenAI (${i}).` : `row ${i}`));
  const parquet = parquetOf(texts, 5);
  const footerLength = parquet.readUInt32LE(parquet.length - 8);
  const cases: HostileCase[] = [
    {
      name: "truncated .jsonl.gz",
      files: { "cut.jsonl.gz": gz.subarray(0, Math.floor(gz.length / 2)) },
      expect: {
        "cut.jsonl.gz": { scanned: [0, 19], errors: [0, 1], failed: true, failure: /gzip.*end of file/ },
      },
    },
    {
      name: "bit-flipped .jsonl.gz",
      files: { "flip.jsonl.gz": flipBits(gz, [Math.floor(gz.length / 2), Math.floor(gz.length / 2) + 7]) },
      expect: { "flip.jsonl.gz": { scanned: [0, 20], errors: [0, 20], failed: true, failure: /gzip/ } },
    },
    {
      name: "truncated Parquet",
      files: { "cut.parquet": parquet.subarray(0, parquet.length - 40) },
      expect: { "cut.parquet": { scanned: 0, errors: 0, failed: true, failure: /truncated or not parquet/ } },
    },
    {
      name: "bit-flipped Parquet data",
      files: { "flip.parquet": flipBits(parquet, [40, 41, 200, 201]) },
      expect: { "flip.parquet": { scanned: [0, 20], errors: 0, failed: "either" } },
    },
    {
      name: "Parquet page that loops the decoder",
      files: { "loop.parquet": loopingParquet() },
      expect: {
        "loop.parquet": {
          scanned: 0,
          errors: 0,
          failed: true,
          failure: /row group 0 .*made no progress for 1 s/,
        },
      },
      args: ["--parquet-stall-timeout", "1"],
      // In a child with a kill timeout: should the watchdog fail, the test must not hang with it.
      spawn: true,
    },
    {
      name: "Parquet with a lying footer",
      files: {
        "long.parquet": lyingFooter(parquet, footerLength + 1000),
        "huge.parquet": lyingFooter(parquet, 0xffffffff),
        "short.parquet": lyingFooter(parquet, footerLength - 7),
      },
      expect: {
        "long.parquet": { scanned: 0, errors: 0, failed: true, failure: /invalid footer/ },
        "huge.parquet": { scanned: 0, errors: 0, failed: true, failure: /invalid footer/ },
        "short.parquet": { scanned: 0, errors: 0, failed: true, failure: /invalid footer/ },
      },
    },
    {
      name: "invalid UTF-8",
      files: {
        "utf8.jsonl": nl([
          line(twenty[0]),
          Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
          Buffer.concat([
            Buffer.from('{"text":"bad '),
            Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]),
            Buffer.from('"}'),
          ]),
          line(twenty[1]),
        ]),
        "utf8.txt": Buffer.concat([
          Buffer.from("I am ChatGPT.\n"),
          Buffer.from([0xff, 0xc3, 0x0a]),
          Buffer.from("ok\n"),
        ]),
      },
      expect: {
        "utf8.jsonl": {
          scanned: 3,
          errors: 1,
          failed: false,
          errorBytes: [Buffer.from([0xff, 0xfe, 0x7b, 0x7d])],
        },
        "utf8.txt": { scanned: 3, errors: 0, failed: false },
      },
    },
    {
      name: "NUL bytes",
      files: {
        "nul.jsonl": nl([
          line(twenty[0]),
          Buffer.from('{"text":"a\0b"}'),
          Buffer.from('\0{"text":"x"}'),
          line(twenty[2]),
        ]),
        "nul.txt": Buffer.from("a\0b\n\0\nI am ChatGPT\n"),
      },
      expect: {
        "nul.jsonl": {
          scanned: 2,
          errors: 2,
          failed: false,
          errorBytes: [Buffer.from('{"text":"a\0b"}'), Buffer.from('\0{"text":"x"}')],
        },
        "nul.txt": { scanned: 3, errors: 0, failed: false },
      },
    },
    {
      name: "BOMs and CRLF",
      files: {
        "bom-crlf.jsonl": jsonlOf(twenty.slice(0, 5), { bom: true, crlf: true }),
        "bom.json": Buffer.concat([
          Buffer.from("\uFEFF"),
          Buffer.from(JSON.stringify(twenty.slice(0, 4), null, 2).replaceAll("\n", "\r\n")),
        ]),
        "bom-crlf.txt": Buffer.from("\uFEFFI am ChatGPT.\r\nsecond line\r\n"),
        "inner-bom.jsonl": nl([line(twenty[0]), Buffer.concat([Buffer.from("\uFEFF"), line(twenty[1])])]),
      },
      expect: {
        "bom-crlf.jsonl": { scanned: 5, errors: 0, failed: false },
        "bom.json": { scanned: 4, errors: 0, failed: false },
        "bom-crlf.txt": { scanned: 2, errors: 0, failed: false },
        // A BOM inside the file is not whitespace: that line is a bad record, kept as it was.
        "inner-bom.jsonl": { scanned: 1, errors: 1, failed: false },
      },
    },
    {
      name: "non-object JSONL lines",
      files: {
        "scalars.jsonl": nl([
          line(twenty[0]),
          Buffer.from("42"),
          Buffer.from('"a string"'),
          Buffer.from("null"),
          Buffer.from("[1,2]"),
          Buffer.from("true"),
          line(twenty[1]),
        ]),
      },
      expect: {
        "scalars.jsonl": {
          scanned: 2,
          errors: 5,
          failed: false,
          errorBytes: ["42", '"a string"', "null", "[1,2]", "true"].map((s) => Buffer.from(s)),
        },
      },
    },
    {
      name: "JSON arrays with trailing garbage",
      files: {
        "trailing.json": Buffer.from(`${JSON.stringify(twenty.slice(0, 3))} garbage`),
        "unclosed.json": Buffer.from(`${JSON.stringify(twenty.slice(0, 3)).slice(0, -1)},`),
        "two.json": Buffer.from(`${JSON.stringify(twenty.slice(0, 2))}${JSON.stringify(twenty.slice(2, 3))}`),
      },
      expect: {
        // The bad record is everything after the last element, the closing bracket included.
        "trailing.json": { scanned: 3, errors: 1, failed: false, errorBytes: [Buffer.from("] garbage")] },
        "unclosed.json": { scanned: 3, errors: [0, 1], failed: "either" },
        "two.json": { scanned: [2, 3], errors: [0, 1], failed: "either" },
      },
    },
    {
      name: "empty and zero-byte files",
      files: {
        "zero.jsonl": Buffer.alloc(0),
        "zero.json": Buffer.alloc(0),
        "zero.txt": Buffer.alloc(0),
        "blank.jsonl": Buffer.from("\n\r\n  \n"),
        "empty-array.json": Buffer.from("[]"),
        "zero.jsonl.gz": Buffer.alloc(0),
        "empty.jsonl.gz": compressAs("x.gz", Buffer.alloc(0)),
        "zero.parquet": Buffer.alloc(0),
      },
      expect: {
        "zero.jsonl": { scanned: 0, errors: 0, failed: false },
        "zero.json": { scanned: 0, errors: [0, 1], failed: "either" },
        "zero.txt": { scanned: 0, errors: 0, failed: false },
        "blank.jsonl": { scanned: 0, errors: 0, failed: false },
        "empty-array.json": { scanned: 0, errors: 0, failed: false },
        "zero.jsonl.gz": { scanned: 0, errors: 0, failed: "either" },
        "empty.jsonl.gz": { scanned: 0, errors: 0, failed: false },
        "zero.parquet": { scanned: 0, errors: 0, failed: true, failure: /too short/ },
      },
    },
    {
      name: "binary data named .jsonl",
      files: { "binary.jsonl": binary(11, 64 * 1024) },
      expect: { "binary.jsonl": { scanned: 0, errors: [1, 64 * 1024], failed: false } },
    },
    {
      name: "100k-level nesting: a JSONL line, a JSON array element, a whole JSON file",
      spawn: true,
      files: {
        "deep.jsonl": nl([line(twenty[0]), Buffer.from(deepArray), Buffer.from(deepObject), line(twenty[1])]),
        "deep.json": Buffer.from(`[${JSON.stringify(twenty[0])},${deepArray},${deepObject}]`),
        "deep-whole.json": Buffer.from(deepArray),
      },
      expect: {
        "deep.jsonl": { scanned: 3, errors: 1, failed: false, errorBytes: [Buffer.from(deepArray)] },
        "deep.json": { scanned: 2, errors: 1, failed: false, errorBytes: [Buffer.from(deepArray)] },
        "deep-whole.json": { scanned: 0, errors: 1, failed: false },
      },
    },
    {
      name: "a single line over --max-record-bytes",
      spawn: true,
      args: ["--max-record-bytes", String(Math.min(hugeBytes >>> 1, 64 * 1024 * 1024))],
      files: { "huge.jsonl": hugeLine(hugeBytes) },
      expect: { "huge.jsonl": { scanned: 2, errors: 1, failed: false } },
    },
  ];
  if (zstd !== null) {
    const zst = compressAs("x.zst", plain);
    cases.push(
      {
        name: "truncated .jsonl.zst",
        files: { "cut.jsonl.zst": zst.subarray(0, zst.length - 9) },
        expect: {
          "cut.jsonl.zst": { scanned: [0, 19], errors: [0, 1], failed: true, failure: /zstd.*end of file/ },
        },
      },
      {
        name: "bit-flipped .jsonl.zst",
        files: {
          "magic.jsonl.zst": flipBits(zst, [1]),
          "body.jsonl.zst": flipBits(zst, [Math.floor(zst.length / 2)]),
        },
        expect: {
          "magic.jsonl.zst": { scanned: 0, errors: 0, failed: true, failure: /not zstd/ },
          // zstd without a checksum cannot see every flip: what decodes is read as it is.
          "body.jsonl.zst": { scanned: [0, 20], errors: [0, 20], failed: "either" },
        },
      },
    );
  }
  return cases;
}

/** Seeded random bytes, one newline in about 200. */
function binary(seed: number, size: number): Buffer {
  const rand = prng(seed);
  return Buffer.from(Array.from({ length: size }, () => (rand() < 0.005 ? 0x0a : Math.floor(rand() * 256))));
}

/** A JSONL file whose second line is `size` bytes long, written 1 MiB at a time. */
function hugeLine(size: number): StreamedFile {
  return {
    write(path) {
      const fd = openSync(path, "w");
      try {
        writeSync(fd, '{"text":"I am ChatGPT."}\n{"text":"');
        const chunk = Buffer.alloc(Math.min(size, 1 << 20), 0x61);
        for (let left = size - 12; left > 0; left -= chunk.length)
          writeSync(fd, chunk, 0, Math.min(left, chunk.length));
        writeSync(fd, '"}\n{"text":"after the huge line"}\n');
      } finally {
        closeSync(fd);
      }
    },
  };
}
