import type { ScanProgress } from "../scan-progress.js";
import type { CommandContext } from "./context.js";

/** Where progress goes: stderr, written at once (never stdout, which carries the report). */
export interface ProgressOutput {
  write(text: string): void;
  /** A terminal: one line rewritten in place. Otherwise a plain line every `intervalMs`. */
  live: boolean;
  /** The terminal's width: a longer live line would wrap, and `\r` could not rewrite it. */
  columns?: number | undefined;
  /** Least time between two plain lines. @default 10000 */
  intervalMs?: number;
}

/** Prints a scan's progress; {@link ProgressReporter.end} leaves the terminal on a fresh line. */
export interface ProgressReporter {
  /** How often it wants an update, in milliseconds (the scan's `progressEveryMs`). */
  everyMs: number;
  update(progress: ScanProgress): void;
  /** After the scan, done or failed: the report or an error must not land on the live line. */
  end(): void;
}

/** Default seconds between plain progress lines. */
export const DEFAULT_PROGRESS_INTERVAL_S = 10;

const CLEAR_TO_END = "\x1b[K";
/** A live line redrawn five times a second reads smoothly and costs nothing. */
const LIVE_EVERY_MS = 200;

/** `selfid scan`'s progress flags. */
export interface ProgressFlags {
  /** `--progress` (true) or `--no-progress` (false); undefined when neither is given. */
  progress?: boolean;
  /** `--progress-interval`: seconds between plain lines, as typed. @default "10" */
  progressInterval?: string;
  /** `--quiet`: no progress at all. */
  quiet?: boolean;
}

/**
 * The reporter the flags ask for, or none. On a terminal the live line is on unless `--quiet` or
 * `--no-progress`; elsewhere plain lines need `--progress` or `--progress-interval`. `--quiet`
 * wins over both: a quiet run prints no progress.
 */
export function progressFromFlags(
  ctx: Pick<CommandContext, "usage" | "errLive" | "stderrIsTTY" | "stderrColumns">,
  flags: ProgressFlags,
): ProgressReporter | undefined {
  const { progressInterval } = flags;
  if (progressInterval !== undefined && flags.progress === false) {
    ctx.usage("--progress-interval and --no-progress contradict each other: pick one");
  }
  let intervalMs: number | undefined;
  if (progressInterval !== undefined) {
    const seconds = Number(progressInterval);
    if (progressInterval.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
      ctx.usage(`--progress-interval ${progressInterval}: expected a number of seconds above 0, e.g. 30`);
    }
    intervalMs = seconds * 1000;
  }
  if (flags.quiet || flags.progress === false) return undefined;
  const wanted = flags.progress === true || intervalMs !== undefined;
  if (!ctx.stderrIsTTY && !wanted) return undefined;
  return createProgressReporter({
    write: (text) => ctx.errLive(text),
    live: ctx.stderrIsTTY,
    columns: ctx.stderrColumns,
    ...(intervalMs === undefined ? {} : { intervalMs }),
  });
}

/** A reporter writing live lines or plain ones to `output`. */
export function createProgressReporter(output: ProgressOutput): ProgressReporter {
  const intervalMs = output.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_S * 1000;
  let open = false;
  let nextAt = intervalMs;
  return {
    everyMs: output.live ? LIVE_EVERY_MS : Math.min(LIVE_EVERY_MS, intervalMs),
    update(progress) {
      if (output.live) {
        const line = formatLiveLine(progress);
        const fitted = output.columns ? line.slice(0, output.columns - 1) : line;
        output.write(`\r${fitted}${CLEAR_TO_END}${progress.done ? "\n" : ""}`);
        open = !progress.done;
      } else if (progress.done || progress.elapsedMs >= nextAt) {
        output.write(`${formatLogLine(progress)}\n`);
        nextAt = progress.elapsedMs + intervalMs;
      }
    },
    end() {
      if (open) output.write("\n");
      open = false;
    },
  };
}

/**
 * The terminal line: `scanning  1.2 GB / 4.0 GB  30%  12,345 rec/s  6.8 MB/s  findings 321  ETA 6m 51s`;
 * without a known total, no share and no ETA; at the end, `scanned  …  in 5m 24s`.
 */
export function formatLiveLine(p: ScanProgress): string {
  const rates = ratesOf(p);
  return [
    p.done ? "scanned" : "scanning",
    ...amount(p),
    `${formatCount(rates.records)} rec/s`,
    `${formatBytes(rates.bytes)}/s`,
    `findings ${formatCount(p.findings)}`,
    ...timing(p, rates.bytes, "in"),
  ].join("  ");
}

/**
 * The plain line for logs, one per interval, no timestamp (the log has its own), always starting
 * `selfid: progress`; the last one ends `done in 5m 24s`.
 */
export function formatLogLine(p: ScanProgress): string {
  const rates = ratesOf(p);
  return [
    "selfid: progress",
    ...amount(p),
    `inputs ${p.inputsDone}/${p.inputsTotal}`,
    `records ${formatCount(p.records)}`,
    `${formatCount(rates.records)} rec/s`,
    `${formatBytes(rates.bytes)}/s`,
    `findings ${formatCount(p.findings)}`,
    `flagged ${formatCount(p.flagged)}`,
    ...timing(p, rates.bytes, "done in"),
  ].join("  ");
}

/** `1.2 GB / 4.0 GB`, `30%`; only bytes when the total is unknown. */
function amount(p: ScanProgress): string[] {
  if (p.bytesTotal === null) return [formatBytes(p.bytesDone)];
  const share = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
  return [`${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}`, `${share}%`];
}

/** `ETA 6m 51s` while running with a known total; `<finished> 5m 24s` at the end. */
function timing(p: ScanProgress, bytesPerSecond: number, finished: string): string[] {
  if (p.done) return [`${finished} ${formatDuration(p.elapsedMs)}`];
  if (p.bytesTotal === null || bytesPerSecond <= 0) return [];
  const left = Math.max(0, p.bytesTotal - p.bytesDone);
  return [`ETA ${formatDuration((1000 * left) / bytesPerSecond)}`];
}

/** Per second of this run: an earlier run's inputs (`--resume`) arrived at once and are no rate. */
function ratesOf(p: ScanProgress): { records: number; bytes: number } {
  const seconds = p.elapsedMs / 1000;
  if (seconds <= 0) return { records: 0, bytes: 0 };
  return {
    records: (p.records - p.resumedRecords) / seconds,
    bytes: (p.bytesDone - p.resumedBytes) / seconds,
  };
}

const BYTE_UNITS = ["kB", "MB", "GB", "TB", "PB"];

/** `999 B`, `1.2 GB`: decimal units, as `--max-shard-bytes` reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 999.5) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = "B";
  for (const next of BYTE_UNITS) {
    if (value < 999.95) break;
    value /= 1000;
    unit = next;
  }
  return `${value.toFixed(1)} ${unit}`;
}

/** `12,345`: whole, with thousands separators whatever the locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `45s`, `6m 05s`, `2h 07m`: two units at most, so the line does not jitter. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
