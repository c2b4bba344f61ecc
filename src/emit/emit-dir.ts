import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { CHECKPOINT_FILE } from "./checkpoint.js";

/** What `--overwrite` removes: only what an earlier run wrote, never other files of the user's. */
const EMIT_ENTRIES = ["clean", "flagged", "errors", "manifest.json", "hits.jsonl", CHECKPOINT_FILE];

/**
 * Makes `dir` ready for a run: creates it, or refuses (a {@link UsageError}, exit 2) when it holds
 * anything, unless `overwrite`, which removes the trees, manifest, hits and checkpoint of an earlier
 * run first.
 * @param resuming the refusal is for `--resume` finding no checkpoint
 */
export async function prepareEmitDir(dir: string, overwrite = false, resuming = false): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UsageError(`--emit ${dir}: cannot read the directory (${(error as Error).message})`, {
        cause: error,
      });
    }
    entries = [];
  }
  if (entries.length > 0 && !overwrite) {
    const listed = `${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}`;
    throw new UsageError(
      resuming
        ? `--resume: ${dir} is not empty (${listed}) but holds no checkpoint of an earlier selfid --emit run`
        : `--emit ${dir}: the directory is not empty (${listed}); pass --resume to continue an interrupted run, or --overwrite to replace an earlier run's output`,
    );
  }
  for (const entry of EMIT_ENTRIES) await rm(join(dir, entry), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}
