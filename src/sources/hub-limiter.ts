/** Gives back a slot taken with {@link Limiter.acquire}; calling it twice is harmless. */
export type Release = () => void;

/** At most N holders at once; the rest wait in arrival order. */
export interface Limiter {
  /** Waits for a free slot. Hold it for as long as the work (a streamed body, say) lasts. */
  acquire(): Promise<Release>;
  /** Slots in use now (for tests and progress). */
  readonly active: number;
}

/**
 * A counting semaphore. The Hub rate-limits per token and per IP, so every request of one scan
 * (listings, probes, bodies, Parquet ranges) goes through one limiter; a streamed body keeps its
 * slot until it ends, since an open transfer is what loads the server.
 * @param concurrency slots, at least 1
 */
export function createLimiter(concurrency: number): Limiter {
  const waiting: Array<() => void> = [];
  let active = 0;
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so a late arrival cannot jump the queue.
    if (next) next();
    else active--;
  };
  return {
    acquire() {
      let released = false;
      const once: Release = () => {
        if (released) return;
        released = true;
        release();
      };
      if (active < concurrency) {
        active++;
        return Promise.resolve(once);
      }
      return new Promise((resolve) => waiting.push(() => resolve(once)));
    },
    get active() {
      return active;
    },
  };
}
