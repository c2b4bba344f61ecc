import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { FileMetaData } from "hyparquet";
import { compressionOf, stripCompressionSuffix } from "../decode/compression-of.js";
import type { TallySections } from "../tally/tally.js";
import type { Compression, Hit, InputFormat, RecordItem } from "../types.js";
import { annotateJson } from "./annotate.js";
import { ByteShard } from "./byte-shard.js";
import { Checkpoint, type CheckpointEntry, type ManifestFile, type ManifestInput } from "./checkpoint.js";
import { compactJson } from "./compact-json.js";
import { prepareEmitDir } from "./emit-dir.js";
import { type EmitTree, pathInTree } from "./emit-paths.js";
import { ErrorsOutput } from "./errors-output.js";
import {
  commitOutput,
  loadZstdEncoder,
  type OutputStats,
  partialPathOf,
  type ZstdEncoderFactory,
} from "./output-file.js";
import { openParquetShard, type ParquetOutput, parquetOutputOf } from "./parquet-shard.js";
import { type OpenShard, ShardedOutput } from "./sharded-output.js";

export type { ManifestFile, ManifestInput } from "./checkpoint.js";

/** How `--emit` writes (DESIGN §5). */
export interface EmitOptions {
  /** The emit directory. */
  dir: string;
  /** Replace an earlier run's output instead of refusing a non-empty directory. @default false */
  overwrite?: boolean;
  /** Continue an interrupted run: skip the inputs its checkpoint says are done. @default false */
  resume?: boolean;
  /** Compression of the outputs; `same` keeps each input's. @default "same" */
  compression?: "same" | Compression;
  /** `jsonl` writes JSON-array inputs as JSONL (elements compacted to one line). @default "same" */
  format?: "same" | "jsonl";
  /** Split outputs into numbered shards of about this many bytes (before compression). */
  maxShardBytes?: number;
  /** Add a `selfid` member with the findings to flagged JSON records (not byte-exact). @default false */
  annotate?: boolean;
  /** Where the hits file goes. @default DIR/hits.jsonl */
  hitsPath?: string;
  /** zstd encoder; null writes `.zst` inputs uncompressed. @default zstd-napi when it loads */
  zstd?: ZstdEncoderFactory;
}

/** An input the run will read, as planned before reading: where its outputs go. */
export interface PlannedInput {
  source: string;
  /** POSIX path of its outputs inside each tree (see `relativeOutputPath`). */
  path: string;
  format: InputFormat;
  /** A `.txt` input read as one record (`--text-unit file`): its output is the file as it was. */
  wholeFile?: boolean;
  size: number | null;
}

/** `DIR/manifest.json`. */
export interface Manifest {
  schema: "selfid.manifest/1";
  /** False when the run stopped early (`--limit`, or interrupted: SIGINT, SIGTERM). */
  complete: boolean;
  inputs: ManifestInput[];
  files: ManifestFile[];
}

/**
 * Writes `--emit` output (DESIGN §5): every record read goes to `clean/`, `flagged/` or `errors/`
 * in its input's format, hits to the hits file, then `manifest.json`. After each input a line is
 * appended to the checkpoint, which `--resume` reads to skip finished inputs.
 */
export class EmitWriter {
  readonly #inputs: ManifestInput[] = [];
  readonly #files: ManifestFile[] = [];
  #open: InputEmitter | undefined;
  #hitsBytes: number;
  /** Length of the hits file when the last input was finished: a failed run cuts it back to there. */
  #hitsCommitted: number;
  /** The first error writing the hits file met (a full disk): the run fails at the next input's end. */
  #hitsFailure: Error | undefined;

  private constructor(
    readonly options: EmitOptions,
    readonly zstd: ZstdEncoderFactory,
    private readonly checkpoint: Checkpoint,
    private readonly hits: WriteStream,
    hitsBytes: number,
    /** Finished inputs of the interrupted run that this one skips, by source. */
    private readonly finished: Map<string, CheckpointEntry>,
  ) {
    this.#hitsBytes = hitsBytes;
    this.#hitsCommitted = hitsBytes;
    hits.on("error", (error) => {
      this.#hitsFailure ??= error;
    });
  }

  /**
   * Prepares the directory: refuses a non-empty one unless `overwrite` (which clears an earlier
   * run's output) or `resume` (which keeps the inputs the checkpoint proves complete: same path and
   * size, files present with their recorded sizes, in input order up to the first that is not).
   * @param fingerprint the run's inputs, options, pattern set and version; resume needs the same
   */
  static async open(
    options: EmitOptions,
    planned: readonly PlannedInput[],
    fingerprint: string,
  ): Promise<EmitWriter> {
    const hitsPath = options.hitsPath ?? join(options.dir, "hits.jsonl");
    const finished = new Map<string, CheckpointEntry>();
    let checkpoint: Checkpoint;
    let hitsBytes = 0;
    const read = options.resume ? await Checkpoint.read(options.dir, fingerprint) : null;
    if (read !== null) {
      checkpoint = read.checkpoint;
      const bySource = new Map(read.entries.map((entry) => [entry.input.source, entry]));
      for (const input of planned) {
        const entry = bySource.get(input.source);
        if (entry === undefined || !(await isIntact(options.dir, input, entry))) break;
        finished.set(input.source, entry);
        hitsBytes = entry.hitsBytes;
      }
      if ((await sizeOf(hitsPath)) < hitsBytes) {
        // The hits of the finished inputs are gone: redo everything rather than report without them.
        finished.clear();
        hitsBytes = 0;
      }
      await truncate(hitsPath, hitsBytes).catch(() => {});
    } else {
      // --resume with nothing to resume (a task's first attempt) is a fresh start into an empty DIR.
      await prepareEmitDir(options.dir, options.overwrite === true, options.resume === true);
      checkpoint = await Checkpoint.create(options.dir, fingerprint);
    }
    const hits = createWriteStream(hitsPath, { flags: hitsBytes > 0 ? "a" : "w" });
    await new Promise<void>((done, fail) => {
      hits.once("open", () => done());
      hits.once("error", fail);
    });
    return new EmitWriter(
      options,
      options.zstd === undefined ? loadZstdEncoder() : options.zstd,
      checkpoint,
      hits,
      hitsBytes,
      finished,
    );
  }

  /** Whether the interrupted run finished this input (see {@link finishedEarlier}); changes nothing. */
  wasFinished(source: string): boolean {
    return this.finished.has(source);
  }

  /**
   * The checkpoint entry of an input the interrupted run finished, which this run skips (its files
   * and counts are taken over), or undefined when it must be read.
   */
  finishedEarlier(source: string): CheckpointEntry | undefined {
    const entry = this.finished.get(source);
    if (entry !== undefined) {
      this.#inputs.push(entry.input);
      this.#files.push(...entry.files);
    }
    return entry;
  }

  /** Starts an input; its outputs go to `TREE/<path>`. */
  begin(input: PlannedInput): InputEmitter {
    // Checked up front: a hostile name fails before any byte is written for it.
    for (const tree of ["clean", "flagged", "errors"] as const)
      pathInTree(this.options.dir, tree, input.path);
    const entry: ManifestInput = {
      source: input.source,
      path: input.path,
      read: 0,
      clean: 0,
      flagged: 0,
      errors: 0,
    };
    this.#open = new InputEmitter(this, input, entry);
    return this.#open;
  }

  /** Appends a hit to the hits file. */
  hit(hit: Hit): void {
    const line = `${JSON.stringify(hit)}\n`;
    this.#hitsBytes += Buffer.byteLength(line);
    this.hits.write(line);
  }

  /** @internal Called by {@link InputEmitter.end} once the input's files have their final names. */
  async finishInput(
    input: PlannedInput,
    entry: ManifestInput,
    files: ManifestFile[],
    sections: TallySections,
  ): Promise<void> {
    this.#inputs.push(entry);
    this.#files.push(...files);
    // The hits must be on disk before the checkpoint says they are.
    await new Promise<void>((done) => this.hits.write("", () => done()));
    if (this.#hitsFailure) throw this.#hitsFailure;
    await this.checkpoint.append({
      input: entry,
      size: input.size,
      files,
      sections,
      hitsBytes: this.#hitsBytes,
    });
    this.#hitsCommitted = this.#hitsBytes;
    this.#open = undefined;
  }

  /** @internal Called by {@link InputEmitter.stop}: the input is left unfinished. */
  stopInput(): void {
    this.#open = undefined;
  }

  /**
   * Closes the hits file and writes the manifest of the inputs ended (all of them unless the run
   * stopped early: `--limit`, or a signal, which leaves the input it was in as `.partial` files).
   */
  async close(complete: boolean): Promise<Manifest> {
    await new Promise<void>((done, fail) => {
      if (this.#hitsFailure) return fail(this.#hitsFailure);
      this.hits.once("error", fail);
      this.hits.end(() => (this.#hitsFailure ? fail(this.#hitsFailure) : done()));
    });
    const manifest: Manifest = {
      schema: "selfid.manifest/1",
      complete,
      inputs: this.#inputs,
      files: this.#files,
    };
    // Written whole under a temporary name: a full disk never leaves half a manifest.
    const path = join(this.options.dir, "manifest.json");
    const partial = partialPathOf(path);
    try {
      await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return manifest;
  }

  /**
   * A failed run: removes the partial files of the input being written, and closes the hits file
   * cut back to the hits of the inputs finished (none of a half-written input's hits stay).
   */
  async abort(): Promise<void> {
    await this.#open?.abort();
    await new Promise<void>((done) => this.hits.end(() => done()));
    // Only a regular file is cut: a hits file on a device or pipe is left alone.
    const path = String(this.hits.path);
    if ((await stat(path).catch(() => undefined))?.isFile()) await truncate(path, this.#hitsCommitted);
  }
}

/** The outputs of one input. */
export class InputEmitter {
  readonly #outputs = new Map<"clean" | "flagged", ShardedOutput>();
  readonly #errors: ErrorsOutput;
  readonly #closed: ManifestFile[] = [];
  readonly #open: { clean: OpenShard; flagged: OpenShard; path: string; compactToLines: boolean };
  readonly #annotate: boolean;
  /** Parquet inputs: how to write their rows, from their footer. */
  #parquet: ParquetOutput | undefined;

  constructor(
    private readonly writer: EmitWriter,
    private readonly input: PlannedInput,
    private readonly entry: ManifestInput,
  ) {
    const { options, zstd } = writer;
    const dir = options.dir;
    const inputCompression = input.source === "-" ? "none" : compressionOf(input.source);
    let compression =
      options.compression === undefined || options.compression === "same"
        ? inputCompression
        : options.compression;
    let path = input.path;
    // Parquet compresses inside the file: --emit-compression does not apply to it.
    if (input.format === "parquet") compression = "none";
    else if (compression !== inputCompression) path = `${stripCompressionSuffix(path)}${SUFFIX[compression]}`;
    // Without a zstd encoder, zstd outputs come out plain, and their names say so.
    if (compression === "zstd" && zstd === null) {
      compression = "none";
      path = stripCompressionSuffix(path);
    }
    const compactToLines = input.format === "json" && options.format === "jsonl";
    if (compactToLines) path = withFormatExtension(path, ".jsonl");
    const opener = (): OpenShard => {
      if (input.format === "parquet") return (p) => openParquetShard(p, this.#parquetOutput());
      const layout = input.wholeFile
        ? "whole-file"
        : input.format === "json" && !compactToLines
          ? "json-array"
          : "lines";
      return (p) => ByteShard.open(p, layout, compression, zstd);
    };
    this.#open = { clean: opener(), flagged: opener(), path, compactToLines };
    this.#annotate = options.annotate === true && (input.format === "jsonl" || input.format === "json");
    const linesOfInput = input.format === "jsonl" || input.format === "txt";
    const errorsPath = linesOfInput ? path : `${stripCompressionSuffix(input.path)}.raw`;
    this.#errors = new ErrorsOutput(
      pathInTree(dir, "errors", errorsPath),
      pathInTree(dir, "errors", `${stripCompressionSuffix(input.path)}.reasons.jsonl`),
      linesOfInput ? compression : "none",
      zstd,
      (file, kind, stats) => this.#record(file, kind, stats),
    );
  }

  /**
   * Writes a record to `clean/` or `flagged/`, or an error item to `errors/` with its reason.
   * Returns a promise only when the caller must wait for it.
   * @param hits the record's findings, for `--emit-annotate`
   */
  write(item: RecordItem, flagged: boolean, hits?: readonly Hit[]): Promise<void> | undefined {
    this.entry.read++;
    if (item.type === "error") {
      this.entry.errors++;
      return this.#errors.write(item);
    }
    let record = item;
    if (this.#open.compactToLines && item.raw) record = { ...item, raw: compactJson(item.raw) };
    if (flagged && this.#annotate && hits && record.raw)
      record = { ...record, raw: annotateJson(record.raw, hits) };
    if (flagged) this.entry.flagged++;
    else this.entry.clean++;
    return this.#output(flagged ? "flagged" : "clean").write(record);
  }

  /**
   * Parquet inputs: takes the schema and codec from the input's footer (read before any row).
   * Throws for a schema whose rows could not be written back exactly (see `parquetOutputOf`).
   */
  parquetMetadata(metadata: FileMetaData): void {
    this.#parquet = parquetOutputOf(metadata);
    if (this.#parquet.note !== undefined) this.entry.note = this.#parquet.note;
  }

  #parquetOutput(): ParquetOutput {
    if (this.#parquet === undefined) throw new Error("emit: a Parquet row before its footer");
    return this.#parquet;
  }

  /** Records why the input stopped early. */
  fail(message: string): void {
    this.entry.failed = message;
  }

  /**
   * Finishes this input: closes its files, gives them their final names, and records it in the
   * manifest and the checkpoint with its report counts.
   */
  async end(sections: TallySections): Promise<void> {
    for (const output of this.#outputs.values()) await output.close();
    await this.#errors.close();
    for (const file of this.#closed) await commitOutput(join(this.writer.options.dir, file.path));
    await this.writer.finishInput(this.input, this.entry, this.#closed, sections);
  }

  /**
   * A stopped run (SIGINT): closes this input's files under their `.partial` names, neither
   * renamed nor in the manifest or checkpoint, so a resumed run writes the input again.
   */
  async stop(): Promise<void> {
    for (const output of this.#outputs.values()) await output.close();
    await this.#errors.close();
    this.writer.stopInput();
  }

  /** Removes this input's partial files, the open ones and those closed but not yet renamed. */
  async abort(): Promise<void> {
    for (const output of this.#outputs.values()) await output.abort();
    await this.#errors.abort();
    const dir = this.writer.options.dir;
    for (const file of this.#closed) await rm(partialPathOf(join(dir, file.path)), { force: true });
  }

  #output(kind: "clean" | "flagged"): ShardedOutput {
    let output = this.#outputs.get(kind);
    if (output === undefined) {
      const dir = this.writer.options.dir;
      output = new ShardedOutput(
        pathInTree(dir, kind, this.#open.path),
        this.#open[kind],
        this.writer.options.maxShardBytes,
        (path, stats) => this.#record(path, kind, stats),
      );
      this.#outputs.set(kind, output);
    }
    return output;
  }

  #record(path: string, kind: EmitTree | "reasons", stats: OutputStats): void {
    const rel = relative(this.writer.options.dir, path).split(sep).join("/");
    this.#closed.push({ path: rel, source: this.input.source, kind, ...stats });
  }
}

const SUFFIX: Record<Compression, string> = { none: "", gzip: ".gz", zstd: ".zst" };

/** `a.json.gz` → `a.jsonl.gz` */
function withFormatExtension(path: string, ext: string): string {
  const plain = stripCompressionSuffix(path);
  const dot = plain.lastIndexOf(".");
  const slash = plain.lastIndexOf("/");
  const stem = dot > slash ? plain.slice(0, dot) : plain;
  return `${stem}${ext}${path.slice(plain.length)}`;
}

/** The checkpoint's record of an input still holds: same output path and size, files in place. */
async function isIntact(dir: string, input: PlannedInput, entry: CheckpointEntry): Promise<boolean> {
  if (entry.input.path !== input.path || entry.size !== input.size) return false;
  for (const file of entry.files) {
    if ((await sizeOf(join(dir, file.path))) !== file.bytes) return false;
  }
  return true;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}
