import type { Readable } from "node:stream";
import type { Source } from "./sources/source.js";
import type { Tally, TallySections } from "./tally/tally.js";

/** The error a stopped scan's readers see once their streams are cut; never counted. */
export class ScanStopped extends Error {
  override name = "ScanStopped";
  constructor() {
    super("scan: stopped");
  }
}

/** What {@link ScanStop.race} gives when the scan is told to stop first. */
export const STOPPED: unique symbol = Symbol("stopped");

/** How long a stopped scan waits for the input it left to let go of its files, in milliseconds. */
const SETTLE_MS = 1000;

/**
 * Stops a scan at once when its `signal` aborts (SIGINT, SIGTERM), between two records: the counts
 * of the input being read are taken as they are at that moment, hits after it are dropped, and the
 * input's streams are cut so its reader lets go even mid-way in a huge record or a stalled
 * download. The readers are not asked to look at the signal: they are cut off from outside.
 */
export class ScanStop {
  #stopped = false;
  #part: Tally | undefined;
  #snapshot: TallySections | undefined;
  readonly #streams = new Set<Readable>();
  /** The waiters of {@link race} still pending: woken (with STOPPED) by a stop. */
  readonly #wakers = new Set<() => void>();

  constructor(signal: AbortSignal | undefined) {
    if (signal?.aborted) this.#stop();
    else signal?.addEventListener("abort", () => this.#stop(), { once: true });
  }

  /** The scan was told to stop: read nothing more. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * `promise`'s outcome, or {@link STOPPED} when the scan is told to stop first. Not
   * `Promise.race([promise, stopPromise])`: a race leaves a reaction on the stop promise, which
   * never settles in a run that is not stopped, and through it keeps every value it was raced
   * with. Here the waiter is dropped as soon as `promise` settles.
   */
  race<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
    if (this.#stopped) return Promise.resolve(STOPPED);
    return new Promise<T | typeof STOPPED>((resolve, reject) => {
      const wake = () => resolve(STOPPED);
      this.#wakers.add(wake);
      promise.then(
        (value) => {
          this.#wakers.delete(wake);
          resolve(value);
        },
        (error: unknown) => {
          this.#wakers.delete(wake);
          reject(error);
        },
      );
    });
  }

  /** Wraps a hit sink so that no hit of a record counted after the stop gets out. */
  gate<T>(sink: ((value: T) => void) | undefined): ((value: T) => void) | undefined {
    if (sink === undefined) return undefined;
    return (value) => {
      if (!this.#stopped) sink(value);
    };
  }

  /**
   * Reads one input into `part` with `reading`, which gets `source` wrapped so its streams are cut
   * on a stop. Returns the outcome; or, when the scan stops first, `part`'s counts as they were at
   * that moment (the record being read is left out, whole). The reading left behind is given a
   * moment to settle, so its output files can be closed.
   */
  async read<T>(
    source: Source,
    part: Tally,
    reading: (source: Source) => Promise<T>,
  ): Promise<{ outcome: T } | { stopped: TallySections }> {
    if (this.#stopped) return { stopped: part.toSections() };
    this.#part = part;
    this.#snapshot = undefined;
    try {
      const run = reading(this.#wrap(source));
      const settled = run.then(
        () => {},
        () => {},
      );
      const first = await this.race(run.then((outcome) => ({ outcome })));
      if (first !== STOPPED) return first;
      await Promise.race([settled, new Promise((done) => setTimeout(done, SETTLE_MS).unref())]);
      return { stopped: this.#snapshot ?? part.toSections() };
    } catch (error) {
      // A reader failing because its stream was cut is the stop, not an input error.
      if (this.#stopped) return { stopped: this.#snapshot ?? part.toSections() };
      throw error;
    } finally {
      this.#part = undefined;
    }
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // Taken now, between two records: the reader may still be handed a few buffered ones.
    if (this.#part) this.#snapshot = structuredClone(this.#part.toSections());
    for (const stream of this.#streams) stream.destroy(new ScanStopped());
    this.#streams.clear();
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }

  #track(stream: Readable): Readable {
    if (this.#stopped) {
      stream.destroy(new ScanStopped());
      return stream;
    }
    this.#streams.add(stream);
    stream.once("close", () => this.#streams.delete(stream));
    return stream;
  }

  #wrap(source: Source): Source {
    const wrapped: Source = { ...source, open: () => this.#track(source.open()) };
    const { openFrom, slice } = source;
    if (openFrom) wrapped.openFrom = (start) => this.#track(openFrom.call(source, start));
    if (slice) {
      wrapped.slice = (start, end) =>
        this.#stopped
          ? Promise.reject(new ScanStopped())
          : this.race(slice.call(source, start, end)).then((bytes) =>
              bytes === STOPPED ? Promise.reject(new ScanStopped()) : bytes,
            );
    }
    return wrapped;
  }
}
