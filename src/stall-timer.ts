/**
 * Calls `onStall` once `ms` have passed, if `stillStuck()` still holds then: the watchdog of a
 * thread that can get stuck for good (a Parquet decoder loop), run by the thread that can end it.
 * Clear it with `clearTimeout` when the watched thread makes progress. It does not keep the
 * process alive.
 *
 * `stillStuck` is asked after the messages already queued are delivered, not when the timer
 * fires: this thread may have been busy past the deadline while the watched thread's answer
 * waited in the queue, and timers run before messages.
 */
export function startStallTimer(ms: number, stillStuck: () => boolean, onStall: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => {
    setImmediate(() => {
      if (stillStuck()) onStall();
    });
  }, ms);
  timer.unref();
  return timer;
}
