import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { Database } from '../src/db/database.js';
import { createApp } from '../src/server.js';

export const limits: Config['limits'] = loadConfig({}).limits;

export function testDatabase(overrides: Partial<ConstructorParameters<typeof Database>[0]> = {}): Database {
  return new Database({ ...inject('neo4j'), queryTimeoutMs: 10_000, connectTimeoutMs: 3_000, ...overrides });
}

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Sends one GraphQL request through the real HTTP handler, in process. */
export async function execute<T = Record<string, any>>(
  app: ReturnType<typeof createApp>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Counts the Cypher statements `work` sends: the measure of batching. */
export async function countRoundTrips(db: Database, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = db.onQuery(() => count++);
  try {
    await work();
  } finally {
    stop();
  }
  return count;
}

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}
