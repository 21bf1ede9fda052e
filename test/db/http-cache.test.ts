import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import type { Database } from '../../src/db/database.js';
import { CONSISTENCY_HEADER } from '../../src/http/consistency-header.js';
import { createApp } from '../../src/http/server.js';
import { countRoundTrips, limits, testDatabase } from '../helpers.js';

// HTTP caching of GET answers (RFC 9110 validators, RFC 9111 Cache-Control), with the in-memory
// response cache on and off: the validators come from the graph version either way.

const WRITER = 'http-cache-writer-secret-01';
const KEY = 'http-cache-test-co';
const QUERY = `{ company(key: "${KEY}") { name } }`;

let db: Database;
const apps: Record<'cached' | 'uncached', ReturnType<typeof createApp>> = {} as never;

beforeAll(() => {
  db = testDatabase();
  const common = { db, limits, apiKeys: parseApiKeys(`writer:${WRITER}:read+write`), audit: () => undefined };
  apps.cached = createApp({ ...common, responseCache: { maxEntries: 50, versionTtlMs: 60_000 } });
  apps.uncached = createApp(common);
});

afterAll(async () => {
  await db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: KEY });
  await db.write(`MATCH (c:Claim {target: $key}) DELETE c`, { key: KEY });
  await db.close();
});

const get = (app: ReturnType<typeof createApp>, headers: Record<string, string> = {}, query = QUERY) =>
  app.fetch(`http://atlas.test/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } });

async function upsert(app: ReturnType<typeof createApp>, name: string): Promise<Response> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER}` },
    body: JSON.stringify({
      query: `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`,
      variables: {
        input: { label: 'Company', key: KEY, name, properties: { kind: 'AI_LAB' }, evidence: [`${name} exists.`], sources: ['omdia-2024-hopper-buyers'] },
      },
    }),
  });
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('etag')).toBeNull();
  return response;
}

const stampOfGraph = async () => {
  const [row] = await db.read<{ id: string; at: string }>(
    `MATCH (g:GraphState {id: 'graph'}) MATCH (c:ChangeSet {seq: g.seq}) RETURN c.id AS id, toString(c.at) AS at`,
  );
  return row!;
};

describe.each(['cached', 'uncached'] as const)('GET answers with the response cache %s', (which) => {
  const app = () => apps[which];

  it('carry no-cache, Vary, a quoted ETag naming the graph version and Last-Modified = its commit time', async () => {
    await upsert(app(), `HTTP Cache Co ${which}`);
    const answer = await get(app());
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as any).data.company).toEqual({ name: `HTTP Cache Co ${which}` });
    const { id, at } = await stampOfGraph();
    expect(answer.headers.get('etag')).toMatch(new RegExp(`^"${id}\\.[A-Za-z0-9_-]+"$`));
    expect(answer.headers.get('last-modified')).toBe(new Date(at).toUTCString());
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(answer.headers.get('vary')).toBe(`Accept, Authorization, ${CONSISTENCY_HEADER}`);
    // Another request, another tag; so is the same query asked as another media type or by a key.
    const other = await get(app(), {}, `{ company(key: "${KEY}") { key } }`);
    expect(other.headers.get('etag')).not.toBe(answer.headers.get('etag'));
    expect((await get(app(), { accept: 'application/graphql-response+json' })).headers.get('etag')).not.toBe(answer.headers.get('etag'));
    expect((await get(app(), { authorization: `Bearer ${WRITER}` })).headers.get('etag')).not.toBe(answer.headers.get('etag'));
  });

  it('answer 304 to a matching If-None-Match by weak comparison, to a list and to *, with the validators and no body', async () => {
    const etag = (await get(app())).headers.get('etag')!;
    for (const field of [etag, `W/${etag}`, `"nope", ${etag}`, `W/"nope",W/${etag}`, '*']) {
      const answer = await get(app(), { 'if-none-match': field });
      expect(answer.status, field).toBe(304);
      expect(await answer.text()).toBe('');
      expect(answer.headers.get('etag')).toBe(etag);
      expect(answer.headers.get('cache-control')).toBe('no-cache');
      expect(answer.headers.get('vary')).toContain('Authorization');
    }
    // Unquoted (what the service sent before), another tag, or the tag of another version: 200.
    for (const field of [etag.slice(1, -1), '"nope"', etag.replace(/cs-\d+/, 'cs-1')])
      expect((await get(app(), { 'if-none-match': field })).status, field).toBe(200);
  });

  it('answer 304 without touching the database while the version is known (cached) and with one read otherwise', async () => {
    const etag = (await get(app())).headers.get('etag')!;
    const statements = await countRoundTrips(db, async () => expect((await get(app(), { 'if-none-match': etag })).status).toBe(304));
    expect(statements).toBe(which === 'cached' ? 0 : 1);
  });

  it('use If-Modified-Since only without If-None-Match', async () => {
    const answer = await get(app());
    const lastModified = answer.headers.get('last-modified')!;
    expect((await get(app(), { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(app(), { 'if-modified-since': new Date(Date.parse(lastModified) + 60_000).toUTCString() })).status).toBe(304);
    expect((await get(app(), { 'if-modified-since': new Date(Date.parse(lastModified) - 1_000).toUTCString() })).status).toBe(200);
    expect((await get(app(), { 'if-modified-since': 'not a date' })).status).toBe(200);
    expect((await get(app(), { 'if-modified-since': lastModified, 'if-none-match': '"nope"' })).status).toBe(200);
  });

  it('answer 200 with the new data and a new ETag once a write moved the version', async () => {
    const before = await get(app());
    const etag = before.headers.get('etag')!;
    await upsert(app(), `HTTP Cache Co ${which} renamed`);
    const after = await get(app(), { 'if-none-match': etag, 'if-modified-since': before.headers.get('last-modified')! });
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).data.company).toEqual({ name: `HTTP Cache Co ${which} renamed` });
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('etag')).toContain((await stampOfGraph()).id);
  });

  it('never answer 304 to a request with a consistency token, and send no validators for POST', async () => {
    const write = await upsert(app(), `HTTP Cache Co ${which} again`);
    const token = write.headers.get(CONSISTENCY_HEADER)!;
    expect((await get(app(), { 'if-none-match': '*', [CONSISTENCY_HEADER]: token })).status).toBe(200);
    const post = await app().fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': '*' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('etag')).toBeNull();
    expect(post.headers.get('last-modified')).toBeNull();
  });
});

describe('response cache metrics', () => {
  it('counts hits and misses on /metrics', async () => {
    const scrape = async () => {
      const text = await (await apps.cached.fetch('http://atlas.test/metrics')).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
      return { hits: value('atlas_response_cache_hits_total'), misses: value('atlas_response_cache_misses_total') };
    };
    const before = await scrape();
    const query = `{ company(key: "${KEY}") { name key } }`;
    await get(apps.cached, {}, query);
    await get(apps.cached, {}, query);
    const after = await scrape();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
  });
});
