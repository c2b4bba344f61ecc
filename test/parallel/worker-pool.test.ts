import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanWorkerLimits } from "../../src/parallel/worker-heap.js";
import { WorkerPool } from "../../src/parallel/worker-pool.js";

// The scan workers run under heap limits that make V8 collect sooner (scanWorkerLimits). A task
// that needs more heap than they allow must not fail: it runs again on a worker without them.

const tmp = mkdtempSync(join(tmpdir(), "selfid-pool-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Holds `mb` MB of arrays at once, then answers with the old-generation limit it ran under.
const script = join(tmp, "hold.mjs");
writeFileSync(
  script,
  `import { parentPort, resourceLimits } from "node:worker_threads";
parentPort.on("message", ({ id, task }) => {
  const held = [];
  for (let i = 0; i < task.mb; i++) held.push(new Array(128 * 1024).fill(i));
  parentPort.postMessage({ id, result: { mb: held.length, oldMb: resourceLimits.maxOldGenerationSizeMb } });
});
`,
);

interface Held {
  mb: number;
  oldMb: number;
}

function pool(size: number): WorkerPool<{ mb: number }, Held> {
  return new WorkerPool<{ mb: number }, Held>(script, size, undefined, {
    reviveError: (error) => new Error(error.message),
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
  });
}

describe("WorkerPool heap limits", () => {
  it("runs a task that outgrows the limits again on a worker without them; the others go on", async () => {
    const workers = pool(2);
    try {
      const tasks = [2, 4, 200, 3, 200, 1].map((mb) => workers.run({ mb }));
      const results = await Promise.all(tasks);
      expect(results.map((r) => r.mb)).toEqual([2, 4, 200, 3, 200, 1]);
      // The small tasks ran within the limit; the big ones could not have.
      expect(results[0]?.oldMb).toBe(32);
      expect(results[2]?.oldMb).toBeGreaterThan(200);
      expect(results[4]?.oldMb).toBeGreaterThan(200);
      // The pool still works after its workers were replaced.
      expect((await workers.run({ mb: 5 })).mb).toBe(5);
    } finally {
      await workers.close();
    }
  });

  it("gives a worker room for eight times the largest record, whatever the record cap", () => {
    for (const maxRecordBytes of [2048, 64 << 20, 1 << 30]) {
      const limits = scanWorkerLimits(maxRecordBytes);
      expect(limits.maxOldGenerationSizeMb).toBeGreaterThanOrEqual((8 * maxRecordBytes) / (1 << 20));
      expect(limits.maxOldGenerationSizeMb).toBeGreaterThanOrEqual(512);
    }
    expect(scanWorkerLimits()).toEqual(scanWorkerLimits(64 << 20));
  });
});
