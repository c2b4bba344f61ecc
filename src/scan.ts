import type { Readable } from "node:stream";
import { compressionOf } from "./decode/compression-of.js";
import { pathInTree, relativeOutputPath } from "./emit/emit-paths.js";
import { EmitWriter, type InputEmitter } from "./emit/emit-writer.js";
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
   * Write clean and flagged records, and unreadable lines, under `dir` (DESIGN §5; JSONL and `.txt`
   * line inputs only so far). A non-empty `dir` is refused unless `overwrite`; `ignore` names
   * entries the caller put there itself (the default hits file).
   */
  emit?: { dir: string; overwrite?: boolean; ignore?: readonly string[] };
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
  const outputPaths = options.emit ? planEmit(sources, options) : undefined;
  const patternSet = options.patternSet ?? loadPatterns({ paths: [...(options.patterns ?? [])] });
  const matcher = createMatcher(patternSet, { ignore: options.ignore ?? [] });

  const tally = new Tally();
  const context: RecordContext = { matcher, fields, roles, flagKinds, onHit: options.onHit };
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let failedInputs = 0;
  const emitter =
    options.emit &&
    (await EmitWriter.open({
      dir: options.emit.dir,
      ...(options.emit.overwrite ? { overwrite: true } : {}),
      ...(options.emit.ignore ? { ignore: options.emit.ignore } : {}),
    }));
  try {
    for (const source of sources) {
      if (remaining <= 0) break;
      const input = tally.addInput(source.uri, options.format ?? "unknown", compressionOf(source.uri));
      let format: InputFormat;
      try {
        format = formatOf(source.uri, options.format);
        input.format = format;
      } catch (error) {
        if (options.strict || !(error instanceof InputError)) throw error;
        failedInputs++;
        tally.addError(input, { source: source.uri, message: error.message });
        continue;
      }
      const emit: InputEmitter | undefined = emitter
        ? emitter.begin(source.uri, outputPaths?.get(source) as string)
        : undefined;
      try {
        const records = readRecords(source, {
          ...(emit ? { keepRaw: true } : {}),
          format,
          textUnit: options.textUnit ?? "line",
          fields: options.fields,
          ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
          onBytes: (n: number) => {
            input.bytes += n;
          },
        });
        for await (const item of records) {
          if (item.type === "error") {
            const entry = {
              source: source.uri,
              record: item.index,
              message: item.message,
              ...position(item),
            };
            tally.addError(input, entry);
            if (emit) await emit.write(item, false);
            if (options.strict) {
              throw new InputError(`${describe(source.uri, item)}: ${item.message}`, source.uri);
            }
          } else {
            const flagged = scanRecord(context, tally, input, source.uri, item);
            if (emit) await emit.write(item, flagged);
          }
          if (--remaining <= 0) break;
        }
      } catch (error) {
        if (options.strict || !(error instanceof InputError)) throw error;
        failedInputs++;
        tally.addError(input, { source: source.uri, message: error.message });
        emit?.fail(error.message);
      }
      await emit?.end();
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
    options: {
      roles: [...roles],
      flagKinds: [...flagKinds],
      ignore: [...(options.ignore ?? [])],
      fields: options.fields ?? null,
      format: options.format ?? null,
      textUnit: options.textUnit ?? "line",
      limit: options.limit ?? null,
    },
    complete: remaining > 0,
    ...tally.toSections(),
  };
  return { report, failedInputs };
}

interface RecordContext {
  matcher: Matcher;
  fields: FieldPath[] | undefined;
  roles: ReadonlySet<Role>;
  flagKinds: ReadonlySet<HitKind>;
  onHit: ((hit: Hit) => void) | undefined;
}

function scanRecord(
  ctx: RecordContext,
  tally: Tally,
  input: Parameters<Tally["addRecord"]>[0],
  source: string,
  item: { value: unknown; index: number; line?: number },
): boolean {
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
  for (const { hit } of hits) ctx.onHit?.(hit);
  const lang = detectLanguage(documentText(segments));
  tally.addRecord(input, { lang, hits, flagged, hasText: segments.length > 0 });
  return flagged;
}

/**
 * Where each source's `--emit` output goes. Refuses, before anything is read or written, formats
 * this increment cannot emit yet and two inputs that would share an output path.
 */
function planEmit(sources: readonly Source[], options: ScanOptions): Map<Source, string> {
  const paths = new Map<Source, string>();
  const owners = new Map<string, string>();
  for (const source of sources) {
    let format: InputFormat;
    try {
      format = formatOf(source.uri, options.format);
    } catch {
      // An unknown format is counted as a failed input by the scan; it writes nothing.
      format = "jsonl";
    }
    if (format === "json" || format === "parquet" || (format === "txt" && options.textUnit === "file")) {
      const what =
        format === "txt" ? ".txt with --text-unit file" : format === "json" ? "a JSON array" : "Parquet";
      throw new UsageError(
        `--emit: ${source.uri} is ${what}, which --emit does not support yet (JSONL and .txt lines only)`,
      );
    }
    const path = relativeOutputPath(source.uri, options.inputs, format);
    pathInTree((options.emit as { dir: string }).dir, "clean", path);
    const other = owners.get(path);
    if (other !== undefined) {
      throw new UsageError(`--emit: inputs ${other} and ${source.uri} would both be written to ${path}`);
    }
    owners.set(path, source.uri);
    paths.set(source, path);
  }
  return paths;
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
