import { afterAll, beforeAll, expect } from 'vitest';
import { parseApiKeys } from '../../../src/core/auth.js';
import type { Database } from '../../../src/db/database.js';
import type { MaskedErrorReport } from '../../../src/http/request-log.js';
import { createApp } from '../../../src/http/server.js';
import { countRoundTrips, graphCounts, type GraphQLResponse, limits, testDatabase } from '../../helpers.js';

// The hostile suites' client: one case per way a client (or a file) could hurt the service: each
// asserts the coded answer, that nothing was written, and for the bombs that another client is
// served meanwhile.

export const WRITER = 'hostile-writer-secret-0001';
export const READER = 'hostile-reader-secret-0001';
export const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';

/** Live bindings, set once useHostileApp's beforeAll has run. */
export let db: Database;
export let app: ReturnType<typeof createApp>;
/** What the app logged as unexpected errors (per test file). */
export const reports: MaskedErrorReport[] = [];

/** A connection to the suite's database and an app with a writer and a reader key, for the tests of one file. */
export function useHostileApp(): void {
  beforeAll(() => {
    db = testDatabase();
    app = createApp({
      db,
      limits,
      apiKeys: parseApiKeys(`writer:${WRITER}:read+write,reader:${READER}:read`),
      corsOrigins: ['https://atlas.example.org'],
      audit: () => undefined,
      logError: (report) => reports.push(report),
    });
  });
  afterAll(() => db?.close());
}

export async function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
}

export async function send(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse> {
  const response = await post(JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
  return (await response.json()) as GraphQLResponse;
}

export const INNOCENT = '{ company(key: "nvidia") { key name } }';

/**
 * Sends the attack alone (counting the statements it sends), then again while another client
 * sends an ordinary query: the answer, how long it took, and whether the other client was served.
 */
export async function attack(query: string, variables: Record<string, unknown> = {}) {
  const before = await graphCounts(db);
  const reportsBefore = reports.length;
  const statements = await countRoundTrips(db, () => send(query, variables));
  const started = Date.now();
  const [response, innocent] = await Promise.all([send(query, variables), new Promise((resolve) => setTimeout(resolve, 5)).then(() => send(INNOCENT))]);
  const elapsed = Date.now() - started;
  expect(innocent.errors).toBeUndefined();
  expect(innocent.data).toEqual({ company: { key: 'nvidia', name: 'Nvidia' } });
  expect(await graphCounts(db)).toEqual(before);
  expect(reports.length - reportsBefore).toBeLessThanOrEqual(2);
  return { response, elapsed, statements };
}

export const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
