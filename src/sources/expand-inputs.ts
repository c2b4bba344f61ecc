import { type Dirent, readdir as readdirCallback, type Stats } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import type fg from "fast-glob";
import { InputError } from "../errors.js";
import { compareCodeUnits } from "./compare-code-units.js";
import { describeFsError } from "./describe-fs-error.js";
import { fileSource, stdinSource } from "./file-source.js";
import { createHubClient, type HubClient, type HubOptions } from "./hub-client.js";
import { isHubUri } from "./hub-uri.js";
import type { Source } from "./source.js";
import { walkDirectory } from "./walk-directory.js";

/** Options of {@link expandInputs}. */
export interface ExpandInputsOptions {
  /** Directory that relative inputs and globs are resolved against. @default process.cwd() */
  cwd?: string;
  /** The stream that `-` reads. @default process.stdin */
  stdin?: Readable;
  /** Endpoint, token, concurrency and split for `hf://datasets/…` inputs. @default the public Hub, no token */
  hub?: HubOptions;
}

/** Characters that make an input a glob, when it is not also the name of an existing path. */
const GLOB_MAGIC = /[*?[\]{}]/;

/** How many files to stat at once: enough to hide latency, few enough to stay clear of EMFILE. */
const STAT_CONCURRENCY = 64;

interface Found {
  uri: string;
  path: string;
  realPath?: string;
  /** A link to nothing, found in a directory: a source that fails when read. */
  broken?: true;
}

/**
 * Turns command-line inputs into the list of sources to scan, in a deterministic order: inputs in
 * the order given, each one expanded and sorted by path (code-unit order).
 *
 * - a file (or named pipe): itself, `uri` exactly as given;
 * - a directory: its data files, recursively (see `walkDirectory`: hidden entries and non-data files
 *   skipped, links followed, loops cut), `uri` = the input joined with the relative path;
 * - a glob (`* ? [ ] { }`, when no path of that name exists): the files fast-glob matches, hidden ones
 *   excluded but all extensions kept, since the pattern already says which files are wanted;
 * - `-`: stdin, at most once;
 * - `hf://datasets/OWNER/NAME[@REV][/PATH-OR-GLOB]`: the Hub files it selects (see `expandHubInput`),
 *   `uri` = `hf://datasets/OWNER/NAME@REV/PATH`. All Hub inputs share one client, so one
 *   concurrency limit.
 *
 * A file reached twice (by two inputs, or through a link) is listed once, at its first position.
 * Throws an {@link InputError} for a missing path, a glob or directory with nothing to read, or a
 * second `-`.
 */
export async function expandInputs(inputs: string[], options: ExpandInputsOptions = {}): Promise<Source[]> {
  const cwd = options.cwd ?? process.cwd();
  const sources: Source[] = [];
  const listed = new Set<string>();
  let stdinTaken = false;
  let hub: HubClient | undefined;

  for (const input of inputs) {
    if (isHubUri(input)) {
      hub ??= createHubClient(options.hub);
      // The Hub client library (~60 ms to import) only for Hub inputs.
      const { expandHubInput } = await import("./hub-source.js");
      for (const source of await expandHubInput(hub, input, options.hub)) {
        if (listed.has(source.uri)) continue;
        listed.add(source.uri);
        sources.push(source);
      }
      continue;
    }
    if (input === "-") {
      if (stdinTaken) throw new InputError("input -: stdin can be read only once; give - once", input);
      stdinTaken = true;
      sources.push(stdinSource(options.stdin ?? process.stdin));
      continue;
    }
    for (const { uri, path, realPath, stats } of await inspect(await expandOne(input, cwd))) {
      if (listed.has(realPath)) continue;
      listed.add(realPath);
      sources.push(
        stats === undefined
          ? brokenLinkSource(uri)
          : fileSource(uri, path, stats.isFile() ? stats.size : undefined),
      );
    }
  }
  return sources;
}

async function expandOne(input: string, cwd: string): Promise<Found[]> {
  const path = resolve(cwd, input);
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === "ENOENT" || code === "ENOTDIR") && GLOB_MAGIC.test(input)) return expandGlob(input, cwd);
    throw new InputError(`input ${input}: ${describeFsError(error)}`, input, { cause: error });
  }
  if (!stats.isDirectory()) return [{ uri: input, path }];

  let files: Awaited<ReturnType<typeof walkDirectory>>;
  try {
    files = await walkDirectory(path);
  } catch (error) {
    throw new InputError(`input ${input}: cannot read the directory: ${describeFsError(error)}`, input, {
      cause: error,
    });
  }
  if (files.length === 0) {
    throw new InputError(
      `input ${input}: the directory holds no data files (.jsonl .ndjson .json .txt .parquet, optionally .gz or .zst)`,
      input,
    );
  }
  const base = input.endsWith("/") ? input : `${input}/`;
  return files.map((file) => ({
    uri: base + file.relative,
    path: file.path,
    realPath: file.realPath,
    ...(file.broken ? { broken: file.broken } : {}),
  }));
}

async function expandGlob(pattern: string, cwd: string): Promise<Found[]> {
  let matches: string[];
  try {
    // fast-glob (~50 ms to import) only for globs.
    const { default: glob } = await import("fast-glob");
    matches = await glob(pattern, {
      cwd,
      onlyFiles: true,
      dot: false,
      followSymbolicLinks: true,
      unique: true,
      fs: loopCuttingFs(),
    });
  } catch (error) {
    throw new InputError(`input "${pattern}": the glob failed: ${describeFsError(error)}`, pattern, {
      cause: error,
    });
  }
  if (matches.length === 0) throw new InputError(`input "${pattern}": the glob matched no files`, pattern);
  // fast-glob returns paths in the pattern's own form (relative stays relative), which is the uri.
  return matches.sort(compareCodeUnits).map((match) => ({ uri: match, path: resolve(cwd, match) }));
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[] | string[]) => void;

/**
 * fast-glob's file system with one change: a directory whose real path is that of one of its own
 * ancestors reads as empty. fast-glob follows links without looking for loops, so `a -> .` is
 * walked until the path is too long for the OS, and two such links make that 2^40 paths: a glob
 * that never ends. Cutting at the ancestor (not at any directory seen before, as
 * `walkDirectory` does) keeps every match a glob can name through a link that is not a loop.
 */
function loopCuttingFs(): Partial<fg.FileSystemAdapter> {
  const reals = new Map<string, Promise<string | undefined>>();
  const realOf = (path: string): Promise<string | undefined> => {
    let real = reals.get(path);
    if (real === undefined) {
      real = realpath(path).catch(() => undefined);
      reals.set(path, real);
    }
    return real;
  };
  const isLoop = async (path: string): Promise<boolean> => {
    const real = await realOf(path);
    if (real === undefined) return false;
    for (let up = dirname(path); ; up = dirname(up)) {
      if ((await realOf(up)) === real) return true;
      if (dirname(up) === up) return false;
    }
  };
  const readdir = (path: string, ...rest: unknown[]): void => {
    const callback = rest.pop() as ReaddirCallback;
    const options = rest[0] as { withFileTypes: true } | undefined;
    isLoop(resolve(path)).then(
      (loop) => {
        if (loop) callback(null, []);
        else if (options) readdirCallback(path, options, callback);
        else readdirCallback(path, callback);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  return { readdir: readdir as unknown as fg.FileSystemAdapter["readdir"] };
}

interface Inspected extends Found {
  realPath: string;
  /** Absent for a broken link. */
  stats: Stats | undefined;
}

/**
 * A broken link found in a directory, as a source whose reading fails with an {@link InputError}:
 * the scan counts and reports it and goes on, as with any file it cannot read.
 */
function brokenLinkSource(uri: string): Source {
  return {
    uri,
    open: () =>
      Readable.from(
        (async function* () {
          yield* [];
          throw new InputError(
            `input ${uri}: broken symbolic link (its target does not exist, or links round in a loop)`,
            uri,
          );
        })(),
      ),
  };
}

async function inspect(found: Found[]): Promise<Inspected[]> {
  const out: Inspected[] = [];
  for (let i = 0; i < found.length; i += STAT_CONCURRENCY) {
    const batch = found.slice(i, i + STAT_CONCURRENCY);
    out.push(
      ...(await Promise.all(
        batch.map(async (f) => {
          if (f.broken) return { ...f, realPath: f.realPath ?? f.path, stats: undefined };
          try {
            const [stats, realPath] = await Promise.all([stat(f.path), f.realPath ?? identityOf(f.path)]);
            return { ...f, realPath, stats };
          } catch (error) {
            // Deleted or made unreadable between listing and now.
            throw new InputError(`input ${f.uri}: ${describeFsError(error)}`, f.uri, { cause: error });
          }
        }),
      )),
    );
  }
  return out;
}

/**
 * A path's real path, or the path itself when it has none: `/dev/stdin` and `<(zcat …)`'s
 * `/dev/fd/63` resolve to `pipe:[…]`, which `realpath` reports as missing.
 */
async function identityOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}
