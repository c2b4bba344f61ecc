/**
 * Errors that end a run with a message for the user. Anything else that escapes is a bug and is
 * reported with its stack.
 */

/** Bad command line, options or pattern files: exit code 2, message printed as is. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * An input that cannot be read at all (missing file, unreadable compression, unknown format).
 * One bad file does not abort the run: the scan counts it and goes on, unless `--strict`.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    message: string,
    /** The input as given, or the file path inside a directory or glob. */
    readonly source: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
