import { Worker } from "node:worker_threads";
import type { AsyncBuffer } from "hyparquet";
import { builtFile } from "../built-file.js";
import { startStallTimer } from "../stall-timer.js";
import type { DecodeFile, DecodeRows, FromDecoder, ToDecoder } from "./parquet-decode-protocol.js";

/** A decode that made no progress for its whole allowance: its thread was terminated. */
export class ParquetDecodeStalled extends Error {
  override name = "ParquetDecodeStalled";
  constructor(readonly milliseconds: number) {
    super(noProgress(milliseconds));
  }
}

/** One file opened on a {@link ParquetDecoder}. */
export interface DecoderFile {
  /**
   * The rows, decoded in the decode thread. Rejects with {@link ParquetDecodeStalled} when the
   * thread sends nothing (no byte range asked for, no page finished) for `allowanceMs`, with the
   * error a byte range failed with, or with hyparquet's error.
   */
  decode(rows: DecodeRows, allowanceMs: number): Promise<Record<string, unknown>[]>;
  /** Frees the file in the decode thread. */
  close(): void;
}

interface Request {
  file: OpenFile;
  allowanceMs: number;
  done: (rows: Record<string, unknown>[]) => void;
  fail: (error: Error) => void;
}

interface OpenFile {
  buffer: AsyncBuffer;
  /** The decode thread the file was opened on; a later one does not know it. */
  thread: Worker;
  /** The first error a byte range of the file failed with: the cause of the decode's failure. */
  sliceError: Error | undefined;
}

/**
 * Runs hyparquet in a thread of its own, with a watchdog. A corrupt page can send hyparquet's
 * decoder into an endless loop (a page header field gone missing makes its read offset NaN); in
 * this thread that would block every signal handler and timer for good. The decode thread gets
 * its byte ranges from this thread, so sources keep working as they are (Hub, stop-aware slices),
 * and reports progress with every range it asks for and every page it finishes. When it is silent
 * for a request's whole allowance, it is terminated and the requests in flight fail with
 * {@link ParquetDecodeStalled}; the next file starts a new thread.
 *
 * One decoder serves a thread's Parquet files one after another ({@link sharedParquetDecoder});
 * its thread is started on first use and does not keep the process alive while idle.
 */
export class ParquetDecoder {
  #thread: Worker | undefined;
  readonly #files = new Map<number, OpenFile>();
  readonly #requests = new Map<number, Request>();
  #nextFile = 0;
  #nextRequest = 0;
  /** Byte ranges this thread is fetching for the decode thread: silence then is not a stall. */
  #fetching = 0;
  #watchdog: NodeJS.Timeout | undefined;
  /** Counts the decode thread's messages, so a watchdog that fires late can see one came. */
  #heard = 0;

  /** Opens a file for decoding: `buffer` serves its bytes, `setup` is what hyparquet needs. */
  open(buffer: AsyncBuffer, setup: DecodeFile): DecoderFile {
    const thread = this.#startedThread();
    const id = this.#nextFile++;
    const file: OpenFile = { buffer, thread, sliceError: undefined };
    this.#files.set(id, file);
    post(thread, { type: "open", file: id, setup });
    return {
      decode: (rows, allowanceMs) => this.#decode(id, file, rows, allowanceMs),
      close: () => {
        if (this.#files.delete(id) && this.#thread === file.thread) {
          post(file.thread, { type: "close", file: id });
        }
      },
    };
  }

  #decode(
    id: number,
    file: OpenFile,
    rows: DecodeRows,
    allowanceMs: number,
  ): Promise<Record<string, unknown>[]> {
    if (this.#thread !== file.thread) {
      return Promise.reject(new Error("the parquet decode thread this file was opened on was stopped"));
    }
    const request = this.#nextRequest++;
    return new Promise((done, fail) => {
      this.#requests.set(request, { file, allowanceMs, done, fail });
      if (this.#requests.size === 1) file.thread.ref();
      post(file.thread, { type: "decode", request, file: id, rows });
      this.#watch();
    });
  }

  #startedThread(): Worker {
    if (this.#thread) return this.#thread;
    const thread = new Worker(builtFile("records/parquet-decode-worker.js"));
    thread.unref();
    thread.on("message", (message: FromDecoder) => this.#hear(thread, message));
    thread.on("error", (error) =>
      this.#lose(thread, new Error(`the parquet decode thread failed: ${error.message}`)),
    );
    thread.on("messageerror", (error) => this.#lose(thread, error));
    thread.on("exit", (code) =>
      this.#lose(thread, new Error(`the parquet decode thread exited with code ${code}`)),
    );
    this.#thread = thread;
    return thread;
  }

  #hear(thread: Worker, message: FromDecoder): void {
    if (thread !== this.#thread) return;
    this.#heard++;
    switch (message.type) {
      case "slice":
        this.#serve(thread, message.slice, message.file, message.start, message.end);
        break;
      case "rows":
        this.#settle(message.request)?.done(message.rows);
        break;
      case "failed": {
        const request = this.#settle(message.request);
        request?.fail(request.file.sliceError ?? new Error(message.message));
        break;
      }
      case "page":
        break;
    }
    this.#watch();
  }

  /** Fetches a byte range in this thread, where the source lives, and hands it over. */
  #serve(thread: Worker, slice: number, fileId: number, start: number, end: number): void {
    const file = this.#files.get(fileId);
    if (file === undefined) {
      post(thread, { type: "no-bytes", slice, message: "parquet decoder: the file was closed" });
      return;
    }
    this.#fetching++;
    Promise.resolve(file.buffer.slice(start, end)).then(
      (bytes) => this.#served(thread, { type: "bytes", slice, bytes }),
      (error: unknown) => {
        const cause = error instanceof Error ? error : new Error(String(error));
        file.sliceError ??= cause;
        this.#served(thread, { type: "no-bytes", slice, message: cause.message });
      },
    );
  }

  #served(thread: Worker, message: ToDecoder): void {
    this.#fetching--;
    if (thread !== this.#thread) return;
    post(thread, message);
    this.#watch();
  }

  #settle(request: number): Request | undefined {
    const pending = this.#requests.get(request);
    this.#requests.delete(request);
    if (pending && this.#requests.size === 0) pending.file.thread.unref();
    return pending;
  }

  /**
   * (Re)starts the watchdog while the decode thread has work and nothing to wait for here. Its
   * allowance is the largest of the requests in flight: they are decoded one after another.
   */
  #watch(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#requests.size === 0 || this.#fetching > 0) return;
    let allowance = 0;
    for (const request of this.#requests.values()) allowance = Math.max(allowance, request.allowanceMs);
    const heard = this.#heard;
    this.#watchdog = startStallTimer(
      allowance,
      () => this.#heard === heard && this.#fetching === 0 && this.#thread !== undefined,
      () => this.#lose(this.#thread as Worker, new ParquetDecodeStalled(allowance)),
    );
  }

  /** Ends `thread` (if it is still this decoder's) and fails everything in flight on it. */
  #lose(thread: Worker, error: Error): void {
    if (thread !== this.#thread) return;
    this.#thread = undefined;
    clearTimeout(this.#watchdog);
    void thread.terminate();
    const requests = [...this.#requests.values()];
    this.#requests.clear();
    for (const request of requests) request.fail(error);
  }
}

/**
 * What a batch that stalled is reported as, after its `where`: for a stall of `milliseconds`.
 */
export function describeStall(milliseconds: number): string {
  return `${noProgress(milliseconds)}; the data is likely corrupt (a slow machine: raise --parquet-stall-timeout)`;
}

/** `postMessage`, with the message checked against the protocol. */
function post(thread: Worker, message: ToDecoder): void {
  thread.postMessage(message);
}

let shared: ParquetDecoder | undefined;

/** This thread's decoder, made on first use. */
export function sharedParquetDecoder(): ParquetDecoder {
  shared ??= new ParquetDecoder();
  return shared;
}

function noProgress(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `the decoder made no progress for ${seconds >= 10 ? Math.round(seconds) : Number(seconds.toFixed(1))} s`;
}
