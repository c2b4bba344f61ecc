import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The built module `path` (relative to dist/, e.g. `parallel/scan-worker.js`) for a worker thread.
 * From the built package it sits under this file's folder; when this file runs from src/ (the
 * tests), the built copy is used: a worker cannot load TypeScript.
 */
export function workerScript(path: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), path);
  const built = join(dirname(here), "../dist", path);
  if (!existsSync(built)) throw new Error(`worker script ${built} is missing: run npm run build`);
  return built;
}
