const DATA_FILE = /\.(?:jsonl|ndjson|json|txt|parquet)(?:\.(?:gz|zst))?$/i;

/**
 * Whether a file name looks like data `selfid` reads: `.jsonl .ndjson .json .txt .parquet`, each
 * optionally followed by `.gz` or `.zst` (any case). Used to pick files out of a directory, where
 * READMEs, scripts and checksums sit beside the data.
 */
export function isDataFile(name: string): boolean {
  return DATA_FILE.test(name);
}
