import { createRequire } from "node:module";
import { dirname } from "node:path";
import { defineConfig } from "vitest/config";

const require = createRequire(__filename);

export default defineConfig({
  resolve: {
    // One copy of graphql, or schema objects cross "realms" and fail instanceof checks.
    alias: { graphql: dirname(require.resolve("graphql/package.json")) },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
