import { UsageError } from "../errors.js";

/** A write error as a user reads it: `no space left on device`, `permission denied`. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOSPC") return "no space left on device";
  if (code === "EDQUOT") return "disk quota exceeded";
  if (code === "EROFS") return "read-only file system";
  if (code === "EFBIG") return "file too large";
  return (error as Error).message;
}

/**
 * A file-system error of `--emit` (a full disk, a directory turned read-only) as a usage error
 * naming the directory and file: `--emit out/: cannot write clean/a.jsonl (no space left on device)`.
 * Other errors are returned as they are.
 */
export function emitWriteError(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !code.startsWith("E") || error instanceof UsageError) return error;
  const path = (error as NodeJS.ErrnoException).path;
  const file = path === undefined ? "" : ` ${path}`;
  return new UsageError(`--emit ${dir}: cannot write${file} (${describeWriteError(error)})`, {
    cause: error,
  });
}
