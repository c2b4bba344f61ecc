#!/usr/bin/env node
// Run by `npm run build` after tsc: validates the built-in pattern library once, here, and writes
//   dist/patterns-snapshot.json        the PatternSet, with the sha256 of every file it came from
//   dist/patterns-compile-hints.json   the regexes it compiles to (all valid) and their literals
// so that each process (and each worker) need not parse YAML, run zod and check every regex again.
// loadPatterns() uses the snapshot only while every pattern file is byte for byte what it was made
// from; compilePatterns() uses a hint only for the exact regex source it was made for.
import { rmSync, writeFileSync } from "node:fs";
import { compileHints } from "../dist/match/compile-patterns.js";
import { loadPatterns, snapshotPatterns } from "../dist/match/load-patterns.js";

const snapshotFile = new URL("../dist/patterns-snapshot.json", import.meta.url);
const hintsFile = new URL("../dist/patterns-compile-hints.json", import.meta.url);
// Stale files would only go unused, but a failed build should not leave them looking current.
rmSync(snapshotFile, { force: true });
rmSync(hintsFile, { force: true });
try {
  writeFileSync(snapshotFile, `${JSON.stringify(snapshotPatterns())}\n`);
  // The set comes from the snapshot just written, which matches the files as they are now.
  writeFileSync(hintsFile, `${JSON.stringify(compileHints(loadPatterns()))}\n`);
} catch (error) {
  rmSync(snapshotFile, { force: true });
  console.error(
    `snapshot-patterns: the built-in library does not load, no snapshot written\n${error.message}`,
  );
  process.exit(1);
}
