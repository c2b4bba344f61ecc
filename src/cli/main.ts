import { constants } from "node:os";
import { run } from "./run.js";

/** The signals that stop a scan early, with its report written (DESIGN §2). */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Process glue for bin/selfid.js: runs the CLI, prints its output, and sets the exit code. A
 * closed stdout (`selfid scan … | head`) is not an error: exit 0 (DESIGN §2).
 *
 * `selfid scan` stops early on the first SIGINT or SIGTERM: it reads no more records, writes its
 * report marked `"complete": false`, and exits 130 or 143 (128 + the signal, as a shell reports a
 * process the signal ended). A second signal, or one to any other command, ends it at once.
 */
export async function main(argv: string[]): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const stopping = new AbortController();
  // Only a scan runs long enough to be worth stopping cleanly; the others take seconds.
  const stoppable = argv[0] === "scan";
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stoppable || stopping.signal.aborted) process.exit(128 + constants.signals[signal]);
    stopping.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const result = await run(argv, {
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    writeStderr: (text) => process.stderr.write(text),
    signal: stopping.signal,
  });
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
  if (stopping.signal.aborted) {
    // A stopped scan may leave a read it cut off still settling (a stalled download): do not wait.
    process.stdout.write("", () => process.exit(result.exitCode));
  }
}
