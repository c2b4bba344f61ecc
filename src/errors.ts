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

/** Shortest value treated as a secret: redacting a shorter one would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * `text` with every occurrence of each secret replaced by `hf_***`: the last guard before text
 * leaves the process, for messages that echo what a library or a server said (an internal error's
 * stack, a server's error body). Secrets shorter than 8 characters are left alone.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join("hf_***");
  }
  return out;
}
