import type { Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Feeds `input` through a Node transform (gunzip, zstd) and yields what comes out, with
 * backpressure both ways. Errors of the input or of the transform are thrown from the iteration;
 * stopping the iteration early destroys the transform, which in turn stops reading the input.
 */
export async function* pipeThrough(
  input: AsyncIterable<Uint8Array>,
  transform: Duplex,
): AsyncGenerator<Buffer> {
  const feeding = pipeline(input, transform);
  // A failure of the pipeline also destroys `transform` with the same error, so the loop below
  // throws it; this handler only keeps the promise's copy of it from going unhandled.
  feeding.catch(() => {});
  try {
    for await (const chunk of transform) yield chunk as Buffer;
  } finally {
    transform.destroy();
  }
}
