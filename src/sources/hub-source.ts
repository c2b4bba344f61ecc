import { Readable } from "node:stream";
import { UsageError } from "../errors.js";
import type { HubClient } from "./hub-client.js";
import { type HubFileRef, readHubRange, streamHubFile } from "./hub-download.js";
import { listHubFiles } from "./hub-list.js";
import { formatHubUri, type HubUri, parseHubUri } from "./hub-uri.js";
import type { Source } from "./source.js";

/** The revision where the dataset viewer keeps its Parquet conversion of a dataset. */
export const PARQUET_CONVERSION_REVISION = "refs/convert/parquet";

/** Which split of the Parquet conversion to read (`--split`, `--config`). */
export interface SplitSelection {
  split?: string;
  /** @default "default" */
  config?: string;
}

/** What config and split names may hold; anything else would be read as glob syntax. */
const VIEWER_NAME = /^[\w][\w.-]*$/;

/**
 * A Hub input's sources, one per file it selects, sorted by path; each `uri` is
 * `hf://datasets/OWNER/NAME@REV/PATH`. With a split or config, the input must name the dataset
 * alone, and the files are those of its Parquet conversion: `refs/convert/parquet`,
 * `CONFIG/SPLIT/*.parquet` (or `CONFIG/partial-SPLIT/` where the viewer converted only the first
 * rows of a large split). Throws a {@link UsageError} for a malformed input, an `InputError` when
 * the Hub refuses or nothing matches.
 */
export async function expandHubInput(
  client: HubClient,
  input: string,
  selection: SplitSelection = {},
): Promise<Source[]> {
  const uri = withSplit(parseHubUri(input), input, selection);
  const files = await listHubFiles(client, uri);
  return files.map((file) =>
    hubSource(client, {
      repo: uri.repo,
      revision: uri.revision,
      path: file.path,
      size: file.size,
      uri: formatHubUri({ repo: uri.repo, revision: uri.revision, path: file.path }),
    }),
  );
}

function withSplit(uri: HubUri, input: string, { split, config }: SplitSelection): HubUri {
  if (split === undefined && config === undefined) return uri;
  for (const [flag, name] of [
    ["--split", split],
    ["--config", config],
  ] as const) {
    if (name !== undefined && !VIEWER_NAME.test(name)) {
      throw new UsageError(`${flag} ${name}: expected a config or split name such as train or default`);
    }
  }
  if (uri.path !== "" || (uri.revision !== "main" && uri.revision !== PARQUET_CONVERSION_REVISION)) {
    throw new UsageError(
      `input ${input}: --split and --config choose the files of the parquet conversion themselves; give the dataset alone (hf://datasets/${uri.repo})`,
    );
  }
  const folder = split === undefined ? "*" : `{${split},partial-${split}}`;
  return {
    repo: uri.repo,
    revision: PARQUET_CONVERSION_REVISION,
    path: `${config ?? "default"}/${folder}/*.parquet`,
  };
}

/**
 * A Hub file as a {@link Source}: `open()` streams it (resuming dropped transfers), `slice()`
 * reads a byte range (Parquet). Nothing is requested until one of them is called.
 */
export function hubSource(client: HubClient, file: HubFileRef): Source {
  return {
    uri: file.uri,
    size: file.size,
    open: () => readableOf((signal) => streamHubFile(client, file, signal)),
    slice: (start, end) => readHubRange(client, file, start, end),
  };
}

/**
 * A Readable over an async generator of chunks. Unlike `Readable.from`, destroying it aborts the
 * transfer at once: `Readable.from` waits for the generator's pending step, which on a stalled
 * connection is a wait for the network.
 */
function readableOf(produce: (signal: AbortSignal) => AsyncGenerator<Uint8Array>): Readable {
  const controller = new AbortController();
  const chunks = produce(controller.signal);
  return new Readable({
    read() {
      chunks.next().then(
        (result) => this.push(result.done ? null : result.value),
        (error: unknown) => this.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      controller.abort();
      chunks.return(undefined).catch(() => {});
      callback(error);
    },
  });
}
