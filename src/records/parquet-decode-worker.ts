import { parentPort } from "node:worker_threads";
import type { AsyncBuffer, Compressors } from "hyparquet";
import { parquetCompressors } from "./parquet-codecs.js";
import type { DecodeFile, DecodeRows, FromDecoder, ToDecoder } from "./parquet-decode-protocol.js";
import { decodeRows } from "./parquet-decode-rows.js";

// The decode thread of a ParquetDecoder: runs hyparquet on the rows it is asked for, fetching
// every byte range through the reading thread, and posts the rows back. It is a thread of its own
// so that a decoder caught in an endless loop by a corrupt page can be terminated.

const port = parentPort;
if (port === null) throw new Error("parquet-decode-worker runs in a worker thread");
const post = (message: FromDecoder): void => port.postMessage(message);

const files = new Map<number, { setup: DecodeFile; buffer: AsyncBuffer; compressors: Compressors }>();
const slices = new Map<number, { done: (bytes: ArrayBuffer) => void; fail: (error: Error) => void }>();
let nextSlice = 0;

port.on("message", (message: ToDecoder) => {
  switch (message.type) {
    case "open":
      files.set(message.file, {
        setup: message.setup,
        buffer: bufferOf(message.file, message.setup),
        compressors: parquetCompressors(message.setup.zstd),
      });
      break;
    case "close":
      files.delete(message.file);
      break;
    case "decode":
      void decode(message.request, message.file, message.rows);
      break;
    case "bytes":
      slices.get(message.slice)?.done(message.bytes);
      slices.delete(message.slice);
      break;
    case "no-bytes":
      slices.get(message.slice)?.fail(new Error(message.message));
      slices.delete(message.slice);
      break;
  }
});

/** The file as hyparquet's `AsyncBuffer`: each range is asked of the reading thread. */
function bufferOf(file: number, setup: DecodeFile): AsyncBuffer {
  return {
    byteLength: setup.byteLength,
    slice(start: number, end = setup.byteLength): Promise<ArrayBuffer> {
      const slice = nextSlice++;
      const bytes = new Promise<ArrayBuffer>((done, fail) => slices.set(slice, { done, fail }));
      // hyparquet prefetches ranges and may never await one whose chunk fails to plan.
      bytes.catch(() => {});
      post({ type: "slice", slice, file, start, end });
      return bytes;
    },
  };
}

async function decode(request: number, file: number, rows: DecodeRows): Promise<void> {
  const opened = files.get(file);
  if (opened === undefined) {
    post({ type: "failed", request, message: `parquet decoder: file ${file} is not open` });
    return;
  }
  const { setup, buffer, compressors } = opened;
  try {
    const decoded = await decodeRows(buffer, setup, compressors, rows, () => post({ type: "page" }));
    post({ type: "rows", request, rows: decoded });
  } catch (error) {
    post({ type: "failed", request, message: error instanceof Error ? error.message : String(error) });
  }
}
