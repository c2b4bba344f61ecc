import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { FileMetaData } from "hyparquet";
import { compressionOf } from "./decode/compression-of.js";
import { pathInTree, relativeOutputPath } from "./emit/emit-paths.js";
import { type EmitOptions, EmitWriter, type InputEmitter, type PlannedInput } from "./emit/emit-writer.js";
import { InputError, UsageError } from "./errors.js";
import { extractSegments } from "./fields/extract-segments.js";
import { type FieldPath, parseFieldPath } from "./fields/field-path.js";
import { DEFAULT_FLAG_ROLES } from "./fields/roles.js";
import { detectLanguage, documentText } from "./langid/detect-language.js";
import { loadPatterns, type PatternSet } from "./match/load-patterns.js";
import { createMatcher, type Matcher } from "./match/matcher.js";
import { formatOf } from "./records/format.js";
import { readRecords } from "./records/read-records.js";
import type { Report } from "./report/report-schema.js";
import { expandInputs } from "./sources/expand-inputs.js";
import type { HubOptions } from "./sources/hub-client.js";
import type { Source } from "./sources/source.js";
import { type HitInText, Tally } from "./tally/tally.js";
import { DEFAULT_FLAG_KINDS, type Hit, type HitKind, type InputFormat, type Role } from "./types.js";
import { VERSION } from "./version.js";

/** Options of {@link scan}; the CLI's `selfid scan` flags map onto these one to one. */
export interface ScanOptions {
  /** Files, directories, quoted globs, or `-` for stdin. */
  inputs: string[];
  /** Text fields to scan (`messages[].content`); @default detect the record shape */
  fields?: string[];
  /** Roles whose text can flag a record. @default ["assistant", "system", "none"] */
  roles?: readonly Role[];
  /** Kinds that flag a record. @default self-claim, creator-claim, basis-claim, system-persona */
  flagKinds?: readonly HitKind[];
  /** Families to ignore (your own model's). @default [] */
  ignore?: readonly string[];
  /** Extra pattern files or directories. @default [] */
  patterns?: readonly string[];
  /** A pattern set already loaded (overrides `patterns`). */
  patternSet?: PatternSet;
  /** Input format, instead of the one the extension gives. */
  format?: InputFormat;
  /** `.txt` inputs: a record per line, or the whole file. @default "line" */
  textUnit?: "line" | "file";
  /** Stop after this many records in all. */
  limit?: number;
  /** Stop at the first unreadable record or input. @default false */
  strict?: boolean;
  /** Called for each hit, in input and text order (for the hits file). */
  onHit?: (hit: Hit) => void;
  /** Standard input, for `-`. */
  stdin?: Readable;
  /** Resolves relative inputs. @default process.cwd() */
  cwd?: string;
  /** Longest record accepted, in bytes. @default 64 MiB */
  maxRecordBytes?: number;
  /** `hf://` inputs: endpoint, token, concurrency, split (never written to the report). */
  hub?: HubOptions;
  /**
   * Write every record read to `clean/`, `flagged/` or `errors/` under `emit.dir`, in its input's
   * format, with the hits file and `manifest.json` (DESIGN §5; see {@link EmitOptions}).
   */
  emit?: EmitOptions;
}

/** What {@link scan} returns. */
export interface ScanResult {
  report: Report;
  /** Inputs that could not be read to their end. */
  failedInputs: number;
}

/**
 * Scans inputs for rival-model self-introductions and returns the report (DESIGN §3). Never prints.
 * A malformed record is counted as an error and the scan goes on; an input that cannot be read is
 * counted as failed and the scan goes on; with `strict`, either throws an {@link InputError}.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const fields = options.fields?.map(parseFieldPath);
  const roles = new Set<Role>(options.roles ?? DEFAULT_FLAG_ROLES);
  const flagKinds = new Set<HitKind>(options.flagKinds ?? DEFAULT_FLAG_KINDS);
  // Inputs first: a missing file or dataset should fail before the library compiles (seconds).
  const sources = await expandInputs(options.inputs, {
    cwd: options.cwd ?? process.cwd(),
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.hub ? { hub: options.hub } : {}),
  });
  const planned = options.emit ? planEmit(sources, options) : undefined;
  const patternSet = options.patternSet ?? loadPatterns({ paths: [...(options.patterns ?? [])] });
  const matcher = createMatcher(patternSet, { ignore: options.ignore ?? [] });
  const reportOptions: Report["options"] = {
    roles: [...roles],
    flagKinds: [...flagKinds],
    ignore: [...(options.ignore ?? [])],
    fields: options.fields ?? null,
    format: options.format ?? null,
    textUnit: options.textUnit ?? "line",
    limit: options.limit ?? null,
  };
  const emitter =
    options.emit && planned
      ? await EmitWriter.open(
          options.emit,
          [...planned.values()],
          fingerprint(patternSet.hash, reportOptions, options.emit, planned),
        )
      : undefined;
  const onHit =
    emitter && options.onHit
      ? (hit: Hit) => {
          emitter.hit(hit);
          options.onHit?.(hit);
        }
      : emitter
        ? (hit: Hit) => emitter.hit(hit)
        : options.onHit;

  const tally = new Tally();
  const context: RecordContext = { matcher, fields, roles, flagKinds, onHit };
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let failedInputs = 0;
  try {
    for (const source of sources) {
      if (remaining <= 0) break;
      const earlier = emitter?.finishedEarlier(source.uri);
      if (earlier) {
        // --resume: this input's outputs are complete; its counts come from the checkpoint.
        tally.absorb(earlier.sections);
        remaining -= earlier.input.read;
        failedInputs += earlier.sections.inputs.filter((input) => input.failed).length;
        continue;
      }
      // Each input is counted apart, then added: the checkpoint keeps its part for --resume.
      const part = new Tally();
      const emit = emitter?.begin(planned?.get(source) as PlannedInput);
      const outcome = await scanInput(source, part, context, options, remaining, emit);
      remaining = outcome.remaining;
      if (outcome.failed) failedInputs++;
      const sections = part.toSections();
      await emit?.end(sections);
      tally.absorb(sections);
    }
  } catch (error) {
    await emitter?.abort();
    throw error;
  }
  if (emitter) await emitter.close(remaining > 0);

  const report: Report = {
    schema: "selfid.report/1",
    tool: { name: "selfid", version: VERSION },
    patternSet: {
      id: patternSet.id,
      hash: patternSet.hash,
      templates: matcher.templateCount,
      families: matcher.families.length,
    },
    options: reportOptions,
    complete: remaining > 0,
    ...tally.toSections(),
  };
  return { report, failedInputs };
}

/**
 * Reads one input into `tally` (and `emit`), counting down `remaining` (`--limit`). An unreadable
 * record is an error and reading goes on; an input that cannot be read to its end is failed, and
 * the records before stand. With `strict`, either throws.
 */
async function scanInput(
  source: Source,
  tally: Tally,
  ctx: RecordContext,
  options: ScanOptions,
  remaining: number,
  emit: InputEmitter | undefined,
): Promise<{ remaining: number; failed: boolean }> {
  const input = tally.addInput(source.uri, options.format ?? "unknown", compressionOf(source.uri));
  let format: InputFormat;
  try {
    format = formatOf(source.uri, options.format);
    input.format = format;
  } catch (error) {
    if (options.strict || !(error instanceof InputError)) throw error;
    tally.addError(input, { source: source.uri, message: error.message });
    emit?.fail(error.message);
    return { remaining, failed: true };
  }
  try {
    const records = readRecords(source, {
      ...(emit
        ? {
            keepRaw: true,
            // Over-size lines spill beside the outputs they are copied to, not into a RAM-backed /tmp.
            spillDir: (options.emit as EmitOptions).dir,
            onParquetMetadata: (metadata: FileMetaData) => emit.parquetMetadata(metadata),
          }
        : {}),
      format,
      textUnit: options.textUnit ?? "line",
      fields: options.fields,
      ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
      onBytes: (n: number) => {
        input.bytes += n;
      },
    });
    for await (const item of records) {
      let wait: Promise<void> | undefined;
      if (item.type === "error") {
        tally.addError(input, {
          source: source.uri,
          record: item.index,
          message: item.message,
          ...position(item),
        });
        wait = emit?.write(item, false);
        if (options.strict) {
          if (wait) await wait;
          throw new InputError(`${describe(source.uri, item)}: ${item.message}`, source.uri);
        }
      } else {
        const hits = scanRecord(ctx, tally, input, source.uri, item);
        wait = emit?.write(item, hits.flagged, hits.found);
      }
      // One await per record only when the output asks for it: most records need none.
      if (wait) await wait;
      if (--remaining <= 0) break;
    }
  } catch (error) {
    if (options.strict || !(error instanceof InputError)) throw error;
    tally.addError(input, { source: source.uri, message: error.message });
    emit?.fail(error.message);
    return { remaining, failed: true };
  }
  return { remaining, failed: false };
}

/** Identifies a run's settings: `--resume` continues only a run with the same ones. */
function fingerprint(
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

interface RecordContext {
  matcher: Matcher;
  fields: FieldPath[] | undefined;
  roles: ReadonlySet<Role>;
  flagKinds: ReadonlySet<HitKind>;
  onHit: ((hit: Hit) => void) | undefined;
}

/** Matches one record's text and counts it; returns whether it is flagged and its findings. */
function scanRecord(
  ctx: RecordContext,
  tally: Tally,
  input: Parameters<Tally["addRecord"]>[0],
  source: string,
  item: { value: unknown; index: number; line?: number },
): { flagged: boolean; found: Hit[] } {
  const { segments } = extractSegments(item.value, ctx.fields ? { fields: ctx.fields } : {});
  const hits: HitInText[] = [];
  let flagged = false;
  for (const segment of segments) {
    if (!ctx.roles.has(segment.role)) continue;
    for (const finding of ctx.matcher.match(segment.text, segment.role)) {
      const hit: Hit = { source, record: item.index, field: segment.field, role: segment.role, ...finding };
      if (item.line !== undefined) hit.line = item.line;
      const flagging = ctx.flagKinds.has(finding.kind);
      hits.push({ hit: orderHit(hit), text: segment.text, flagging });
      if (flagging) flagged = true;
    }
  }
  const found = hits.map(({ hit }) => hit);
  if (ctx.onHit) for (const hit of found) ctx.onHit(hit);
  const lang = detectLanguage(documentText(segments));
  tally.addRecord(input, { lang, hits, flagged, hasText: segments.length > 0 });
  return { flagged, found };
}

/**
 * Where each source's `--emit` output goes. Refuses, before anything is read or written, two inputs
 * that would share an output path, or one that would leave the emit directory.
 */
function planEmit(sources: readonly Source[], options: ScanOptions): Map<Source, PlannedInput> {
  const planned = new Map<Source, PlannedInput>();
  const owners = new Map<string, string>();
  for (const source of sources) {
    let format: InputFormat;
    try {
      format = formatOf(source.uri, options.format);
    } catch {
      // An unknown format is counted as a failed input by the scan; it writes nothing.
      format = "jsonl";
    }
    const path = relativeOutputPath(source.uri, options.inputs, format);
    pathInTree((options.emit as EmitOptions).dir, "clean", path);
    const other = owners.get(path);
    if (other !== undefined) {
      throw new UsageError(`--emit: inputs ${other} and ${source.uri} would both be written to ${path}`);
    }
    owners.set(path, source.uri);
    const wholeFile = format === "txt" && options.textUnit === "file";
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

/** Hits JSONL keys in the order DESIGN §2 shows them. */
function orderHit(hit: Hit): Hit {
  const { source, record, line, field, role, family, kind, lang, match, start, end, pattern } = hit;
  return line === undefined
    ? { source, record, field, role, family, kind, lang, match, start, end, pattern }
    : { source, record, line, field, role, family, kind, lang, match, start, end, pattern };
}

function position(item: { line?: number; byteOffset?: number }): { line?: number; byteOffset?: number } {
  const out: { line?: number; byteOffset?: number } = {};
  if (item.line !== undefined) out.line = item.line;
  if (item.byteOffset !== undefined) out.byteOffset = item.byteOffset;
  return out;
}

/** `data/a.jsonl line 12` / `data/a.json record 3` */
function describe(source: string, item: { index: number; line?: number }): string {
  return item.line !== undefined ? `${source} line ${item.line}` : `${source} record ${item.index}`;
}
