#!/usr/bin/env node
// The CLI entry: run(), print, exit. Everything else is in dist/cli/run.js.
// (V8's --no-regexp-tier-up would cut start-up by a third, but set at run time with
// v8.setFlagsFromString it crashed 1 run in 30 with worker threads: not worth it.)
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2));
