import { type ResourceLimits, Worker } from "node:worker_threads";
import { startStallTimer } from "../stall-timer.js";

/**
 * What a worker posts about a task: its result, the error it threw (re-thrown by
 * {@link WorkerPool.run}), or the start and end of a step that may get stuck and must be watched
 * (a Parquet decode), with a checkpoint of the task's results so far.
 */
type Reply<R, W> =
  | { id: number; result: R }
  | { id: number; error: { message: string; name: string; source?: string } }
  | { id: number; watch: { allowanceMs: number; checkpoint: W } }
  | { id: number; unwatch: true };

/** A task whose worker was stuck in a watched step past its allowance: the worker was replaced. */
export class TaskStalled<W> extends Error {
  override name = "TaskStalled";
  constructor(
    /** The task's checkpoints, folded: what it had done before the stuck step. */
    readonly checkpoint: W,
    readonly milliseconds: number,
  ) {
    super(`a worker made no progress for ${milliseconds} ms`);
  }
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions<T, W> {
  /** The error a worker posted, as an Error of this thread. */
  reviveError: (error: { message: string; name: string; source?: string }) => Error;
  /** Folds a task's checkpoints as they come (`previous` is undefined for its first). */
  foldCheckpoint?: (previous: W | undefined, next: W) => W;
  /**
   * Heap limits of the workers: a tuning of V8's collector (see `scanWorkerLimits`), never a cap
   * on a task. A task whose worker runs out of heap within them runs again, from its start, on a
   * new worker without limits, which then stays in the pool.
   */
  resourceLimits?: ResourceLimits;
  /** The error that ends the pool when a worker without limits runs out of heap on `task`. */
  outOfMemory?: (task: T, error: Error) => Error;
}

/**
 * Worker threads that each run `script` (a module under dist/) and answer one task at a time:
 * `run(task)` posts it to the next idle worker (or queues it) and resolves with that worker's
 * answer. Results come back in any order; the caller keeps its own order.
 *
 * A worker may mark a step of its task as watched (`watch` … `unwatch`). One that stays in it past
 * the step's allowance is stuck for good (a decoder loop cannot be interrupted from inside): it is
 * terminated and replaced, and its task rejects with {@link TaskStalled} holding the task's
 * checkpoints; the other tasks go on. A worker that runs out of heap within
 * {@link WorkerPoolOptions.resourceLimits} is replaced by one without them, which runs its task again.
 */
export class WorkerPool<T, R, W = never> {
  readonly #workers = new Set<Worker>();
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{ id: number; task: T }> = [];
  /** The tasks not yet answered, by id: a task whose worker ran out of heap is sent again. */
  readonly #tasks = new Map<number, T>();
  /** Workers started without the heap limits. */
  readonly #unlimited = new WeakSet<Worker>();
  readonly #pending = new Map<number, { done: (result: R) => void; fail: (error: Error) => void }>();
  /** The task each busy worker runs. */
  readonly #running = new Map<Worker, number>();
  readonly #checkpoints = new Map<number, W>();
  readonly #watchdogs = new Map<Worker, NodeJS.Timeout>();
  /** Messages heard from each worker, so a watchdog that fires late can see one came. */
  readonly #heard = new Map<Worker, number>();
  /** Workers this pool terminated: their exit is not a breakdown. */
  readonly #retired = new WeakSet<Worker>();
  #next = 0;
  #broken: Error | undefined;

  constructor(
    private readonly script: string,
    size: number,
    private readonly workerData: unknown,
    private readonly options: WorkerPoolOptions<T, W>,
  ) {
    for (let i = 0; i < size; i++) this.#start();
  }

  run(task: T): Promise<R> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#next++;
    return new Promise<R>((done, fail) => {
      this.#pending.set(id, { done, fail });
      this.#tasks.set(id, task);
      this.#queue.push({ id, task });
      this.#dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    for (const timer of this.#watchdogs.values()) clearTimeout(timer);
    this.#watchdogs.clear();
    const workers = [...this.#workers];
    for (const worker of workers) this.#retired.add(worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #start(limited = true): Worker {
    const limits = limited ? this.options.resourceLimits : undefined;
    const worker = new Worker(this.script, {
      workerData: this.workerData,
      ...(limits ? { resourceLimits: limits } : {}),
    });
    if (!limits) this.#unlimited.add(worker);
    worker.on("message", (reply: Reply<R, W>) => this.#answer(worker, reply));
    worker.on("error", (error) => this.#failed(worker, error));
    worker.on("exit", (code) => {
      if (code !== 0 && !this.#retired.has(worker)) {
        this.#breakDown(new Error(`a scan worker exited with code ${code}`));
      }
    });
    this.#workers.add(worker);
    this.#idle.push(worker);
    return worker;
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker;
      const next = this.#queue.shift() as { id: number; task: T };
      this.#running.set(worker, next.id);
      worker.postMessage(next);
    }
  }

  #answer(worker: Worker, reply: Reply<R, W>): void {
    this.#heard.set(worker, (this.#heard.get(worker) ?? 0) + 1);
    if ("watch" in reply) {
      const fold = this.options.foldCheckpoint;
      if (fold)
        this.#checkpoints.set(reply.id, fold(this.#checkpoints.get(reply.id), reply.watch.checkpoint));
      this.#watch(worker, reply.id, reply.watch.allowanceMs);
      return;
    }
    this.#unwatch(worker);
    if ("unwatch" in reply) return;
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    this.#tasks.delete(reply.id);
    this.#checkpoints.delete(reply.id);
    this.#running.delete(worker);
    this.#idle.push(worker);
    this.#dispatch();
    if (pending === undefined) return;
    if ("error" in reply) pending.fail(this.options.reviveError(reply.error));
    else pending.done(reply.result);
  }

  #watch(worker: Worker, id: number, allowanceMs: number): void {
    this.#unwatch(worker);
    const heard = this.#heard.get(worker);
    const timer = startStallTimer(
      allowanceMs,
      () => this.#heard.get(worker) === heard && this.#running.get(worker) === id,
      () => this.#replace(worker, id, allowanceMs),
    );
    this.#watchdogs.set(worker, timer);
  }

  #unwatch(worker: Worker): void {
    clearTimeout(this.#watchdogs.get(worker));
    this.#watchdogs.delete(worker);
  }

  /** Terminates a stuck worker, fails its task, and starts another in its place. */
  #replace(worker: Worker, id: number, allowanceMs: number): void {
    this.#retire(worker);
    void worker.terminate();
    const pending = this.#pending.get(id);
    const checkpoint = this.#checkpoints.get(id);
    this.#pending.delete(id);
    this.#tasks.delete(id);
    this.#checkpoints.delete(id);
    if (this.#broken) return;
    this.#start();
    this.#dispatch();
    pending?.fail(new TaskStalled(checkpoint as W, allowanceMs));
  }

  /** Forgets a worker that is ending or has ended, so its exit is not a breakdown. */
  #retire(worker: Worker): void {
    this.#unwatch(worker);
    this.#retired.add(worker);
    this.#workers.delete(worker);
    this.#running.delete(worker);
    this.#heard.delete(worker);
  }

  /**
   * A worker's thread died. Out of heap within the limits: its task runs again, from the start, on
   * a new worker without them (its checkpoints are dropped: the run gives them again). Anything
   * else breaks the pool.
   */
  #failed(worker: Worker, error: Error): void {
    const id = this.#running.get(worker);
    const task = id === undefined ? undefined : this.#tasks.get(id);
    const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
    if (id === undefined || task === undefined || !outOfMemory || this.#broken) {
      this.#breakDown(error);
    } else if (this.#unlimited.has(worker)) {
      this.#breakDown(this.options.outOfMemory?.(task, error) ?? error);
    } else {
      this.#retire(worker);
      this.#checkpoints.delete(id);
      const spare = this.#start(false);
      this.#idle.splice(this.#idle.indexOf(spare), 1);
      this.#running.set(spare, id);
      spare.postMessage({ id, task });
    }
  }

  #breakDown(error: Error): void {
    this.#broken ??= error;
    for (const { fail } of this.#pending.values()) fail(error);
    this.#pending.clear();
  }
}
