import { createHash } from "node:crypto";
import { UsageError } from "../errors.js";
import type { ShardSpec } from "../plan/shard-plan.js";
import { formatOf } from "../records/format.js";
import type { Report } from "../report/report-schema.js";
import type { Source } from "../sources/source.js";
import type { InputFormat } from "../types.js";
import { VERSION } from "../version.js";
import { normalOutputPath, pathInTree, relativeOutputPath } from "./emit-paths.js";
import type { EmitOptions, PlannedInput } from "./emit-writer.js";

/**
 * Longest name of one output path segment, in UTF-8 bytes: file systems allow 255, and the writer
 * adds to it (`.NAME.partial`, `-00001` shard numbers, `.reasons.jsonl`, a compression suffix).
 */
const MAX_SEGMENT_BYTES = 200;

/** Identifies an emitting run's settings: `--resume` continues only a run with the same ones. */
export function emitFingerprint(
  patternHash: string,
  reportOptions: Report["options"],
  emit: EmitOptions,
  planned: Map<Source, PlannedInput>,
): string {
  const settings = {
    version: VERSION,
    patternHash,
    reportOptions,
    emit: [
      emit.compression ?? "same",
      emit.format ?? "same",
      emit.maxShardBytes ?? null,
      emit.annotate === true,
    ],
    inputs: [...planned.values()].map((input) => [input.source, input.path]),
  };
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

/**
 * Where each source's `--emit` output goes, as normalised relative paths. Refuses (a
 * `UsageError`), before anything is read or written, two inputs that would share an output path,
 * or one that would leave the emit directory.
 */
export function planEmit(
  sources: readonly Source[],
  options: {
    /** The inputs as given, which output paths are relative to. */
    inputs: readonly string[];
    format?: InputFormat | undefined;
    textUnit?: "line" | "file" | undefined;
    /** The emit directory (a shard's own). */
    dir: string;
  },
): Map<Source, PlannedInput> {
  const { inputs, format: formatOverride, textUnit, dir } = options;
  const planned = new Map<Source, PlannedInput>();
  const owners = new Map<string, string>();
  for (const source of sources) {
    let format: InputFormat;
    try {
      format = formatOf(source.uri, formatOverride);
    } catch {
      // An unknown format is counted as a failed input by the scan; it writes nothing.
      format = "jsonl";
    }
    // Compared once normalised: `a//b.jsonl` and `a/b.jsonl` are one file on disk.
    const path = normalOutputPath(relativeOutputPath(source.uri, inputs, format));
    pathInTree(dir, "clean", path);
    if (path.split("/").some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
      throw new UsageError(
        `--emit: output path ${JSON.stringify(path)} of ${source.uri} has a name longer than ${MAX_SEGMENT_BYTES} bytes, too long to write with its suffixes`,
      );
    }
    const other = owners.get(path);
    if (other !== undefined) {
      throw new UsageError(`--emit: inputs ${other} and ${source.uri} would both be written to ${path}`);
    }
    owners.set(path, source.uri);
    const wholeFile = format === "txt" && textUnit === "file";
    planned.set(source, {
      source: source.uri,
      path,
      format,
      size: source.size ?? null,
      ...(wholeFile ? { wholeFile } : {}),
    });
  }
  return planned;
}

/** `shard-00003-of-00016`: where shard 3 of 16 writes its `--emit` output under DIR. */
export function shardDirName(shard: ShardSpec): string {
  const pad = (n: number) => String(n).padStart(5, "0");
  return `shard-${pad(shard.index)}-of-${pad(shard.count)}`;
}
