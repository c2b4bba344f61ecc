import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A file of the build, by its path under dist/ (`parallel/scan-worker.js`, a worker's module;
 * `langid/ngram-model.bin`, made by `npm run build`). From the built package it sits under this
 * file's folder; when this file runs from src/ (the tests), the built copy is used: a worker
 * cannot load TypeScript, and generated files exist only in dist/.
 */
export function builtFile(path: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), path);
  const built = join(dirname(here), "../dist", path);
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
  return built;
}
