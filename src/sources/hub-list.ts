import { createRequire } from "node:module";
import { listFiles } from "@huggingface/hub";
import fg from "fast-glob";
import { InputError } from "../errors.js";
import { compareCodeUnits } from "./compare-code-units.js";
import type { HubClient } from "./hub-client.js";
import { hubInputError } from "./hub-errors.js";
import { formatHubUri, type HubUri } from "./hub-uri.js";
import { isDataFile } from "./is-data-file.js";

/** One file of a Hub dataset, as the tree listing gives it. */
export interface HubFile {
  /** Path inside the repo, e.g. `data/train-00000.jsonl.zst`. */
  path: string;
  /** Size in bytes (for LFS and Xet files, the real size, not the pointer's). */
  size: number;
}

/**
 * The part of picomatch we use. It is the matcher fast-glob itself runs (through micromatch), so a
 * glob selects the same files on the Hub as it would on disk; it ships no types.
 */
type Picomatch = (glob: string, options?: { dot?: boolean }) => (path: string) => boolean;
const picomatch = createRequire(import.meta.url)("picomatch") as Picomatch;

/**
 * Lists the files `uri` selects, sorted by path (code-unit order):
 * - no path: every data file of the repo (`.jsonl .ndjson .json .txt .parquet`, optionally `.gz` or
 *   `.zst`; READMEs, scripts and `.gitattributes` sit beside the data);
 * - a glob (fast-glob's syntax, hidden files excluded): the data files it matches;
 * - a file: that file, whatever its extension (as with a local file, the name says it is wanted);
 * - a directory: its data files, recursively.
 *
 * Hidden files and folders (`.cache/`, `.hidden.jsonl`) are skipped, as in a local directory.
 *
 * The listing is the server's word, and a hostile or broken server could name a file
 * `../../x.jsonl`: a file path that no Git repo can hold (see {@link unsafePathReason}), or a size
 * that is not a byte count, refuses the whole input before anything is requested or written.
 *
 * Only the folder a glob is rooted in is listed (`data/*.jsonl` lists `data/`), which matters for
 * repos with many thousands of files. Throws an {@link InputError} when the Hub refuses (see
 * `hubInputError`: access, a missing dataset, revision or path) or when nothing matches.
 */
export async function listHubFiles(client: HubClient, uri: HubUri): Promise<HubFile[]> {
  const input = formatHubUri(uri);
  const dynamic = uri.path !== "" && fg.isDynamicPattern(uri.path);
  const segments = uri.path === "" ? [] : uri.path.split("/");
  // A literal path may be a file or a folder, which only its parent's listing tells apart.
  const root = dynamic
    ? segments.slice(
        0,
        segments.findIndex((s) => fg.isDynamicPattern(s)),
      )
    : segments.slice(0, -1);

  const entries: HubFile[] = [];
  const folders = new Set<string>();
  try {
    for await (const entry of listFiles({
      repo: { type: "dataset", name: uri.repo },
      recursive: true,
      // The client puts both into the URL as they are: a ref like refs/convert/parquet must reach
      // the server as one segment, and odd characters in a path must not break the URL.
      revision: encodeURIComponent(uri.revision),
      ...(root.length > 0 ? { path: root.map(encodeURIComponent).join("/") } : {}),
      hubUrl: client.hubUrl,
      fetch: client.fetch,
      ...(client.token === undefined ? {} : { accessToken: client.token }),
    })) {
      if (entry.type === "file") {
        const size = entry.lfs?.size ?? entry.size;
        checkListedFile(client, uri, input, entry.path, size);
        entries.push({ path: entry.path, size });
      } else if (entry.type === "directory") folders.add(entry.path);
    }
  } catch (error) {
    throw hubInputError(client, { ...uri, path: root.join("/"), source: input }, error);
  }

  let selected: HubFile[];
  if (uri.path === "") {
    selected = entries.filter((e) => isDataFile(e.path) && !isHidden(e.path));
  } else if (dynamic) {
    const matches = picomatch(uri.path, { dot: false });
    selected = entries.filter((e) => isDataFile(e.path) && matches(e.path));
  } else {
    const file = entries.find((e) => e.path === uri.path);
    const prefix = `${uri.path}/`;
    selected = file
      ? [file]
      : entries.filter((e) => e.path.startsWith(prefix) && isDataFile(e.path) && !isHidden(e.path));
    if (!file && selected.length === 0 && !folders.has(uri.path)) {
      throw new InputError(
        `hub datasets/${uri.repo}@${uri.revision}: path ${uri.path} not found (no such file or folder)`,
        input,
      );
    }
  }
  if (selected.length === 0) {
    const what = dynamic ? `the glob ${uri.path} matched no data files` : "no data files";
    throw new InputError(
      `hub datasets/${uri.repo}@${uri.revision}: ${what} (.jsonl .ndjson .json .txt .parquet, optionally .gz or .zst)`,
      input,
    );
  }
  return selected.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** Longest file path accepted from a listing, in UTF-16 code units (Git and the Hub allow 4096). */
const MAX_PATH_LENGTH = 4096;

/**
 * Why a file path from a listing cannot be a file of a Git repo, or `undefined` when it can: it is
 * requested from the Hub segment by segment, and `--emit` mirrors it on disk, so `.`/`..` or
 * empty segments, a leading `/`, a backslash (a separator on Windows), NUL and other control
 * characters are refused rather than interpreted.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "an empty path";
  if (path.length > MAX_PATH_LENGTH) return `longer than ${MAX_PATH_LENGTH} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  if (/[\u0000-\u001f\u007f]/.test(path)) return "a control character";
  if (path.includes("\\")) return "a backslash";
  if (path.startsWith("/")) return "an absolute path";
  for (const segment of path.split("/")) {
    if (segment === "") return "an empty segment";
    if (segment === "." || segment === "..") return `a ${segment} segment`;
  }
  return undefined;
}

function checkListedFile(client: HubClient, uri: HubUri, input: string, path: unknown, size: unknown): void {
  const at = `hub datasets/${uri.repo}@${uri.revision}`;
  if (typeof path !== "string") {
    throw new InputError(
      `${at}: the listing holds a file without a path; the hub's answer is malformed`,
      input,
    );
  }
  const reason = unsafePathReason(path);
  if (reason !== undefined) {
    throw new InputError(
      client.scrub(
        `${at}: the listing names the file ${JSON.stringify(path.slice(0, 200))} (${reason}); refusing the dataset rather than reading or writing a path outside it`,
      ),
      input,
    );
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new InputError(
      client.scrub(
        `${at}: the listing gives ${JSON.stringify(path)} the size ${String(JSON.stringify(size)).slice(0, 40)}; expected a byte count`,
      ),
      input,
    );
  }
}

/** Whether any segment of a repo path starts with a dot. */
function isHidden(path: string): boolean {
  return path.startsWith(".") || path.includes("/.");
}
