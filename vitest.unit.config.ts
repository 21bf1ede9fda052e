import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:unit`: the tests that need neither Neo4j nor a JVM, so no global setup (which
 * builds the launcher and starts a database). A file belongs here only if it never connects:
 * every file importing test/helpers.ts reads the database from the global setup and stays out.
 */
export const UNIT_TEST_FILES = [
  'test/auth.test.ts',
  'test/bench-generate.test.ts',
  'test/config.test.ts',
  'test/docker-compose.test.ts',
  'test/schema.test.ts',
  'test/supervisor-backoff.test.ts',
];

// Not mergeConfig: it would append this include and globalSetup to the base config's arrays.
export default defineConfig({
  resolve: base.resolve,
  test: { include: UNIT_TEST_FILES, testTimeout: 10_000 },
});
