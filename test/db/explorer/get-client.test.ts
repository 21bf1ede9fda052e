import { afterAll, describe, expect, it } from 'vitest';
import { atlas, open, useExplorer, write } from './browser.js';

// A GET-based GraphQL client (what Apollo's useGETForQueries or urql's preferGetMethod send),
// run in Chromium from a page of the service with the browser's own HTTP cache: it must see a
// write at once, and get 304 when it revalidates with a quoted If-None-Match itself.

useExplorer();

const KEY = 'get-client-test-co';
const QUERY = `{ company(key: "${KEY}") { name } }`;

async function upsert(name: string): Promise<void> {
  await write(`mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`, {
    input: { label: 'Company', key: KEY, name, properties: { kind: 'AI_LAB' }, evidence: [`${name} exists.`], sources: ['omdia-2024-hopper-buyers'] },
  });
}

afterAll(async () => {
  await atlas.db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: KEY });
  await atlas.db.write(`MATCH (c:Claim {target: $key}) DELETE c`, { key: KEY });
});

interface Fetched {
  status: number;
  name: string | null;
  etag: string | null;
  cacheControl: string | null;
  transferSize: number;
}

describe('a GET-based client in Chromium', () => {
  it('sees a write at once and gets 304 for a quoted If-None-Match', async () => {
    await upsert('Get Client Co');
    const { page, problems } = await open('/');
    const url = `/graphql?query=${encodeURIComponent(QUERY)}`;
    // Default cache mode: the browser's HTTP cache decides, as it does for any GraphQL client.
    const fetchOnce = (headers: Record<string, string> = {}) =>
      page.evaluate(
        async ({ url, headers }) => {
          performance.clearResourceTimings();
          const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
          const body = response.status === 200 ? ((await response.json()) as { data: { company: { name: string } | null } }) : null;
          const [timing] = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          return {
            status: response.status,
            name: body?.data.company?.name ?? null,
            etag: response.headers.get('etag'),
            cacheControl: response.headers.get('cache-control'),
            transferSize: timing?.transferSize ?? -1,
          };
        },
        { url, headers },
      ) as Promise<Fetched>;

    const first = await fetchOnce();
    expect(first).toMatchObject({ status: 200, name: 'Get Client Co', cacheControl: 'no-cache' });
    expect(first.etag).toMatch(/^"cs-\d+\.[A-Za-z0-9_-]+"$/);
    // The same GET again goes to the server (revalidation), not only to the browser's cache.
    const again = await fetchOnce();
    expect(again).toMatchObject({ status: 200, name: 'Get Client Co', etag: first.etag });
    expect(again.transferSize).toBeGreaterThan(0);

    await upsert('Get Client Co renamed');
    const afterWrite = await fetchOnce();
    expect(afterWrite).toMatchObject({ status: 200, name: 'Get Client Co renamed' });
    expect(afterWrite.etag).not.toBe(first.etag);

    // A client that keeps its own cache revalidates with the tag it was given, quoted as sent.
    const revalidated = await fetchOnce({ 'if-none-match': afterWrite.etag! });
    expect(revalidated).toMatchObject({ status: 304, etag: afterWrite.etag, cacheControl: 'no-cache' });
    const stale = await fetchOnce({ 'if-none-match': first.etag! });
    expect(stale).toMatchObject({ status: 200, name: 'Get Client Co renamed' });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
