import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import { CONSISTENCY_HEADER } from '../../src/http/consistency-header.js';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/server.js';
import { countRoundTrips, limits, testDatabase } from '../helpers.js';

const WRITER = 'cache-writer-secret-0001';
const KEY = 'cache-test-co';
const QUERY = `{ company(key: "${KEY}") { name } companies(first: 3) { edges { node { key } } } }`;

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  db = testDatabase();
  // A version read stays trusted for a minute here, so only this instance's own writes move it.
  app = createApp({
    db,
    limits,
    apiKeys: parseApiKeys(`writer:${WRITER}:read+write`),
    audit: () => undefined,
    responseCache: { maxEntries: 50, versionTtlMs: 60_000 },
  });
});

afterAll(async () => {
  await db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: KEY });
  await db.write(`MATCH (c:Claim {target: $key}) DELETE c`, { key: KEY });
  await db.close();
});

const get = (headers: Record<string, string> = {}) =>
  app.fetch(`http://atlas.test/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { accept: 'application/json', ...headers } });

async function upsert(name: string): Promise<Response> {
  return app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER}` },
    body: JSON.stringify({
      query: `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`,
      variables: {
        input: { label: 'Company', key: KEY, name, properties: { kind: 'AI_LAB' }, evidence: [`${name} exists.`], sources: ['omdia-2024-hopper-buyers'] },
      },
    }),
  });
}

describe('answers cached by graph version', () => {
  it('answers a repeated query from the cache, with an ETag, without touching the database', async () => {
    await upsert('Cache Co');
    const first = await get();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(((await first.json()) as any).data.company).toEqual({ name: 'Cache Co' });

    let again: Response | undefined;
    expect(
      await countRoundTrips(db, async () => {
        again = await get();
      }),
    ).toBe(0);
    expect(again!.headers.get('etag')).toBe(etag);
    expect(((await again!.json()) as any).data.company).toEqual({ name: 'Cache Co' });

    const notModified = await get({ 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
  });

  it('answers 200 with the new data once a write changed the graph, then 304 again for the new ETag', async () => {
    const etag = (await get()).headers.get('etag')!;
    expect(((await (await upsert('Cache Co Renamed')).json()) as any).data.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');

    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as any).data.company).toEqual({ name: 'Cache Co Renamed' });
    const newEtag = changed.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect((await get({ 'if-none-match': newEtag })).status).toBe(304);
  });

  it('never serves a request that carries a consistency token from the cache', async () => {
    const write = await upsert('Cache Co Again');
    const token = write.headers.get(CONSISTENCY_HEADER)!;
    expect(token).toBeTruthy();
    await get();
    const statements = await countRoundTrips(db, async () => {
      const fresh = await get({ [CONSISTENCY_HEADER]: token });
      expect(((await fresh.json()) as any).data.company).toEqual({ name: 'Cache Co Again' });
    });
    expect(statements).toBeGreaterThan(0);
  });

  it('caches no answer with errors', async () => {
    const bad = () =>
      app.fetch('http://atlas.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ paths(from: "no-such-entity", to: "us") { length } }' }),
      });
    await bad();
    expect(await countRoundTrips(db, async () => void (await bad()))).toBeGreaterThan(0);
  });
});
