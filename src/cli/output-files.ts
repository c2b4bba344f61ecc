import { constants, createWriteStream, type WriteStream } from "node:fs";
import { access, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describeWriteError } from "../emit/write-error.js";
import { UsageError } from "../errors.js";

/**
 * Checks before the scan that an output file can be written, so a typo in `--json` does not
 * surface as a crash after an hour of scanning.
 */
export async function checkWritable(flag: string, path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot write there (${describeWriteError(error)})`);
  }
}

/** A stream opened by {@link openOutput}: the first write error is kept for {@link closeOutput}. */
export interface OutputStream extends WriteStream {
  /** The first error writing failed with, as a usage error naming the flag and file. */
  failure?: UsageError;
  /** Makes a write error a usage error naming the flag and file. */
  explain(error: Error): UsageError;
}

/**
 * Opens an output stream, failing with a usage error (not an unhandled 'error' event). A later
 * write error (a full disk) is kept on the stream, reported by {@link closeOutput}, and handed to
 * `onFailure` at once, so the caller can stop the work whose output is lost.
 * @param append add to the file's end instead of replacing it
 * @default append false
 */
export function openOutput(
  flag: string,
  path: string,
  append = false,
  onFailure?: (error: UsageError) => void,
): Promise<OutputStream> {
  return new Promise((done, fail) => {
    const explain = (error: Error) =>
      new UsageError(`${flag} ${path}: cannot write (${describeWriteError(error)})`, { cause: error });
    const stream: OutputStream = Object.assign(createWriteStream(path, { flags: append ? "a" : "w" }), {
      explain,
    });
    let opened = false;
    stream.on("error", (error) => {
      const failure = explain(error);
      if (!opened) return fail(failure);
      stream.failure ??= failure;
      onFailure?.(failure);
    });
    stream.once("open", () => {
      opened = true;
      done(stream);
    });
  });
}

/**
 * Writes a whole output file, with the flag and path in any error. A regular file is written under
 * a temporary name beside it and renamed when complete, so a full disk never leaves a truncated
 * report that looks finished; a device or pipe (`/dev/stdout`) is written directly.
 */
export async function writeOutput(flag: string, path: string, text: string): Promise<void> {
  const direct = await stat(path).then(
    (stats) => !stats.isFile(),
    () => false,
  );
  const target = direct ? path : join(dirname(path), `.${basename(path)}.partial`);
  try {
    await writeFile(target, text);
    if (!direct) await rename(target, path);
  } catch (error) {
    if (!direct) await rm(target, { force: true }).catch(() => {});
    throw new UsageError(`${flag} ${path}: cannot write (${describeWriteError(error)})`, { cause: error });
  }
}

/**
 * Removes an output a failure cut short, so it cannot pass for complete: only a regular file (a
 * device such as /dev/full, or a pipe, is left alone).
 */
export async function removeOutput(path: string): Promise<void> {
  const regular = await stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (regular) await rm(path, { force: true });
}

/**
 * Ends a stream and waits until its data is on disk; rejects with the first write error it met
 * (see {@link openOutput}).
 */
export function closeOutput(stream: OutputStream): Promise<void> {
  return new Promise((done, fail) => {
    if (stream.failure) {
      stream.destroy();
      return fail(stream.failure);
    }
    // The end callback can learn of a write error before the 'error' event does.
    stream.end((error?: Error | null) => {
      const cause = stream.errored ?? error;
      const failure = stream.failure ?? (cause ? stream.explain(cause) : undefined);
      if (failure) fail(failure);
      else done();
    });
  });
}
