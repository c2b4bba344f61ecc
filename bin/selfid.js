#!/usr/bin/env node
// The CLI entry: run(), print, exit. Everything else is in dist/cli/run.js.
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2));
