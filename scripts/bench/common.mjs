// What every part of the bench shares: where things are, and how it reports and fails.

import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The corpus generator and baselines, beside the repo. */
export const SHARED = join(ROOT, "..", "shared", "bench");
export const GNU_TIME = "/usr/bin/time";
export const SELFID = join(ROOT, "bin", "selfid.js");

/** Prints `bench: message` and exits 2 (a usage or set-up problem). */
export const fail = (message) => {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
};

/** Progress on stderr, so stdout is only the table. */
export const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** Whether a command is on the PATH. */
export const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
