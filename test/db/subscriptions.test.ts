import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import type { Database } from '../../src/db/database.js';
import { changeFeedOf } from '../../src/graph/change-feed.js';
import { createApp } from '../../src/http/server.js';
import { limits, testDatabase } from '../helpers.js';

// `subscription { changeSets }` over Server-Sent Events from a real listening server, read as a
// browser's EventSource would: one `next` event per change set, whoever wrote it.

const WRITER = 'subscriptions-writer-secret-1';
const KEY = 'subscriptions-test-co';
const SUBSCRIPTION = 'subscription { changeSets { id at principal added changed retracted sources { key } } }';

let db: Database;
let otherDb: Database;
let server: Server;
let url: string;
let other: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = testDatabase();
  // A second instance: its own driver, pool and listeners, so only the poll can see its writes.
  otherDb = testDatabase();
  const apiKeys = parseApiKeys(`writer:${WRITER}:read+write`);
  changeFeedOf(db).configure({ pollMs: 300, maxSubscribers: 2 });
  server = createServer(createApp({ db, limits, apiKeys, audit: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  other = createApp({ db: otherDb, limits, apiKeys, audit: () => undefined });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: KEY });
  await db.write(`MATCH (c:Claim {target: $key}) DELETE c`, { key: KEY });
  await db.close();
  await otherDb.close();
});

/** An SSE stream of GraphQL results, parsed event by event from the response body. */
async function subscribe(init: RequestInit = {}): Promise<{ next: () => Promise<{ event: string; data: any }>; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(`${url}?query=${encodeURIComponent(SUBSCRIPTION)}`, {
    headers: { accept: 'text/event-stream' },
    signal: controller.signal,
    ...init,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  return {
    async next() {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          // Keep-alive comments (":") carry no event.
          if (!field('event') && !field('data')) continue;
          return { event: field('event') ?? 'message', data: field('data') ? JSON.parse(field('data')!) : null };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffered += value;
      }
    },
    close: () => controller.abort(),
  };
}

async function upsert(app: { fetch: typeof fetch } | null, name: string): Promise<string> {
  const request = {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER}` },
    body: JSON.stringify({
      query: `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`,
      variables: {
        input: { label: 'Company', key: KEY, name, properties: { kind: 'AI_LAB' }, evidence: [`${name} exists.`], sources: ['omdia-2024-hopper-buyers'] },
      },
    }),
  };
  const response = app ? await app.fetch('http://atlas.test/graphql', request) : await fetch(url, request);
  const body = (await response.json()) as any;
  expect(body.data.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');
  const [state] = await db.read<{ seq: number }>(`MATCH (g:GraphState {id: 'graph'}) RETURN g.seq AS seq`);
  return `cs-${state!.seq}`;
}

/** The next event within `ms`, or a failure naming what was waited for. */
const within = <T>(ms: number, promise: Promise<T>, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);

describe('subscription changeSets over Server-Sent Events', () => {
  it('delivers a write through this instance at once and one through another instance within the poll', async () => {
    const stream = await subscribe();
    try {
      const mine = await upsert(null, 'Subscriptions Co');
      const first = await within(2_000, stream.next(), 'event for this instance');
      expect(first.event).toBe('next');
      expect(first.data.data.changeSets).toMatchObject({ id: mine, principal: 'writer', sources: [{ key: 'omdia-2024-hopper-buyers' }] });
      expect(Date.parse(first.data.data.changeSets.at)).not.toBeNaN();

      const theirs = await upsert(other as unknown as { fetch: typeof fetch }, 'Subscriptions Co (other instance)');
      const second = await within(3_000, stream.next(), 'event for the other instance');
      expect(second.data.data.changeSets.id).toBe(theirs);
    } finally {
      stream.close();
    }
  });

  it('shares one poller among subscribers and refuses one beyond the limit with TOO_MANY_SUBSCRIPTIONS', async () => {
    const feed = changeFeedOf(db);
    const a = await subscribe();
    const b = await subscribe();
    try {
      // Both are listening once the first write arrives on both.
      const id = await upsert(null, 'Subscriptions Co twice');
      expect((await within(2_000, a.next(), 'event on a')).data.data.changeSets.id).toBe(id);
      expect((await within(2_000, b.next(), 'event on b')).data.data.changeSets.id).toBe(id);
      expect(feed.subscribers).toBe(2);
      const refused = await subscribe();
      const answer = await within(2_000, refused.next(), 'refusal');
      expect(answer.data.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 });
      refused.close();
    } finally {
      a.close();
      b.close();
    }
    // A client that leaves frees its place.
    await expect.poll(() => feed.subscribers, { timeout: 3_000 }).toBe(0);
  });
});
