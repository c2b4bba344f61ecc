import type { Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Feeds `input` through a Node transform (gunzip, zstd) and yields what comes out, with
 * backpressure both ways. Errors of the input or of the transform are thrown from the iteration,
 * after every byte the transform put out before them; stopping the iteration early destroys the
 * transform, which in turn stops reading the input.
 */
export async function* pipeThrough(
  input: AsyncIterable<Uint8Array>,
  transform: Duplex,
): AsyncGenerator<Buffer> {
  const feeding = pipeline(input, transform);
  // A failure of the pipeline also destroys `transform` with the same error, so the loop below
  // throws it; this handler only keeps the promise's copy of it from going unhandled.
  feeding.catch(() => {});
  let failure: { error: unknown } | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const onError = (error: unknown): void => {
    failure = { error };
    signal();
  };
  const onEnd = (): void => {
    ended = true;
    signal();
  };
  transform.on("readable", signal);
  transform.on("end", onEnd);
  transform.on("error", onError);
  try {
    for (;;) {
      // What the transform holds is read before its error is thrown. A stream's own async iterator
      // drops it: a slow reader of a truncated .gz saw fewer of its last lines than a fast one.
      for (let chunk = transform.read(); chunk !== null; chunk = transform.read()) yield chunk as Buffer;
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    transform.off("readable", signal);
    transform.off("end", onEnd);
    transform.off("error", onError);
    transform.destroy();
  }
}
