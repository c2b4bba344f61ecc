/** Types of fuzz-property.mjs (plain JavaScript so that scripts/fuzz.mjs shares it). */

/** What one CLI invocation produced (the shape of `run`'s result). */
export interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on `argv` in `cwd`: `run` from src/ or dist/, or a spawned binary. */
export type RunCli = (argv: string[], cwd: string) => Promise<CliOutcome>;

/** One input of a scan, as the report gives it. */
export interface ReportInput {
  source: string;
  format: string;
  records: number;
  scanned: number;
  flagged: number;
  errors: number;
  failed: boolean;
}

/** The parts of a report the checks read. */
export interface CheckedReport {
  inputs: ReportInput[];
  totals: { records: number; scanned: number; errors: number; flagged: number };
  errors: { source: string; record?: number; line?: number; byteOffset?: number; message: string }[];
}

/** Options of {@link checkScan}. */
export interface CheckScanOptions {
  /** More scan options, e.g. `--max-record-bytes`. */
  args?: string[];
  /** Records planted per intact input: each must be scanned, with no error. */
  expected?: Record<string, number>;
  /** The record cap in force, for the line oracle. @default 64 MiB */
  maxRecordBytes?: number;
  /** Scan a second time and compare. @default true */
  twice?: boolean;
  /** Prefix of the report and emit names in `cwd`. @default "a" */
  tag?: string;
}

export declare const zstd: {
  compress(data: Uint8Array): Buffer;
  decompress(data: Uint8Array): Buffer;
} | null;
export declare const FUZZ_STALL_ARGS: readonly string[];
export declare const MUTATIONS: readonly string[];
export declare function prng(seed: number): () => number;
export declare function validRecord(rand: () => number, i: number): Record<string, unknown>;
export declare function jsonlOf(
  records: readonly unknown[],
  options?: { bom?: boolean; crlf?: boolean; finalNewline?: boolean },
): Buffer;
export declare function parquetOf(texts: readonly string[], rowGroupSize?: number): Buffer;
export declare function randomInput(
  rand: () => number,
  index: number,
): { name: string; format: string; plain: Buffer; bytes: Buffer; records: number };
export declare function compressAs(name: string, bytes: Uint8Array): Buffer;
export declare function mutate(rand: () => number, bytes: Buffer, kind: string): Buffer;
export declare function linesOf(bytes: Buffer, options?: { bom?: boolean }): string[];
export declare function readableJsonl(line: string, maxRecordBytes: number): boolean;

/** One generated fuzz case. */
export interface FuzzCase {
  seed: number;
  /** `format[+inner|+outer]:mutation` */
  kind: string;
  inputs: { name: string; format: string; records: number; mutated: boolean }[];
  untouched: boolean;
}
export declare function fuzzCase(seed: number, root: string): FuzzCase;
export declare function fuzzBatch(
  runCli: RunCli,
  root: string,
  seeds: readonly number[],
  options?: CheckScanOptions,
): Promise<{ cases: FuzzCase[]; bySeed: Map<number, string[]>; general: string[] }>;
export declare function checkScan(
  runCli: RunCli,
  cwd: string,
  inputs: readonly string[],
  options?: CheckScanOptions,
): Promise<{ violations: string[]; report: CheckedReport | undefined; exitCode: number; stderr: string }>;
