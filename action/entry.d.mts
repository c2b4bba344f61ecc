// Types of entry.mjs, which stays plain JavaScript so the action needs no build step of its own.

/** The environment the entry reads: SELFID_* inputs, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY. */
export type ActionEnv = Record<string, string | undefined>;

/** Where one run writes its files (all inside `dir`). */
export interface ScanFiles {
  report: string;
  html: string;
  hits: string;
  markdown: string;
}

/** An input the action cannot use; the message names the input and what it expects. */
export declare class ActionInputError extends Error {}

/** The `selfid scan` arguments (without node and the bin) and the files they write. */
export declare function buildScan(env: ActionEnv): { args: string[]; dir: string; files: ScanFiles };

/** A `$GITHUB_OUTPUT` entry: `key=value\n`, or the heredoc form for a multi-line value. */
export declare function outputEntry(key: string, value: string | number): string;

/** Runs the scan, writes the summary and outputs; the exit code the step should end with. */
export declare function main(env?: ActionEnv): number;
