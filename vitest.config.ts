import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Threads start far faster than forks here, and no test needs process isolation.
    pool: "threads",
    testTimeout: 30_000,
  },
});
