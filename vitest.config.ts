import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Threads start far faster than forks here, and no test needs process isolation.
    pool: "threads",
    testTimeout: 30_000,
    // Several suites scan a generated corpus in beforeAll: on 2 busy cores that can pass 10 s.
    hookTimeout: 60_000,
  },
});
