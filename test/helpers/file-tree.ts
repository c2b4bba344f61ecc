import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The files under `root`, as sorted paths relative to it. */
export function fileTree(root: string): string[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((path) => statSync(join(root, path)).isFile())
    .sort();
}
