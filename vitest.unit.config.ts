import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:unit`: test/unit/, the tests that need neither Neo4j nor a JVM, so no global setup
 * (which builds the launcher and starts a database). A test that connects belongs in test/db/.
 */
// Not mergeConfig: it would append this include and globalSetup to the base config's arrays.
export default defineConfig({
  resolve: base.resolve,
  test: { include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 },
});
