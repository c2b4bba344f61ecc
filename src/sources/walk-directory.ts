import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { compareCodeUnits } from "./compare-code-units.js";
import { isDataFile } from "./is-data-file.js";

/** A file found by {@link walkDirectory}. */
export interface WalkedFile {
  /** Path relative to the walked directory, `/`-separated. */
  relative: string;
  /** Path to open. */
  path: string;
  /** The file's real path, symbolic links resolved: the identity used to drop duplicates. */
  realPath: string;
  /** A symbolic link to nothing (or to itself): listed so that reading it fails, not skipped in silence. */
  broken?: true;
}

/**
 * The data files under `dir`, recursively, sorted by relative path (plain code-unit order, the same
 * on every machine and locale). Hidden entries (a name starting with `.`) and non-data files are
 * skipped. Symbolic links are followed; a directory whose real path was already walked is not
 * walked again, which ends link loops, so each real file is listed once per path that reaches it
 * without going round a loop. A broken link with a data file's name (its target missing, or a loop
 * of links) is listed with `broken`, so the scan reports it as an input it could not read.
 * @param dir path of the directory to walk
 */
export async function walkDirectory(dir: string): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  const walked = new Set<string>();

  const visit = async (path: string, real: string, prefix: string): Promise<void> => {
    if (walked.has(real)) return;
    walked.add(real);
    const entries = await readdir(path, { withFileTypes: true });
    // readdir order depends on the file system; sorting makes "which link path wins" reproducible.
    entries.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const childPath = join(path, entry.name);
      const kind = await kindOf(entry, childPath);
      if (kind === "directory") {
        const childReal = entry.isSymbolicLink() ? await realpath(childPath) : join(real, entry.name);
        await visit(childPath, childReal, `${prefix}${entry.name}/`);
      } else if (kind === "file" && isDataFile(entry.name)) {
        const childReal = entry.isSymbolicLink() ? await realpath(childPath) : join(real, entry.name);
        files.push({ relative: `${prefix}${entry.name}`, path: childPath, realPath: childReal });
      } else if (kind === "broken" && isDataFile(entry.name)) {
        const link = join(real, entry.name);
        files.push({ relative: `${prefix}${entry.name}`, path: childPath, realPath: link, broken: true });
      }
    }
  };

  await visit(dir, await realpath(dir), "");
  return files.sort((a, b) => compareCodeUnits(a.relative, b.relative));
}

async function kindOf(entry: Dirent, path: string): Promise<"file" | "directory" | "broken" | "other"> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? "directory" : entry.isFile() ? "file" : "other";
  try {
    const target = await stat(path);
    return target.isDirectory() ? "directory" : target.isFile() ? "file" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR" ? "broken" : "other";
  }
}
