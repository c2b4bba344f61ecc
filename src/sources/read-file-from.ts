import { open } from "node:fs/promises";
import { READ_CHUNK_BYTES } from "./file-source.js";

/**
 * The bytes of a local file from `start` to its end, read into two buffers in turn: **a chunk is
 * valid only until the one after next is asked for**, so a consumer must be done with it (or have
 * copied what it keeps) by then. The line readers are: they split a chunk, copy a line that spans
 * chunks, and turn each line into a string before asking for more.
 *
 * Why: a read stream allocates a new 1 MiB buffer per read, and V8 frees them only once tens of MB
 * of them have piled up, so each worker thread scanning a big file held ~35 MB of spent chunks.
 * The file closes when the loop over it ends, early or not.
 */
export async function* readFileFrom(
  path: string,
  start: number,
  chunkBytes: number = READ_CHUNK_BYTES,
): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  try {
    const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
    let position = start;
    for (let turn = 0; ; turn ^= 1) {
      const buffer = buffers[turn] as Buffer;
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
