import type { InputSummary } from "./report/report-schema.js";
import type { Source } from "./sources/source.js";

/** How far a scan has got: what {@link ScanOptions.onProgress} receives. Counts include resumed inputs. */
export interface ScanProgress {
  /**
   * Bytes read from the inputs, as stored (compressed for `.gz` and `.zst`, the unit of
   * `Source.size`), so `bytesDone / bytesTotal` is the share of the work done. A finished input
   * counts its whole size, even where Parquet skipped columns it did not need.
   */
  bytesDone: number;
  /** All inputs' bytes; `null` when any size is unknown (stdin, a pipe). */
  bytesTotal: number | null;
  inputsDone: number;
  inputsTotal: number;
  /** Records read, unreadable ones included (the report's `totals.records`). */
  records: number;
  flagged: number;
  /** Findings (hits) of every kind. */
  findings: number;
  /** Since reading began (after the patterns compiled). */
  elapsedMs: number;
  /** Of `bytesDone`, what inputs finished by an earlier run (`--resume`) added at once: not a rate. */
  resumedBytes: number;
  /** Of `records`, what inputs finished by an earlier run added at once. */
  resumedRecords: number;
  /** The last call: every input is read (or `--limit` reached). */
  done: boolean;
}

type Counts = Pick<ScanProgress, "bytesDone" | "inputsDone" | "records" | "flagged" | "findings">;

/**
 * Keeps a scan's running counts and hands a {@link ScanProgress} to `report` at most every
 * `everyMs`. The scan calls {@link tick} often (each chunk read, every 256 records); a tick costs
 * one clock read, so the record loop does not notice it.
 */
export class ProgressMeter {
  private readonly finished: Counts = { bytesDone: 0, inputsDone: 0, records: 0, flagged: 0, findings: 0 };
  private readonly bytesTotal: number | null;
  private readonly inputsTotal: number;
  private readonly started: number;
  private next: number;
  private resumedBytes = 0;
  private resumedRecords = 0;
  private current: { inputs: readonly InputSummary[]; size: number } | undefined;

  constructor(
    sources: readonly Source[],
    private readonly report: (progress: ScanProgress) => void,
    private readonly everyMs = 200,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.bytesTotal = sources.every((s) => s.size !== undefined)
      ? sources.reduce((sum, s) => sum + (s.size as number), 0)
      : null;
    this.inputsTotal = sources.length;
    this.started = now();
    this.next = this.started + everyMs;
  }

  /** An input begins; `inputs` are its summaries, updated in place as it is read. */
  begin(inputs: readonly InputSummary[], size: number | undefined): void {
    this.current = { inputs, size: size ?? Number.POSITIVE_INFINITY };
  }

  /**
   * The input begun last is finished (read to its end, or failed). Reports when due: with worker
   * threads, an input's end may be the only news this thread gets.
   */
  end(): void {
    if (!this.current) return;
    const { inputs, size } = this.current;
    this.current = undefined;
    this.add(inputs, size);
    this.tick();
  }

  /** An input an earlier run finished (`--resume`): its counts arrive at once. */
  resumed(inputs: readonly InputSummary[], size: number | undefined): void {
    const before = this.finished.bytesDone;
    const records = this.finished.records;
    this.add(inputs, size ?? Number.POSITIVE_INFINITY);
    this.resumedBytes += this.finished.bytesDone - before;
    this.resumedRecords += this.finished.records - records;
    this.tick();
  }

  /** Reports when `everyMs` has passed since the last report. */
  tick(): void {
    const now = this.now();
    if (now < this.next) return;
    this.next = now + this.everyMs;
    this.report(this.snapshot(now, false));
  }

  /** The last report. */
  finish(): void {
    this.report(this.snapshot(this.now(), true));
  }

  private add(inputs: readonly InputSummary[], size: number): void {
    const counts = sum(inputs, size);
    // A finished input is all done: its size, not the bytes read, keeps the ratio honest for Parquet.
    this.finished.bytesDone += Number.isFinite(size) ? size : counts.bytesDone;
    this.finished.inputsDone += 1;
    this.finished.records += counts.records;
    this.finished.flagged += counts.flagged;
    this.finished.findings += counts.findings;
  }

  private snapshot(now: number, done: boolean): ScanProgress {
    const current = this.current ? sum(this.current.inputs, this.current.size) : undefined;
    const f = this.finished;
    return {
      bytesDone: f.bytesDone + (current?.bytesDone ?? 0),
      bytesTotal: this.bytesTotal,
      inputsDone: f.inputsDone,
      inputsTotal: this.inputsTotal,
      records: f.records + (current?.records ?? 0),
      flagged: f.flagged + (current?.flagged ?? 0),
      findings: f.findings + (current?.findings ?? 0),
      elapsedMs: Math.round(now - this.started),
      resumedBytes: this.resumedBytes,
      resumedRecords: this.resumedRecords,
      done,
    };
  }
}

/** One input's counts; bytes capped at its size, so re-read Parquet footers never pass 100%. */
function sum(inputs: readonly InputSummary[], size: number): Omit<Counts, "inputsDone"> {
  const counts = { bytesDone: 0, records: 0, flagged: 0, findings: 0 };
  for (const input of inputs) {
    counts.bytesDone += input.bytes;
    counts.records += input.records;
    counts.flagged += input.flagged;
    counts.findings += input.hits;
  }
  counts.bytesDone = Math.min(counts.bytesDone, size);
  return counts;
}
