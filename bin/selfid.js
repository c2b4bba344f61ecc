#!/usr/bin/env node
// The CLI entry: run(), print, exit. Everything else is in dist/cli/run.js.
import { setFlagsFromString } from "node:v8";

// Compile each regex once, to native code, instead of interpreting it first and compiling it when
// it gets hot: the pattern library's ~2,600 regexes then cost a third of the start-up CPU, and
// matches are unchanged. Process-wide (worker threads too); the CLI's choice, not the library's.
setFlagsFromString("--no-regexp-tier-up");

const { main } = await import("../dist/cli/main.js");
main(process.argv.slice(2));
