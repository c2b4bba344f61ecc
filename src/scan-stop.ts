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
  readonly #wait: Promise<void>;
  #wake: () => void = () => {};

  constructor(signal: AbortSignal | undefined) {
    this.#wait = new Promise<void>((wake) => {
      this.#wake = wake;
    });
    if (signal?.aborted) this.#stop();
    else signal?.addEventListener("abort", () => this.#stop(), { once: true });
  }

  /** The scan was told to stop: read nothing more. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Resolves when the scan is told to stop (never, without a signal). */
  get whenStopped(): Promise<void> {
    return this.#wait;
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
      const first = await Promise.race([run.then((outcome) => ({ outcome })), this.#wait.then(() => null)]);
      if (first !== null) return first;
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
    this.#wake();
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
          : Promise.race([
              slice.call(source, start, end),
              this.#wait.then(() => Promise.reject(new ScanStopped())),
            ]);
    }
    return wrapped;
  }
}
