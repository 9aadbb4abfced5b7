import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql module instance for the code, Pothos and yoga (graphql ships both .mjs and .js builds).
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        // Compiles src/ with tsc as the image does and runs the result: slow, so kept out of the unit suite.
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // Fault and load suite: a short version by default (it runs in npm test), CHAOS_FULL=1 for the long one.
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
    reporters: ['default'],
  },
});
