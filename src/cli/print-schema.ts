import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '../core/config.js';
import { Database } from '../db/database.js';
import { createApp } from '../http/server.js';

// `npm run schema:print` rewrites the checked-in SDL; test/unit/schema.test.ts fails when it is stale.
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/**
 * The SDL of the schema the service serves, read the way a client reads it: by introspecting the
 * app. The app's plugins add to the code's schema (@defer and @stream), so printing the code's
 * schema alone would leave those out. Sorted, so it does not churn when files are reordered.
 * Introspection runs no statement: the database is never reached.
 */
export async function servedSchemaSdl(): Promise<string> {
  const db = new Database({
    uri: 'bolt://127.0.0.1:9',
    user: 'neo4j',
    password: 'unused',
    database: 'neo4j',
    queryTimeoutMs: 1_000,
    connectTimeoutMs: 1_000,
  });
  try {
    const app = createApp({ db, limits: loadConfig({}).limits, logger: pino({ enabled: false }), logError: () => undefined });
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
    const response = await app.fetch('http://atlas.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    const answer = (await response.json()) as { data?: IntrospectionQuery; errors?: unknown[] };
    if (!answer.data) throw new Error(`Introspection failed: ${JSON.stringify(answer.errors)}`);
    return `${printSchema(lexicographicSortSchema(buildClientSchema(answer.data)))}\n`;
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_FILE, await servedSchemaSdl());
  console.log(`wrote ${SCHEMA_FILE}`);
}
