import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Spawned-binary tests run dist/: build it as `npm run build` does (tsc, then the pattern
 * snapshot) when a source file is newer or dist is missing. No test needs the snapshot: a stale
 * or missing one only makes dist/ read the YAML.
 */
export default function setup(): void {
  const root = new URL("..", import.meta.url).pathname;
  const built = join(root, "dist/cli/main.js");
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (!existsSync(built) || newest(join(root, "src")) > statSync(built).mtimeMs) {
    run([join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")]);
  } else if (existsSync(join(root, "dist/patterns-snapshot.json"))) {
    return;
  }
  try {
    run([join(root, "scripts/snapshot-patterns.mjs")]);
  } catch {
    // A library that does not load fails its own tests, with their messages.
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
