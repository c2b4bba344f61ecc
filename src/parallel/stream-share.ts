import { compressionOf } from "../decode/compression-of.js";
import { InputError } from "../errors.js";
import { readJsonArraySteps } from "../records/json-array-reader.js";
import { LineSplitter } from "../records/line-splitter.js";
import { decodedBytes } from "../records/read-records.js";
import type { InputSummary } from "../report/report-schema.js";
import type { Source } from "../sources/source.js";
import type { Tally } from "../tally/tally.js";
import type { Hit, RecordItem } from "../types.js";
import { type LineBatch, LineBatchPacker } from "./line-batch.js";
import type { ScanTask, ScanTaskResult, StreamFormat } from "./scan-task.js";

/** Default size of a batch of lines handed to a worker: big enough that posting it costs little. */
export const DEFAULT_BATCH_BYTES = 1 << 20;

/** Options of {@link streamShare}. */
export interface StreamShareOptions {
  format: StreamFormat;
  workers: number;
  batchBytes: number;
  maxRecordBytes: number | undefined;
  strict: boolean;
  onHit: ((hit: Hit) => void) | undefined;
  /** A batch's counts were added to `part` (progress). */
  onBatch?: () => void;
  /** Counts a record in this thread, into `part`'s input: a JSON array's once it is not plain. */
  scanItemHere?: (input: InputSummary, item: RecordItem) => void;
}

/** What the read of a stream gives: its next batch, and the bytes read for it. */
interface StreamStep {
  batch: LineBatch | undefined;
  /** Bytes of the source (before decompression) read since the previous step. */
  rawBytes: number;
  /** A record for this thread to count, after the batches before it. */
  item?: RecordItem;
}

/**
 * Reads a source that no worker can open itself — a Hub file, stdin — or that only one thread
 * could read at a time — a compressed file, a JSON array — in this thread, and has the workers scan
 * it: the stream is cut into records here, exactly as a reader would (lines with the same numbers,
 * offsets and over-size lines; a JSON array's elements), and handed out in batches of about
 * `batchBytes`; their counts are added to `part` in stream order, so the report and the hits are
 * those of a single-threaded read. A JSON array that stops being a plain array of objects is read
 * on from there by stream-json in this thread (`scanItemHere`), after the batches before. A stream
 * that fails part-way (a dropped transfer, a corrupt frame) fails the input after the records
 * before the failure are counted, as in one thread; `strict` throws instead.
 * @returns whether the input failed
 */
export async function streamShare(
  run: (task: ScanTask) => Promise<ScanTaskResult>,
  source: Source,
  part: Tally,
  options: StreamShareOptions,
): Promise<{ failed: boolean }> {
  const { format } = options;
  const input = part.addInput(source.uri, format, compressionOf(source.uri));
  const inFlight: Array<{ result: Promise<ScanTaskResult>; batch: LineBatch; rawBytes: number }> = [];
  // A batch is cut after the line that fills it: room for one more line of up to 1 MiB saves a copy.
  const packer = new LineBatchPacker(options.batchBytes + (1 << 20));
  const takeOldest = async (): Promise<void> => {
    const { result, batch, rawBytes } = inFlight.shift() as (typeof inFlight)[number];
    const { sections, hits } = await result;
    packer.recycle(batch);
    part.absorb(sections, input);
    input.bytes += rawBytes;
    if (options.onHit) for (const hit of hits) options.onHit(hit);
    options.onBatch?.();
  };
  let unread: unknown;
  const steps = streamSteps(source, packer, options)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<StreamStep>;
      try {
        step = await steps.next();
      } catch (error) {
        unread = error;
        break;
      }
      if (step.done) break;
      const { batch, rawBytes, item } = step.value;
      if (batch === undefined) input.bytes += rawBytes;
      else {
        const result = run({ kind: "lines", uri: source.uri, format, batch });
        // Taken in order below; a rejection before then must not count as unhandled.
        result.catch(() => {});
        inFlight.push({ result, batch, rawBytes });
        while (inFlight.length >= options.workers * 2) await takeOldest();
      }
      if (item !== undefined) {
        // In order: every batch before it is counted first.
        while (inFlight.length > 0) await takeOldest();
        if (options.scanItemHere === undefined) throw new Error(`${source.uri}: no thread to read it`);
        options.scanItemHere(input, item);
      }
    }
    while (inFlight.length > 0) await takeOldest();
  } finally {
    // Left early (a worker's error): the stream is closed, the source let go.
    await steps.return?.(undefined);
  }
  if (unread === undefined) return { failed: false };
  if (options.strict || !(unread instanceof InputError)) throw unread;
  part.addError(input, { source: source.uri, message: unread.message });
  return { failed: true };
}

/**
 * The source's records in batches (and a JSON array's records past its plain part one by one). A
 * stream that fails gives the batch of the records completed before the failure, then throws: the
 * line cut by the failure is not a record, as in one thread.
 */
async function* streamSteps(
  source: Source,
  packer: LineBatchPacker,
  options: Pick<StreamShareOptions, "format" | "batchBytes" | "maxRecordBytes">,
): AsyncGenerator<StreamStep> {
  let rawBytes = 0;
  const bytes = decodedBytes(source, {
    onBytes: (n) => {
      rawBytes += n;
    },
  });
  const step = (item?: RecordItem): StreamStep => {
    const taken: StreamStep = { batch: packer.length > 0 ? packer.take() : undefined, rawBytes };
    if (item !== undefined) taken.item = item;
    rawBytes = 0;
    return taken;
  };
  try {
    if (options.format === "json") {
      const max = options.maxRecordBytes;
      for await (const next of readJsonArraySteps(bytes, max === undefined ? {} : { maxRecordBytes: max })) {
        if (next.type === "item") yield step(next.item);
        else {
          // The element's index stands in the line number; it has no offset of its own.
          packer.add({ type: "line", bytes: next.bytes, line: next.index, byteOffset: 0 });
          if (packer.byteLength >= options.batchBytes) yield step();
        }
      }
    } else {
      const splitter = new LineSplitter(
        options.maxRecordBytes === undefined ? {} : { maxLineBytes: options.maxRecordBytes },
      );
      for await (const chunk of bytes) {
        for (const piece of splitter.push(chunk)) {
          packer.add(piece);
          if (packer.byteLength >= options.batchBytes) yield step();
        }
      }
      for (const piece of splitter.end()) packer.add(piece);
    }
  } catch (error) {
    yield step();
    throw error;
  }
  yield step();
}
