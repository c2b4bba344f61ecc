import { constants, createWriteStream, type WriteStream } from "node:fs";
import { access, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Checks before the scan that an output file can be written, so a typo in `--json` does not
 * surface as a crash after an hour of scanning.
 */
export async function checkWritable(flag: string, path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot write there (${describe(error)})`);
  }
}

/**
 * Opens an output stream, failing with a usage error (not an unhandled 'error' event).
 * @param append add to the file's end instead of replacing it
 * @default append false
 */
export function openOutput(flag: string, path: string, append = false): Promise<WriteStream> {
  return new Promise((done, fail) => {
    const stream = createWriteStream(path, { flags: append ? "a" : "w" });
    stream.once("error", (error) =>
      fail(new UsageError(`${flag} ${path}: cannot write (${describe(error)})`)),
    );
    stream.once("open", () => done(stream));
  });
}

/** Writes a whole output file, with the flag and path in any error. */
export async function writeOutput(flag: string, path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot write (${describe(error)})`);
  }
}

/** Ends a stream and waits until its data is on disk. */
export function closeOutput(stream: WriteStream): Promise<void> {
  return new Promise((done, fail) => {
    stream.once("error", fail);
    stream.end(() => done());
  });
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return (error as Error).message;
}
