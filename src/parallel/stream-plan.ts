import { compressionOf } from "../decode/compression-of.js";
import type { SourceShare } from "../plan/shard-plan.js";
import { formatOf } from "../records/format.js";
import type { InputFormat } from "../types.js";

/** How a scan reads its inputs: what decides which of them are streamed to the workers. */
export interface StreamSettings {
  format: InputFormat | undefined;
  textUnit: "line" | "file";
}

/**
 * The line format of a share (JSONL, or text read by line), or undefined: the formats whose records
 * a stream can be cut between, at any line end.
 */
function lineFormatOf(share: SourceShare, settings: StreamSettings): "jsonl" | "txt" | undefined {
  let format: InputFormat;
  try {
    format = formatOf(share.source.uri, settings.format);
  } catch {
    // Unknown format: the input fails where it is read, with the reader's message.
    return undefined;
  }
  if (format === "jsonl") return "jsonl";
  return format === "txt" && settings.textUnit === "line" ? "txt" : undefined;
}

/**
 * The line format of a share that can be streamed to the workers — a line-based input that no
 * worker opens itself (a Hub file, stdin) or that is compressed — or undefined.
 */
export function streamableFormat(share: SourceShare, settings: StreamSettings): "jsonl" | "txt" | undefined {
  const { source } = share;
  if (source.path !== undefined && compressionOf(source.uri) === "none") return undefined;
  return lineFormatOf(share, settings);
}

/**
 * Which shares this thread reads as a stream while `workers` scan their lines (`streamShare`), in
 * which format: every line-based input no worker can open (a Hub file, stdin); and a local
 * compressed one when the local files are too few to keep the workers busy otherwise (a lone
 * `.jsonl.zst`); with more, each compressed file is one worker's task, decompressed there.
 */
export function streamedShares(
  shares: readonly SourceShare[],
  settings: StreamSettings,
  workers: number,
): (share: SourceShare) => "jsonl" | "txt" | undefined {
  let fileTasks = 0;
  for (const share of shares) {
    if (share.source.path !== undefined) fileTasks += share.ranges?.length ?? 1;
  }
  const streamLocal = fileTasks < workers;
  return (share) =>
    share.source.path !== undefined && !streamLocal ? undefined : streamableFormat(share, settings);
}
