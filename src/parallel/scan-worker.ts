import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { parseFieldPath } from "../fields/field-path.js";
import { createMatcher } from "../match/matcher.js";
import type { ParquetDecodeWatch } from "../records/parquet-reader.js";
import { type RecordContext, scanInput, scanLinePieces } from "../scan-input.js";
import { fileSource } from "../sources/file-source.js";
import { Tally } from "../tally/tally.js";
import type { Hit } from "../types.js";
import { piecesOf } from "./line-batch.js";
import type { ScanTask, ScanTaskResult, ScanWorkerSetup, TaskCheckpoint } from "./scan-task.js";

// A worker thread of `scan --workers N`: compiles the patterns once, then scans the tasks it is
// sent one at a time with the same code as the main thread, and posts back each task's counts. A
// task is a local file (or a byte range of it) read here, or a batch of lines the main thread read.
const setup = workerData as ScanWorkerSetup;
const matcher = createMatcher(setup.patternSet, { ignore: setup.ignore });
const fields = setup.fields?.map(parseFieldPath);

parentPort?.on("message", async ({ id, task }: { id: number; task: ScanTask }) => {
  try {
    parentPort?.postMessage({ id, result: await runTask(id, task) });
  } catch (error) {
    const source = error instanceof InputError ? error.source : undefined;
    parentPort?.postMessage({
      id,
      error: {
        name: (error as Error).name,
        message: (error as Error).message,
        ...(source ? { source } : {}),
      },
    });
  }
});

async function runTask(id: number, task: ScanTask): Promise<ScanTaskResult> {
  const hits: Hit[] = [];
  let hitsPosted = 0;
  const ctx: RecordContext = {
    matcher,
    fields,
    roles: new Set(setup.roles),
    flagKinds: new Set(setup.flagKinds),
    onHit: (hit) => hits.push(hit),
    tick: () => {},
  };
  const tally = new Tally();
  let lines = 0;
  // Parquet is decoded here; the pool ends this thread if a decode gets stuck, keeping the counts
  // and hits of the last checkpoint: posted as the decode begins, and as its bytes come in (they
  // count as read, as in a thread that is not stuck).
  let watched = { allowanceMs: 0, where: "" };
  const checkpoint = (): void => {
    const { allowanceMs, where } = watched;
    const taken: TaskCheckpoint = { sections: tally.toSections(), hits: hits.slice(hitsPosted), where };
    hitsPosted = hits.length;
    parentPort?.postMessage({ id, watch: { allowanceMs, checkpoint: taken } });
  };
  const watch: ParquetDecodeWatch = {
    begin(allowanceMs, where) {
      watched = { allowanceMs, where };
      checkpoint();
    },
    progress: checkpoint,
    end() {
      parentPort?.postMessage({ id, unwatch: true });
    },
  };
  if (task.kind === "lines") {
    scanLinePieces(task.uri, task.format, piecesOf(task.batch), tally, ctx, setup);
    return { sections: tally.toSections(), hits, lines: 0, failed: false };
  }
  const outcome = await scanInput(
    fileSource(task.uri, task.path, task.size),
    tally,
    ctx,
    setup,
    Number.POSITIVE_INFINITY,
    undefined,
    {
      ...(task.range ? { range: task.range } : {}),
      parquetWatch: watch,
      onRangeLines: (n) => {
        lines = n;
      },
    },
  );
  return { sections: tally.toSections(), hits, lines, failed: outcome.failed };
}
