import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../src/auth.js';
import type { Database } from '../src/db/database.js';
import { createApp } from '../src/server.js';
import { type GraphQLResponse, limits, testDatabase } from './helpers.js';

// The README's examples are what a newcomer pastes first: they must work on the graph as seeded.
const ROOT = path.resolve(import.meta.dirname, '..');
const WRITER_SECRET = 'readme-writer-secret-0001';
const CREATED = ['some-report-2025', 'acme-ai'];
let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  db = testDatabase();
  app = createApp({ db, limits, apiKeys: parseApiKeys(`writer:${WRITER_SECRET}:read+write`), audit: () => undefined });
});

afterAll(async () => {
  // The claims and links the example made go with the nodes they name.
  await db.write(`MATCH (n) WHERE n.key IN $keys OR n.target IN $keys OR n.from IN $keys OR n.source IN $keys DETACH DELETE n`, { keys: CREATED });
  await db.close();
});

describe('README', () => {
  it('its mutation example writes on a fresh graph', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const query = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes('upsertRelationship('));
    expect(query).toBeDefined();
    const response = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER_SECRET}` },
      body: JSON.stringify({ query }),
    });
    const { data, errors } = (await response.json()) as GraphQLResponse;
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      upsertSource: { __typename: 'MutationUpsertSourceSuccess' },
      upsertEntity: { __typename: 'MutationUpsertEntitySuccess' },
      upsertRelationship: {
        __typename: 'MutationUpsertRelationshipSuccess',
        data: { type: 'BUYS', from: { key: 'acme-ai' }, to: { key: 'h20' }, evidence: 'Acme AI bought 5,000 H20 chips in 2025.' },
      },
    });
  });
});
