import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Spawned-binary tests run dist/: build it when a source file is newer (or dist is missing). */
export default function setup(): void {
  const root = new URL("..", import.meta.url).pathname;
  const built = join(root, "dist/cli/main.js");
  if (existsSync(built) && newest(join(root, "src")) <= statSync(built).mtimeMs) return;
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")],
    {
      stdio: "inherit",
    },
  );
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
