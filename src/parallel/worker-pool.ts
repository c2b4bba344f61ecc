import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** A task's answer from a worker: its result, or the error it threw (re-thrown by {@link WorkerPool.run}). */
type Reply<R> =
  | { id: number; result: R }
  | { id: number; error: { message: string; name: string; source?: string } };

/**
 * Worker threads that each run `script` (a module under dist/) and answer one task at a time:
 * `run(task)` posts it to the next idle worker (or queues it) and resolves with that worker's
 * answer. Results come back in any order; the caller keeps its own order.
 */
export class WorkerPool<T, R> {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{ id: number; task: T }> = [];
  readonly #pending = new Map<number, { done: (result: R) => void; fail: (error: Error) => void }>();
  #next = 0;
  #broken: Error | undefined;

  constructor(
    script: string,
    size: number,
    workerData: unknown,
    private readonly reviveError: (error: { message: string; name: string; source?: string }) => Error,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData });
      worker.on("message", (reply: Reply<R>) => this.#answer(worker, reply));
      worker.on("error", (error) => this.#breakDown(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.#breakDown(new Error(`a scan worker exited with code ${code}`));
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  run(task: T): Promise<R> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#next++;
    return new Promise<R>((done, fail) => {
      this.#pending.set(id, { done, fail });
      this.#queue.push({ id, task });
      this.#dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker;
      worker.postMessage(this.#queue.shift());
    }
  }

  #answer(worker: Worker, reply: Reply<R>): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    this.#idle.push(worker);
    this.#dispatch();
    if (pending === undefined) return;
    if ("error" in reply) pending.fail(this.reviveError(reply.error));
    else pending.done(reply.result);
  }

  #breakDown(error: Error): void {
    this.#broken ??= error;
    for (const { fail } of this.#pending.values()) fail(error);
    this.#pending.clear();
  }
}

/**
 * A module of dist/parallel/ for a worker thread. From the built package it sits beside this file;
 * when this file runs from src/ (the tests), the built copy is used: a worker cannot load TypeScript.
 */
export function workerScript(name: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), name);
  const built = join(dirname(here), "../../dist/parallel", name);
  if (!existsSync(built)) throw new Error(`worker script ${built} is missing: run npm run build`);
  return built;
}
