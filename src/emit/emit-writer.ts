import { writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { compressionOf, stripCompressionSuffix } from "../decode/compression-of.js";
import type { Compression, RecordItem } from "../types.js";
import { prepareEmitDir } from "./emit-dir.js";
import { type EmitTree, pathInTree } from "./emit-paths.js";
import { loadZstdEncoder, OutputFile, type OutputStats, type ZstdEncoderFactory } from "./output-file.js";

/** Options of {@link EmitWriter.open}. */
export interface EmitWriterOptions {
  /** The emit directory. */
  dir: string;
  /** Replace an earlier run's output instead of refusing a non-empty directory. @default false */
  overwrite?: boolean;
  /** Directory entries to tolerate in the emptiness check (the default hits file). @default [] */
  ignore?: readonly string[];
  /** zstd encoder; null writes `.zst` inputs uncompressed. @default zstd-napi when it loads */
  zstd?: ZstdEncoderFactory;
}

/** One input's line in the manifest: `clean + flagged + errors = read`. */
export interface ManifestInput {
  source: string;
  path: string;
  read: number;
  clean: number;
  flagged: number;
  errors: number;
  /** Why the input could not be read to its end; the records before stand. */
  failed?: string;
}

/** One output file in the manifest. */
export interface ManifestFile extends OutputStats {
  /** POSIX path relative to the emit directory. */
  path: string;
  source: string;
  kind: EmitTree | "reasons";
}

/** `DIR/manifest.json`. */
export interface Manifest {
  schema: "selfid.manifest/1";
  /** False when the run stopped early (`--limit`). */
  complete: boolean;
  inputs: ManifestInput[];
  files: ManifestFile[];
}

/**
 * Writes `--emit` output (DESIGN §5): each record's raw bytes plus `\n` to `clean/` or `flagged/`,
 * unreadable lines to `errors/` with their reasons beside them, then `manifest.json`. Records must
 * carry `raw` (read with `keepRaw`).
 */
export class EmitWriter {
  readonly #dir: string;
  readonly #zstd: ZstdEncoderFactory;
  readonly #inputs: ManifestInput[] = [];
  readonly #files: ManifestFile[] = [];
  #open: InputEmitter | undefined;

  private constructor(dir: string, zstd: ZstdEncoderFactory) {
    this.#dir = dir;
    this.#zstd = zstd;
  }

  /** Checks (or clears, with `overwrite`) the directory; see {@link prepareEmitDir}. */
  static async open(options: EmitWriterOptions): Promise<EmitWriter> {
    await prepareEmitDir(options.dir, options.overwrite === true, options.ignore ?? []);
    return new EmitWriter(options.dir, options.zstd === undefined ? loadZstdEncoder() : options.zstd);
  }

  /** Starts an input; its outputs go to `TREE/<path>` (see `relativeOutputPath`). */
  begin(source: string, path: string): InputEmitter {
    // Checked up front: a hostile name fails before any byte is written for it.
    for (const tree of ["clean", "flagged", "errors"] as const) pathInTree(this.#dir, tree, path);
    const compression = compressionOf(source === "-" ? "" : source);
    const entry: ManifestInput = { source, path, read: 0, clean: 0, flagged: 0, errors: 0 };
    this.#inputs.push(entry);
    this.#open = new InputEmitter(this.#dir, entry, compression, this.#zstd, (file) =>
      this.#files.push(file),
    );
    return this.#open;
  }

  /** Writes the manifest; every input must have been ended. */
  async close(complete: boolean): Promise<Manifest> {
    const manifest: Manifest = {
      schema: "selfid.manifest/1",
      complete,
      inputs: this.#inputs,
      files: this.#files,
    };
    await writeFile(join(this.#dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }

  /** Removes the partial files of the input being written (a run that failed). */
  async abort(): Promise<void> {
    await this.#open?.abort();
  }
}

/** The outputs of one input. */
export class InputEmitter {
  readonly #outputs = new Map<EmitTree | "reasons", OutputFile>();

  constructor(
    private readonly dir: string,
    private readonly entry: ManifestInput,
    private readonly compression: Compression,
    private readonly zstd: ZstdEncoderFactory,
    private readonly onFile: (file: ManifestFile) => void,
  ) {}

  /** Writes a record to `clean/` or `flagged/`, or an error item to `errors/` with its reason. */
  async write(item: RecordItem, flagged: boolean): Promise<void> {
    this.entry.read++;
    if (item.type === "error") {
      this.entry.errors++;
      if (item.raw) await this.#line("errors", item.raw);
      const reason = {
        line: item.line ?? item.index + 1,
        message: item.message,
        kept: item.raw !== undefined,
      };
      await this.#line("reasons", new TextEncoder().encode(JSON.stringify(reason)));
      return;
    }
    if (item.raw === undefined) throw new Error("emit: record without raw bytes (read it with keepRaw)");
    if (flagged) this.entry.flagged++;
    else this.entry.clean++;
    await this.#line(flagged ? "flagged" : "clean", item.raw);
  }

  /** Records why the input stopped early. */
  fail(message: string): void {
    this.entry.failed = message;
  }

  /** Closes and renames this input's files, adding them to the manifest. */
  async end(): Promise<void> {
    for (const [kind, file] of this.#outputs) {
      const stats = await file.close();
      const path = relative(this.dir, file.path).split(sep).join("/");
      this.onFile({ path, source: this.entry.source, kind, ...stats });
    }
    this.#outputs.clear();
  }

  /** Removes this input's partial files. */
  async abort(): Promise<void> {
    for (const file of this.#outputs.values()) await file.abort();
    this.#outputs.clear();
  }

  async #line(kind: EmitTree | "reasons", bytes: Uint8Array): Promise<void> {
    let file = this.#outputs.get(kind);
    if (file === undefined) {
      file = await this.#create(kind);
      this.#outputs.set(kind, file);
    }
    const wait = file.writeLine(bytes);
    if (wait) await wait;
  }

  #create(kind: EmitTree | "reasons"): Promise<OutputFile> {
    const { path } = this.entry;
    if (kind === "reasons") {
      return OutputFile.open(
        pathInTree(this.dir, "errors", `${stripCompressionSuffix(path)}.reasons.jsonl`),
        "none",
        null,
      );
    }
    // Without a zstd encoder, `.zst` inputs come out plain, and their names say so.
    const plain = this.compression === "zstd" && this.zstd === null;
    const name = plain ? stripCompressionSuffix(path) : path;
    return OutputFile.open(pathInTree(this.dir, kind, name), plain ? "none" : this.compression, this.zstd);
  }
}
