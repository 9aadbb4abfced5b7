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
    ],
    reporters: ['default'],
  },
});
