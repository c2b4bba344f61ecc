import { execFile } from "node:child_process";
import { join } from "node:path";
import { run } from "../../src/cli/run.js";
import type { CliOutcome, RunCli } from "../helpers/fuzz-property.mjs";

const BIN = join(new URL("../..", import.meta.url).pathname, "bin/selfid.js");

/** The CLI in this process (src/). */
export const inProcess: RunCli = (argv, cwd) => run(argv, { cwd, env: {} });

/** The built binary in a child killed after `timeoutMs`: a kill is reported as a hang. */
export function spawned(timeoutMs = 30_000): RunCli {
  return (argv, cwd) =>
    new Promise<CliOutcome>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...argv],
        { cwd, timeout: timeoutMs, env: {}, maxBuffer: 64 << 20 },
        (error, stdout, stderr) => {
          const killed = error !== null && (error as { killed?: boolean }).killed === true;
          const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
          resolve({
            exitCode: killed ? -1 : code,
            stdout,
            stderr: killed ? `hang: killed after ${timeoutMs} ms\n${stderr}` : stderr,
          });
        },
      );
    });
}
