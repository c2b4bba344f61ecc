import { compressionOf } from "../decode/compression-of.js";
import type { SourceShare } from "../plan/shard-plan.js";
import { formatOf } from "../records/format.js";
import type { InputFormat } from "../types.js";
import type { StreamFormat } from "./scan-task.js";

/** How a scan reads its inputs: what decides which of them are streamed to the workers. */
export interface StreamSettings {
  format: InputFormat | undefined;
  textUnit: "line" | "file";
}

/**
 * The format of a share if a stream of it can be cut between records (JSONL, text read by line, a
 * JSON array), else undefined.
 */
function streamFormatOf(share: SourceShare, settings: StreamSettings): StreamFormat | undefined {
  let format: InputFormat;
  try {
    format = formatOf(share.source.uri, settings.format);
  } catch {
    // Unknown format: the input fails where it is read, with the reader's message.
    return undefined;
  }
  if (format === "jsonl" || format === "json") return format;
  return format === "txt" && settings.textUnit === "line" ? "txt" : undefined;
}

/**
 * The format of a share that can be streamed to the workers, or undefined: a JSONL, text or JSON
 * input that no worker opens itself (a Hub file, stdin) or that only one thread can read (a
 * compressed file, a JSON array); a local uncompressed JSONL or text file is read in byte ranges.
 */
export function streamableFormat(share: SourceShare, settings: StreamSettings): StreamFormat | undefined {
  const format = streamFormatOf(share, settings);
  const { source } = share;
  if (format !== "json" && source.path !== undefined && compressionOf(source.uri) === "none")
    return undefined;
  return format;
}

/**
 * Which shares this thread reads as a stream while `workers` scan their records (`streamShare`),
 * in which format: every streamable input no worker can open (a Hub file, stdin); and a local
 * compressed file or JSON array when the local files are too few to keep the workers busy
 * otherwise (a lone `.jsonl.zst`, one big `.json`); with more, each is one worker's task.
 */
export function streamedShares(
  shares: readonly SourceShare[],
  settings: StreamSettings,
  workers: number,
): (share: SourceShare) => StreamFormat | undefined {
  let fileTasks = 0;
  for (const share of shares) {
    if (share.source.path !== undefined) fileTasks += share.ranges?.length ?? 1;
  }
  const streamLocal = fileTasks < workers;
  return (share) =>
    share.source.path !== undefined && !streamLocal ? undefined : streamableFormat(share, settings);
}
