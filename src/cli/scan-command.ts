import { constants } from "node:os";
import { resolve } from "node:path";
import { Command, Option } from "commander";
import type { EmitOptions } from "../emit/emit-writer.js";
import { createGithubAnnotator, type GithubAnnotator } from "../report/format-github.js";
import type { ScanOptions } from "../scan.js";
import type { HubOptions } from "../sources/hub-client.js";
import { isHubUri } from "../sources/hub-uri.js";
import { DEFAULT_FLAG_KINDS, HIT_KINDS, type HitKind, type InputFormat } from "../types.js";
import type { CommandContext } from "./context.js";
import { addGateOptions, GATES_HELP, type GateFlags, resolveGatePlan } from "./gate-options.js";
import { collect, parseByteSize } from "./option-parsers.js";
import { checkWritable, closeOutput, openOutput, removeOutput } from "./output-files.js";
import { progressFromFlags } from "./progress.js";
import {
  addReportOutputOptions,
  deliverReport,
  type ReportOutputFlags,
  resolveReportOutputs,
} from "./report-output.js";
import { ResumeLog } from "./resume-log.js";
import { resolveShard } from "./shard-option.js";

interface ScanFlags extends GateFlags, ReportOutputFlags {
  field: string[];
  roles?: string;
  flagKinds?: string;
  ignore: string[];
  patterns: string[];
  inputFormat?: InputFormat;
  textUnit: "line" | "file";
  hits?: string;
  limit?: string;
  maxRecordBytes?: string;
  parquetStallTimeout?: string;
  strict?: boolean;
  token?: string;
  hubConcurrency?: string;
  split?: string;
  config?: string;
  emit?: string;
  overwrite?: boolean;
  resume?: boolean;
  emitCompression?: "same" | "none" | "gzip" | "zstd";
  emitFormat?: "same" | "jsonl";
  maxShardBytes?: string;
  emitAnnotate?: boolean;
  progress?: boolean;
  progressInterval?: string;
  workers?: string;
  shard?: string;
  shardCount?: string;
  taskBytes?: string;
}

const EXAMPLES = `
Examples:
  $ selfid scan data/                              scan every data file under data/
  $ selfid scan "shards/*.jsonl.zst" --json report.json --hits hits.jsonl
  $ cat train.jsonl | selfid scan - --format markdown
  $ selfid scan sft.jsonl --ignore alibaba         you train Qwen: its own name is not contamination
  $ selfid scan corpus.txt --text-unit file        one record per .txt file instead of per line
  $ selfid scan sft.jsonl --field "messages[].content" --roles assistant
  $ selfid scan data/ --emit filtered/              clean and flagged copies of data/, byte for byte
  $ selfid scan data/ --emit out/ --resume --max-shard-bytes 1GB --emit-compression zstd
                                                   continue an interrupted run; 1 GB zstd shards
  $ selfid scan data/ --fail-above 0.001           CI gate: exit 1 when more than 0.1% is flagged
  $ selfid scan data/ --fail-above zh=1e-4,en=0.001 --fail-above-family openai=0
                                                   gates per document language, and no OpenAI claim at all
  $ selfid scan data/ --baseline main.json --fail-on-new --json new.json
                                                   a dataset update: exit 1 when it adds findings
                                                   (per family × language) beyond main.json; the diff
                                                   is printed after the table
  $ selfid scan "hf://datasets/owner/name@main/data/*.jsonl.zst"
                                                   stream a Hub dataset's files (HF_TOKEN for gated ones)
  $ selfid scan hf://datasets/owner/name --split train
                                                   the dataset viewer's Parquet conversion of one split
  $ selfid scan data/ --shard 3/8 --json r3.json --hits h3.jsonl
                                                   shard 3 of 8 (0 to 7) of a run over many machines;
                                                   then: selfid merge r*.json --json report.json
  $ sbatch --array=0-7 --wrap 'selfid scan data/ --shard auto --json r$SLURM_ARRAY_TASK_ID.json'

Record shapes are detected (text, messages, conversations, alpaca, prompt/response, chosen/rejected);
only assistant, system and role-less text can flag a record unless --roles says otherwise.
Hub inputs read HF_TOKEN (or --token; never printed) and HF_ENDPOINT (a mirror or private hub).
Progress goes to stderr, never stdout: a live line on a terminal; with --progress elsewhere, a line
"selfid: progress  BYTES / TOTAL  PCT%  …  ETA …" every 10 s (--progress-interval), the last "… done in …".
Shards: --shard I/N reads shard I (0-based) of N: the files, and 64 MiB ranges of big uncompressed
JSONL/text and Parquet files, cut into N contiguous stretches of about equal bytes, the same on
every machine.
selfid merge of all N reports gives the report of one run; the N hits files, concatenated in shard
order, its hits file. --shard auto takes the index and count of a Slurm job array
(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT), or JOB_COMPLETION_INDEX of a
Kubernetes Indexed Job with --shard-count N (or SELFID_SHARD_COUNT; either alone also shards).
With --emit DIR, shard I writes DIR/shard-0000I-of-0000N/ (clean/, flagged/, errors/, manifest,
hits); the shards' files of one input, concatenated in shard order, are one run's. Not with stdin
or --limit. --resume (with --json) lets a preempted shard skip the parts it finished.
${GATES_HELP}
Exit codes: 0 ok, 1 gate failed (--fail-above, --fail-above-family, --fail-on-new), 2 usage error
(a bad gate value, an unreadable --baseline) or an input that could not be read; 130 (SIGINT,
Ctrl-C) or 143 (SIGTERM): stopped early, the report of what was read is written with
"complete": false (a second signal ends at once); --emit leaves the input it was in as .partial
files and --resume continues.`;

/** `selfid scan`: the main job. Maps flags to {@link ScanOptions}, prints, decides the exit code. */
export function scanCommand(ctx: CommandContext): Command {
  const command = new Command("scan")
    .description("scan datasets for rival-model self-introductions and report them per language and family")
    .argument(
      "[inputs...]",
      "files, directories, quoted globs, - for stdin, or hf://datasets/OWNER/NAME[@REVISION][/PATH-OR-GLOB]",
    )
    .option(
      "--field <path>",
      'text field to scan, e.g. "messages[].content" (repeatable; default: detect)',
      collect,
      [],
    )
    .option(
      "--roles <list>",
      "roles whose text can flag a record: assistant,system,user,tool,none or all",
      undefined,
    )
    .option("--flag-kinds <list>", `kinds that flag a record (default: ${HIT_KINDS.slice(0, 4).join(",")})`)
    .option("--ignore <family>", "ignore a family, e.g. your own model's (repeatable)", collect, [])
    .option("--patterns <path>", "add a pattern file or directory (repeatable)", collect, [])
    .addOption(
      new Option("--input-format <format>", "input format instead of the file extension's").choices([
        "jsonl",
        "json",
        "txt",
        "parquet",
      ]),
    )
    .addOption(
      new Option("--text-unit <unit>", ".txt inputs: one record per line or per file")
        .choices(["line", "file"])
        .default("line"),
    );
  addReportOutputOptions(command, true)
    .option("--hits <file>", "write every finding as JSON lines")
    .option(
      "--emit <dir>",
      "write every record to DIR/clean/, DIR/flagged/ or DIR/errors/ in its input's format (JSONL and JSON byte for byte), with DIR/manifest.json and DIR/hits.jsonl",
    )
    .option("--overwrite", "--emit: replace an earlier run's output in DIR instead of refusing")
    .option(
      "--resume",
      "continue an interrupted run, skipping the inputs (or a shard's parts) it finished: with --emit from DIR's checkpoint, else from REPORT.resume.jsonl beside --json REPORT (which also cuts --hits back)",
    )
    .addOption(
      new Option("--emit-compression <codec>", "--emit: compression of the outputs (same: as each input)")
        .choices(["same", "none", "gzip", "zstd"])
        .default("same"),
    )
    .addOption(
      new Option("--emit-format <format>", "--emit: jsonl writes JSON-array inputs as JSONL")
        .choices(["same", "jsonl"])
        .default("same"),
    )
    .option(
      "--max-shard-bytes <size>",
      "--emit: split outputs into numbered shards of about SIZE (e.g. 1GB, 512MiB; before compression)",
    )
    .option(
      "--emit-annotate",
      '--emit: add a "selfid" member with the findings to flagged JSON records (not byte-exact)',
    );
  return addGateOptions(command)
    .option("--limit <n>", "stop after N records")
    .option("--max-record-bytes <n>", "longest record accepted (default 64 MiB)")
    .option(
      "--parquet-stall-timeout <seconds>",
      "a Parquet file whose decoder shows no progress this long fails as corrupt (default 30, plus 1 per MB of a row group)",
    )
    .option(
      "--workers <n>",
      "worker threads (default: one per core for 64 MiB of input or more, else 1); same results with any number",
    )
    .option(
      "--shard <I/N|auto>",
      "read only shard I (0-based) of N of the inputs, for a run over many machines (see Shards below)",
    )
    .option(
      "--shard-count <n>",
      "shard count, with the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (default: SELFID_SHARD_COUNT)",
    )
    .addOption(
      new Option(
        "--task-bytes <size>",
        "bytes per task of a big file; the same for every shard (tests)",
      ).hideHelp(),
    )
    .option("--strict", "stop at the first unreadable record or input (exit 2)")
    .option(
      "-q, --quiet",
      "print nothing on stdout and no progress, even with --progress (files and exit code only)",
    )
    .option(
      "--progress",
      "progress on stderr: a live line on a terminal (the default there), plain lines elsewhere",
    )
    .option("--no-progress", "no progress line, even on a terminal")
    .option(
      "--progress-interval <seconds>",
      "seconds between plain progress lines (default 10; implies --progress)",
    )
    .option("--token <token>", "Hugging Face access token for hf:// inputs (default: HF_TOKEN)")
    .option("--hub-concurrency <n>", "hf:// requests in flight at once (default 2)")
    .option("--split <name>", "hf:// inputs: read this split of the dataset viewer's Parquet conversion")
    .option("--config <name>", "hf:// inputs: the config of --split (default: default)")
    .addHelpText("after", EXAMPLES)
    .action(async (inputs: string[], flags: ScanFlags) => {
      // Loaded on use: the scan pipeline (language models, decoders) is not needed by other commands.
      const { scan } = await import("../scan.js");
      const { parseRoles } = await import("../fields/roles.js");
      if (inputs.length === 0)
        ctx.usage("scan: give at least one input (a file, directory, glob, or - for stdin)");
      const progress = progressFromFlags(ctx, flags);
      const options: ScanOptions = {
        inputs,
        ignore: flags.ignore.flatMap(splitList),
        patterns: flags.patterns.map((p) => resolve(ctx.cwd, p)),
        textUnit: flags.textUnit,
        cwd: ctx.cwd,
        strict: flags.strict === true,
      };
      if (flags.field.length > 0) options.fields = flags.field;
      if (flags.roles !== undefined) options.roles = parseRoles(flags.roles);
      if (flags.flagKinds !== undefined) options.flagKinds = parseKinds(ctx, flags.flagKinds);
      if (flags.inputFormat) options.format = flags.inputFormat;
      if (flags.limit !== undefined) options.limit = parseCount(ctx, "--limit", flags.limit);
      if (flags.workers !== undefined) options.workers = parseCount(ctx, "--workers", flags.workers);
      if (flags.maxRecordBytes !== undefined) {
        options.maxRecordBytes = parseCount(ctx, "--max-record-bytes", flags.maxRecordBytes);
      }
      if (flags.parquetStallTimeout !== undefined) {
        options.parquetStallMs =
          parseSeconds(ctx, "--parquet-stall-timeout", flags.parquetStallTimeout) * 1000;
      }
      if (flags.taskBytes !== undefined)
        options.taskBytes = parseByteSize(ctx, "--task-bytes", flags.taskBytes);
      const shard = resolveShard(flags, ctx.env);
      if (shard) {
        if (flags.limit !== undefined)
          ctx.usage("--limit cannot be used with --shard: a limit has no meaning across shards");
        if (inputs.includes("-")) {
          ctx.usage(
            "--shard cannot read stdin (-): every shard must know the size of every input up front; give files",
          );
        }
        options.shard = { index: shard.index, count: shard.count };
        if (shard.origin !== undefined && !flags.quiet) {
          ctx.err(`selfid: shard ${shard.index} of ${shard.count} (${shard.origin})\n`);
        }
      }
      const gates = await resolveGatePlan(ctx, flags, {
        // Gated families are checked against the run's own pattern set, loaded once for both.
        families: async () => {
          const { loadPatterns } = await import("../match/load-patterns.js");
          options.patternSet = loadPatterns({ paths: [...(options.patterns ?? [])] });
          return new Set(options.patternSet.families.keys());
        },
      });
      if (ctx.stdin) options.stdin = ctx.stdin;
      // A signal stops the scan; so does an output that cannot be written (a full disk).
      const failing = new AbortController();
      options.signal = ctx.signal ? AbortSignal.any([ctx.signal, failing.signal]) : failing.signal;
      const onOutputFailure = () => failing.abort();
      if (inputs.some(isHubUri)) options.hub = hubOptions(ctx, flags);
      else if (flags.split !== undefined || flags.config !== undefined) {
        ctx.usage("--split and --config apply to hf://datasets/… inputs only");
      }

      const paths = await resolveReportOutputs(ctx, flags);
      const { jsonPath } = paths;
      const hitsPath = flags.hits ? resolve(ctx.cwd, flags.hits) : undefined;
      if (flags.emit !== undefined) options.emit = emitOptions(ctx, flags, hitsPath);
      else {
        for (const flag of ["overwrite", "maxShardBytes", "emitAnnotate"] as const) {
          if (flags[flag] !== undefined) ctx.usage(`--${kebab(flag)} applies to --emit only`);
        }
        if (flags.emitCompression !== "same") ctx.usage("--emit-compression applies to --emit only");
        if (flags.emitFormat !== "same") ctx.usage("--emit-format applies to --emit only");
      }
      if (hitsPath) await checkWritable("--hits", hitsPath);
      // --resume without --emit: a log beside the report, which also keeps the hits file.
      const resumeLog = flags.resume && !options.emit ? resumeLogFor(ctx, jsonPath, hitsPath) : undefined;
      if (resumeLog) {
        options.checkpoint = resumeLog;
        options.onHit = (hit) => resumeLog.hit(hit);
      }
      // With --emit the emit writer keeps the hits file itself (--resume continues it).
      const hitsOut =
        hitsPath && !options.emit && !resumeLog
          ? await openOutput("--hits", hitsPath, false, onOutputFailure)
          : undefined;
      if (hitsOut) options.onHit = (hit) => hitsOut.write(`${JSON.stringify(hit)}\n`);
      const annotator = githubAnnotator(ctx, flags, options);
      if (progress) {
        options.onProgress = (p) => progress.update(p);
        options.progressEveryMs = progress.everyMs;
      }
      let result: Awaited<ReturnType<typeof import("../scan.js").scan>>;
      try {
        result = await scan(options);
      } finally {
        progress?.end();
        if (hitsOut) {
          // A hits file cut short by a full disk would look complete: it goes.
          await closeOutput(hitsOut).catch(async (error) => {
            await removeOutput(String(hitsOut.path));
            throw error;
          });
        }
        await resumeLog?.close();
      }
      const { report } = result;
      if (result.failedInputs > 0) {
        ctx.err(
          `selfid: ${result.failedInputs} input(s) could not be read to the end; see the errors in the report\n`,
        );
        ctx.setExitCode(2);
      }
      // Interrupted, what was read is reported, marked incomplete; gates on part of the data would
      // mislead.
      await deliverReport(ctx, report, {
        paths,
        flags,
        gates: result.interrupted ? undefined : gates,
        label: "this scan",
        annotations: annotator?.end(),
      });
      if (result.interrupted) {
        const name = typeof ctx.signal?.reason === "string" ? ctx.signal.reason : "SIGINT";
        const where = flags.json !== undefined ? `written to ${flags.json}` : "printed";
        ctx.err(`selfid: interrupted by ${name}: partial report ${where} (complete: false)\n`);
        ctx.setExitCode(interruptedExitCode(name));
      }
    });
}

/**
 * `--format github`: annotations of the findings as the scan finds them (kept up to the limit),
 * next to whatever else receives the hits.
 */
function githubAnnotator(
  ctx: CommandContext,
  flags: ScanFlags,
  options: ScanOptions,
): GithubAnnotator | undefined {
  if (flags.format !== "github" || flags.quiet) return undefined;
  const annotator = createGithubAnnotator({
    workspace: ctx.env.GITHUB_WORKSPACE ?? ctx.cwd,
    cwd: ctx.cwd,
    flagKinds: options.flagKinds ?? DEFAULT_FLAG_KINDS,
  });
  const previous = options.onHit;
  options.onHit = previous
    ? (hit) => {
        previous(hit);
        annotator.add(hit);
      }
    : (hit) => annotator.add(hit);
  return annotator;
}

/** The resume log of a scan without `--emit`: `REPORT.resume.jsonl` beside the `--json` report. */
function resumeLogFor(
  ctx: CommandContext,
  jsonPath: string | undefined,
  hitsPath: string | undefined,
): ResumeLog {
  if (jsonPath === undefined) {
    ctx.usage(
      "--resume without --emit needs --json FILE: its log is kept beside the report (FILE.resume.jsonl)",
    );
  }
  return new ResumeLog(`${jsonPath}.resume.jsonl`, hitsPath);
}

/** `--emit` and its companions as {@link EmitOptions}. */
function emitOptions(ctx: CommandContext, flags: ScanFlags, hitsPath: string | undefined): EmitOptions {
  if (flags.overwrite && flags.resume) ctx.usage("--overwrite and --resume contradict each other: pick one");
  const emit: EmitOptions = { dir: resolve(ctx.cwd, flags.emit as string) };
  if (flags.overwrite) emit.overwrite = true;
  if (flags.resume) emit.resume = true;
  if (flags.emitCompression && flags.emitCompression !== "same") emit.compression = flags.emitCompression;
  if (flags.emitFormat === "jsonl") emit.format = "jsonl";
  if (flags.maxShardBytes !== undefined)
    emit.maxShardBytes = parseByteSize(ctx, "--max-shard-bytes", flags.maxShardBytes);
  if (flags.emitAnnotate) emit.annotate = true;
  if (hitsPath) emit.hitsPath = hitsPath;
  return emit;
}

/** 128 + the signal's number, as a shell reports a process the signal ended: 130 SIGINT, 143 SIGTERM. */
export function interruptedExitCode(signal: string): number {
  return 128 + (constants.signals[signal as NodeJS.Signals] ?? constants.signals.SIGINT);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Hub settings from flags and the environment: `HF_ENDPOINT` (mirrors, private hubs) and `HF_TOKEN`,
 * which `@huggingface/hub` does not read itself. `--token` wins over `HF_TOKEN`.
 */
function hubOptions(ctx: CommandContext, flags: ScanFlags): HubOptions {
  const hub: HubOptions = {};
  const endpoint = ctx.env.HF_ENDPOINT;
  if (endpoint) hub.endpoint = endpoint;
  const token = flags.token ?? ctx.env.HF_TOKEN;
  if (token) hub.token = token;
  if (flags.hubConcurrency !== undefined) {
    hub.concurrency = parseCount(ctx, "--hub-concurrency", flags.hubConcurrency);
  }
  if (flags.split !== undefined) hub.split = flags.split;
  if (flags.config !== undefined) hub.config = flags.config;
  return hub;
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseKinds(ctx: CommandContext, value: string): HitKind[] {
  const kinds = splitList(value);
  for (const kind of kinds) {
    if (!(HIT_KINDS as readonly string[]).includes(kind)) {
      ctx.usage(`--flag-kinds ${kind}: unknown kind; expected some of ${HIT_KINDS.join(", ")}`);
    }
  }
  return kinds as HitKind[];
}

function parseSeconds(ctx: CommandContext, flag: string, value: string): number {
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    ctx.usage(`${flag} ${value}: expected a number of seconds above 0, e.g. 120`);
  }
  return seconds;
}

function parseCount(ctx: CommandContext, flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) ctx.usage(`${flag} ${value}: expected a positive whole number`);
  return n;
}
