import { compressionOf } from "../decode/compression-of.js";
import { InputError } from "../errors.js";
import { LineSplitter } from "../records/line-splitter.js";
import { decodedBytes } from "../records/read-records.js";
import type { Source } from "../sources/source.js";
import type { Tally } from "../tally/tally.js";
import type { Hit } from "../types.js";
import { type LineBatch, LineBatchPacker } from "./line-batch.js";
import type { ScanTask, ScanTaskResult } from "./scan-task.js";

/** Default size of a batch of lines handed to a worker: big enough that posting it costs little. */
export const DEFAULT_BATCH_BYTES = 8 << 20;

/** Options of {@link streamShare}. */
export interface StreamShareOptions {
  format: "jsonl" | "txt";
  workers: number;
  batchBytes: number;
  maxRecordBytes: number | undefined;
  strict: boolean;
  onHit: ((hit: Hit) => void) | undefined;
  /** A batch's counts were added to `part` (progress). */
  onBatch?: () => void;
}

/** What the read of a stream gives: its next batch of lines, and the bytes read for it. */
interface StreamStep {
  batch: LineBatch | undefined;
  /** Bytes of the source (before decompression) read since the previous step. */
  rawBytes: number;
}

/**
 * Reads a line-based source that no worker can open itself — a Hub file, stdin — or one that only
 * one thread could read at a time — a compressed file — in this thread, and has the workers scan it:
 * the stream is split into lines here, exactly as a reader would (same numbers, same offsets, the
 * same over-size lines), and handed out in batches of about `batchBytes`; their counts are added to
 * `part` in stream order, so the report and the hits are those of a single-threaded read. A stream
 * that fails part-way (a dropped transfer, a corrupt frame) fails the input after the lines before
 * the failure are counted, as in one thread; `strict` throws instead.
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
      const { batch, rawBytes } = step.value;
      if (batch === undefined) {
        input.bytes += rawBytes;
        continue;
      }
      const result = run({ kind: "lines", uri: source.uri, format, batch });
      // Taken in order below; a rejection before then must not count as unhandled.
      result.catch(() => {});
      inFlight.push({ result, batch, rawBytes });
      while (inFlight.length >= options.workers * 2) await takeOldest();
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
 * The source's lines in batches. A stream that fails gives the batch of the lines completed before
 * the failure, then throws: the line cut by the failure is not a record, as in one thread.
 */
async function* streamSteps(
  source: Source,
  packer: LineBatchPacker,
  options: Pick<StreamShareOptions, "batchBytes" | "maxRecordBytes">,
): AsyncGenerator<StreamStep> {
  let rawBytes = 0;
  const bytes = decodedBytes(source, {
    onBytes: (n) => {
      rawBytes += n;
    },
  });
  const splitter = new LineSplitter(
    options.maxRecordBytes === undefined ? {} : { maxLineBytes: options.maxRecordBytes },
  );
  const step = (): StreamStep => {
    const taken = { batch: packer.length > 0 ? packer.take() : undefined, rawBytes };
    rawBytes = 0;
    return taken;
  };
  try {
    for await (const chunk of bytes) {
      for (const piece of splitter.push(chunk)) {
        packer.add(piece);
        if (packer.byteLength >= options.batchBytes) yield step();
      }
    }
  } catch (error) {
    yield step();
    throw error;
  }
  for (const piece of splitter.end()) packer.add(piece);
  yield step();
}
