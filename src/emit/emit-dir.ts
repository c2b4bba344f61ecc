import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";

/** What `--overwrite` removes: only what an earlier run wrote, never other files of the user's. */
const EMIT_ENTRIES = ["clean", "flagged", "errors", "manifest.json"];

/**
 * Makes `dir` ready for a run: creates it, or refuses (a {@link UsageError}, exit 2) when it holds
 * anything, unless `overwrite`, which removes the trees and manifest of an earlier run first.
 * @param ignore entries the caller itself just put there (the default hits file)
 */
export async function prepareEmitDir(
  dir: string,
  overwrite = false,
  ignore: readonly string[] = [],
): Promise<void> {
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
  const present = entries.filter((entry) => !ignore.includes(entry));
  if (present.length > 0 && !overwrite) {
    throw new UsageError(
      `--emit ${dir}: the directory is not empty (${present.slice(0, 3).join(", ")}${present.length > 3 ? ", …" : ""}); pass --overwrite to replace an earlier run's output`,
    );
  }
  for (const entry of EMIT_ENTRIES) await rm(join(dir, entry), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}
