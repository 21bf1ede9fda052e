import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for Pothos and Yoga;
    // without this alias Vite would hand our sources the ESM one, and graphql refuses mixed realms.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The explorer and the dataset questions' db hits on a graph holding the public datasets run in `npm run test:datasets` only.
    exclude: ['**/node_modules/**', 'test/db/explorer-datasets/**', 'test/db/db-hits-datasets.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The suites share one Neo4j database; running files one at a time keeps counts deterministic.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
