import { run } from "./run.js";

/**
 * Process glue for bin/selfid.js: runs the CLI, prints its output, and sets the exit code. A
 * closed stdout (`selfid scan … | head`) is not an error: exit 0 (DESIGN §2).
 */
export async function main(argv: string[]): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const result = await run(argv, {
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    writeStderr: (text) => process.stderr.write(text),
  });
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}
