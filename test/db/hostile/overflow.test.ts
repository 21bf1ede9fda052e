import { beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../../src/core/auth.js';
import { MAX_VARIABLE_NESTING } from '../../../src/http/document-limits.js';
import { createApp } from '../../../src/http/server.js';
import { graphCounts, type GraphQLResponse, limits } from '../../helpers.js';
import { db, INNOCENT, reports, send, useHostileApp, WRITER } from './client.js';

// Input that would overflow a parser or a recursive walk (graphql-js coercion, the response cache's
// key, JSON.stringify): a coded client error with HTTP 400 before anything recursive runs, with or
// without the response cache, and the service answers the next request. The bodies are written as
// text: JSON.stringify could not write them either.

useHostileApp();

const DEPTH = 100_000;
const deepList = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const writerHeaders = { authorization: `Bearer ${WRITER}` };

let cached: ReturnType<typeof createApp>;
let uncached: ReturnType<typeof createApp>;

beforeAll(() => {
  const options = {
    db,
    limits,
    apiKeys: parseApiKeys(`writer:${WRITER}:read+write`),
    audit: () => undefined,
    logError: (report: (typeof reports)[number]) => reports.push(report),
  };
  cached = createApp({ ...options, responseCache: { maxEntries: 100, versionTtlMs: 1_000 } });
  uncached = createApp(options);
});

async function request(app: ReturnType<typeof createApp>, init: { url?: string; body?: string; headers?: Record<string, string> }) {
  const response = await app.fetch(`http://atlas.test/graphql${init.url ?? ''}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    body: init.body,
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

interface Overflow {
  name: string;
  url?: string;
  body?: string;
  headers?: Record<string, string>;
  code: string;
  message: RegExp;
  extensions?: Record<string, unknown>;
}

const OVERFLOWS: Overflow[] = [
  {
    name: 'a list variable nested 100,000 levels deep, where the document uses it',
    body: `{"query":"query ($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${deepList(DEPTH)}}}`,
    code: 'BAD_USER_INPUT',
    message: /Variable "\$ids" nests lists or objects more than 32 levels deep/,
    extensions: { variable: 'ids', measure: 'nesting', limit: MAX_VARIABLE_NESTING },
  },
  {
    name: 'an object variable nested 100,000 levels deep in a write (into the JSON scalar of properties)',
    body: `{"query":"mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }","variables":{"input":{"label":"Company","key":"hostile-deep","name":"Deep","properties":${deepObject(DEPTH)},"evidence":["x"],"sources":["omdia-2024-hopper-buyers"]}}}`,
    headers: writerHeaders,
    code: 'BAD_USER_INPUT',
    message: /Variable "\$input" nests lists or objects more than 32 levels deep/,
    extensions: { variable: 'input', measure: 'nesting' },
  },
  {
    name: 'a variable nested 100,000 levels deep that the document never declares',
    body: `{"query":"query ($k: String!) { company(key: $k) { key } }","variables":{"k":"nvidia","junk":${deepList(DEPTH)}}}`,
    code: 'BAD_USER_INPUT',
    message: /Variable "\$junk" nests/,
    extensions: { variable: 'junk' },
  },
  {
    name: 'extensions nested 100,000 levels deep',
    body: `{"query":"{ __typename }","extensions":${deepObject(DEPTH)}}`,
    code: 'BAD_USER_INPUT',
    message: /"extensions" parameter nests lists or objects more than 32 levels deep/,
    extensions: { parameter: 'extensions', measure: 'nesting' },
  },
  {
    name: 'a variable nested 100,000 levels deep, sent by GET',
    url: `?query=${encodeURIComponent('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }')}&variables=${encodeURIComponent(`{"ids":${deepList(DEPTH)}}`)}`,
    code: 'BAD_USER_INPUT',
    message: /Variable "\$ids" nests/,
  },
  {
    name: '20,000 variables',
    body: `{"query":"{ __typename }","variables":{${Array.from({ length: 20_000 }, (_, i) => `"v${i}":0`).join(',')}}}`,
    code: 'BAD_USER_INPUT',
    message: /sends 20000 variables, more than the limit of 1000/,
    extensions: { measure: 'variables', limit: 1_000, value: 20_000 },
  },
  {
    name: 'a query parameter that is an object nested 100,000 levels deep',
    body: `{"query":${deepObject(DEPTH)}}`,
    code: 'BAD_USER_INPUT',
    message: /"query" parameter nests/,
    extensions: { parameter: 'query' },
  },
  {
    name: 'a body that is a list nested 100,000 levels deep',
    body: deepList(DEPTH),
    code: 'BAD_REQUEST',
    message: /JSON array/,
  },
];

describe('input that would overflow a parser', () => {
  it.each(OVERFLOWS)('$name: a coded 400, nothing run, the next request answered', async ({ url, body, headers, code, message, extensions }) => {
    for (const app of [cached, uncached]) {
      const before = await graphCounts(db);
      const reportsBefore = reports.length;
      const started = Date.now();
      const [refused, innocent] = await Promise.all([
        request(app, { url, body, headers }),
        new Promise((resolve) => setTimeout(resolve, 5)).then(() => request(app, { body: JSON.stringify({ query: INNOCENT }) })),
      ]);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(refused.body.errors![0]!.message).toMatch(message);
      if (extensions) expect(refused.body.errors![0]!.extensions).toMatchObject(extensions);
      expect(innocent.body).toMatchObject({ data: { company: { key: 'nvidia', name: 'Nvidia' } } });
      expect(reports.length).toBe(reportsBefore);
      expect(await graphCounts(db)).toEqual(before);
      expect((await request(app, { body: JSON.stringify({ query: '{ __typename }' }) })).body.data).toEqual({ __typename: 'Query' });
    }
  });

  it(`reads a variable nested ${MAX_VARIABLE_NESTING} levels deep, and refuses one level more`, async () => {
    const query = 'query ($k: String!) { company(key: $k) { key } }';
    const at = await request(cached, { body: `{"query":"${query}","variables":{"k":"nvidia","extra":${deepList(MAX_VARIABLE_NESTING)}}}` });
    expect(at.status).toBe(200);
    expect(at.body).toMatchObject({ data: { company: { key: 'nvidia' } } });
    const over = await request(cached, { body: `{"query":"${query}","variables":{"k":"nvidia","extra":${deepList(MAX_VARIABLE_NESTING + 1)}}}` });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'extra' });
  });

  it('takes a string of 500,000 brackets as a string: no parser recurses on one', async () => {
    const response = await send('query ($text: String!) { search(text: $text) { totalCount } }', { text: '['.repeat(500_000) });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.argument).toBe('text');
  });
});
