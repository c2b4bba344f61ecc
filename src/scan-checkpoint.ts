import { createHash } from "node:crypto";
import type { ShardSpec } from "./plan/shard-plan.js";
import type { Report } from "./report/report-schema.js";
import type { TallySections } from "./tally/tally.js";
import { VERSION } from "./version.js";

/**
 * What `--resume` needs of a scan without `--emit` (the emit writer keeps its own): a record of the
 * shares of the task plan (inputs, or a shard's parts of them) that are finished, each with its
 * counts, kept where a preempted task finds it again. The CLI's `ResumeLog` implements it beside
 * the report, and owns the hits file, which it cuts back to where the finished shares ended.
 */
export interface ScanCheckpoint {
  /**
   * The counts of the first shares an earlier run with the same settings finished, in plan order
   * (none for a new run). Called once, before anything is read; throws a `UsageError` when the
   * earlier run had other settings.
   */
  finished(fingerprint: string): Promise<TallySections[]>;
  /** The next share of the plan is done, and every hit of it was given to `onHit`. */
  done(sections: TallySections): Promise<void>;
}

/**
 * Identifies what a run reads and how: selfid's version, the pattern set, the options that shape
 * the report, the shard and the task plan (files, sizes, ranges). A resumed run must match all.
 */
export function runFingerprint(
  patternHash: string,
  reportOptions: Report["options"],
  shard: ShardSpec | undefined,
  planId: string,
): string {
  const settings = { version: VERSION, patternHash, reportOptions, shard: shard ?? null, planId };
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}
