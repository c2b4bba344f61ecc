import { basename, posix, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";

/** Which tree of the emit directory a file belongs to. */
export type EmitTree = "clean" | "flagged" | "errors";

const GLOB_MAGIC = /[*?[\]{}]/;
const HUB_URI = /^hf:\/\/datasets\/([^/@]+)\/([^/@]+)(?:@[^/]*)?\/(.+)$/;

/**
 * Where a source's outputs go inside each tree of the emit directory, as a POSIX relative path:
 * stdin is `stdin.jsonl` (`stdin.json`, `stdin.txt` for those formats); a file given by name is its basename; a file found
 * in a directory is its path relative to that directory; a glob match is its path relative to the
 * glob's fixed leading directories; a Hub file is `hf/OWNER/NAME/PATH`. Pure: reads no file.
 * @param inputs the inputs exactly as given on the command line
 */
export function relativeOutputPath(uri: string, inputs: readonly string[], format: string): string {
  if (uri === "-") return format === "txt" ? "stdin.txt" : format === "json" ? "stdin.json" : "stdin.jsonl";
  const hub = HUB_URI.exec(uri);
  if (hub) return `hf/${hub[1]}/${hub[2]}/${hub[3]}`;
  if (inputs.includes(uri)) return basename(uri);
  for (const input of inputs) {
    const base = input.endsWith("/") ? input : `${input}/`;
    if (!GLOB_MAGIC.test(input) && uri.startsWith(base)) return uri.slice(base.length);
  }
  for (const input of inputs) {
    if (!GLOB_MAGIC.test(input)) continue;
    const parts = input.split("/");
    const fixed = parts.slice(
      0,
      parts.findIndex((part) => GLOB_MAGIC.test(part)),
    );
    const base = fixed.length === 0 ? "" : `${fixed.join("/")}/`;
    if (uri.startsWith(base)) return uri.slice(base.length);
  }
  return basename(uri);
}

/**
 * `relative` as the normalised POSIX path it will be written at (backslashes read as separators,
 * `a/./b` and `a//b` as `a/b`), which is also what two inputs are compared by. Throws a
 * {@link UsageError} naming the path for one that would leave the tree (`../x`, an absolute path,
 * `a/../../b`, `a\\..\\..\\b`) or holds a NUL byte.
 */
export function normalOutputPath(relative: string): string {
  const normal = posix.normalize(relative.replaceAll("\\", "/"));
  if (
    relative.includes("\0") ||
    posix.isAbsolute(normal) ||
    normal === "." ||
    normal === ".." ||
    normal.startsWith("../")
  ) {
    throw new UsageError(`--emit: output path ${JSON.stringify(relative)} would leave the emit directory`);
  }
  return normal.replace(/\/$/, "");
}

/**
 * The absolute path of `relative` inside `dir/tree`, after {@link normalOutputPath}. Throws a
 * {@link UsageError} for a path that would leave the tree: a hostile file name must never write
 * outside the emit directory.
 */
export function pathInTree(dir: string, tree: EmitTree, relative: string): string {
  const normal = normalOutputPath(relative);
  const root = resolve(dir, tree);
  const path = resolve(root, normal);
  if (!path.startsWith(root + sep)) {
    throw new UsageError(`--emit: output path ${JSON.stringify(relative)} would leave the emit directory`);
  }
  return path;
}
