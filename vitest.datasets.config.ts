import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:datasets` (the second half of `npm test`): the article's answers (test/db/fidelity/,
 * claims, figures, totals, citations, basis) again, on a graph that also holds every public dataset
 * of ATLAS_DATASETS_DIR, imported by the global setup, the explorer's views of what the datasets
 * add (test/db/explorer-datasets/) and the db hits of the dataset questions (bench/db-hits-datasets.json).
 * Nothing to run when the folder is not given.
 */
const datasets = process.env.ATLAS_DATASETS_DIR;
process.env.ATLAS_TEST_GRAPH = 'datasets';

export default defineConfig({
  resolve: base.resolve,
  test: {
    ...base.test,
    include: datasets
      ? [
          'test/db/fidelity/**/*.test.ts',
          'test/db/{claims,figures,totals,citation,basis}.test.ts',
          'test/db/explorer-datasets/**/*.test.ts',
          'test/db/db-hits-datasets.test.ts',
        ]
      : [],
    exclude: ['**/node_modules/**'],
    globalSetup: datasets ? base.test!.globalSetup : [],
    passWithNoTests: true,
  },
});
