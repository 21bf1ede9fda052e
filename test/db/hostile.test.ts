import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import { ConfigError, loadConfig } from '../../src/core/config.js';
import type { Database } from '../../src/db/database.js';
import { StatementBudget } from '../../src/db/request-scope.js';
import { importFiles, ValidationFailed } from '../../src/ingest/index.js';
import type { MaskedErrorReport } from '../../src/http/request-log.js';
import { createApp } from '../../src/http/server.js';
import { countRoundTrips, errorCodes, graphCounts, type GraphQLResponse, limits, testDatabase } from '../helpers.js';

// One case per way a client (or a file) could hurt the service: each asserts the coded answer,
// that nothing was written, and for the bombs that another client is served meanwhile.

const WRITER = 'hostile-writer-secret-0001';
const READER = 'hostile-reader-secret-0001';
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';

let db: Database;
let app: ReturnType<typeof createApp>;
const reports: MaskedErrorReport[] = [];

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

async function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
}

async function send(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse> {
  const response = await post(JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
  return (await response.json()) as GraphQLResponse;
}

const INNOCENT = '{ company(key: "nvidia") { key name } }';

/**
 * Sends the attack alone (counting the statements it sends), then again while another client
 * sends an ordinary query: the answer, how long it took, and whether the other client was served.
 */
async function attack(query: string, variables: Record<string, unknown> = {}) {
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

const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('alias, fragment, depth, token and directive bombs', () => {
  it.each([
    ['1,000 exposure aliases', aliases(1000, 'exposure(chip: "h100") { company { key } }'), 'tokens'],
    ['1,000 neighbourhood aliases', aliases(1000, 'neighborhood(key: "us") { nodes { key } }'), 'tokens'],
    ['300 paths aliases', aliases(300, 'paths(from: "bytedance", to: "us", maxHops: 6) { length }'), 'tokens'],
    ['2,000 introspection aliases', aliases(2000, '__schema { types { name fields { name args { name } } } }'), 'tokens'],
    ['100 short exposure aliases', aliases(100, 'exposure(chip: "h100") { chip { key } }'), 'aliases'],
    ['40 introspection aliases', aliases(40, '__schema { types { name } }'), 'aliases'],
    ['25 exposure aliases (under the alias limit, over the cost limit)', aliases(25, 'exposure(chip: "h100") { company { key } }'), 'complexity'],
    ['2 deep neighbourhoods', aliases(2, 'neighborhood(key: "us", depth: 3) { nodes { key } }'), 'complexity'],
    [
      'aliases hidden in nested fragments',
      `{ ...F0 } ${Array.from({ length: 8 }, (_, i) => `fragment F${i} on Query { x${i}a: company(key: "nvidia") { key } x${i}b: company(key: "amazon") { key } x${i}c: entity(key: "us") { key } x${i}d: entity(key: "cn") { key } ${i < 7 ? `...F${i + 1}` : ''} }`).join(' ')}`,
      'aliases',
    ],
    ['20,000 nested selections', `{ company(key: "nvidia") { country { ${'a { '.repeat(20_000)}${'}'.repeat(20_002)} }`, 'tokens'],
    ['a 20,000-deep list literal', `{ search(text: ${'['.repeat(20_000)}"x"${']'.repeat(20_000)}) { totalCount } }`, 'nesting'],
    ['a 5,000-deep object literal', `{ companies(filter: { nameContains: ${'{ a: '.repeat(5_000)}1${' }'.repeat(5_001)}) { totalCount } }`, 'tokens'],
    ['100 directives', `{ company(key: "nvidia") ${'@include(if: true) '.repeat(100)} { key } }`, 'directives'],
  ])('%s: QUERY_TOO_COMPLEX before any database work, in under a second', async (_name, query, measure) => {
    const { response, elapsed, statements } = await attack(query);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
    expect(errorCodes(response).every((code) => code === 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(response.errors![0]!.extensions!.measure).toBe(measure);
    expect(response.errors![0]!.message).toMatch(/limit|nested too deeply/);
    // Refused before execution (no data), or by the cost check at each root field (all null).
    expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
    expect(statements).toBe(0);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('an introspection query of ordinary size is still answered', async () => {
    const response = await send('{ __schema { queryType { name } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe("a request's share of the database", () => {
  it('stops a request at MAX_REQUEST_STATEMENTS statements, with a coded error for the rest', async () => {
    const tight = createApp({ db, limits: { ...limits, maxRequestStatements: 3 }, logError: (report) => reports.push(report) });
    const query = `{ ${['nvidia', 'amazon', 'bytedance', 'alibaba', 'tencent'].map((key, i) => `n${i}: neighborhood(key: "${key}") { nodes { key } }`).join(' ')} }`;
    let response: GraphQLResponse | undefined;
    const statements = await countRoundTrips(db, async () => {
      const raw = await tight.fetch('http://atlas.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      response = (await raw.json()) as GraphQLResponse;
    });
    expect(statements).toBe(3);
    expect(errorCodes(response!)).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX']);
    expect(response!.errors![0]!.extensions).toMatchObject({ measure: 'statements', limit: 3 });
    expect(response!.errors![0]!.message).toMatch(/MAX_REQUEST_STATEMENTS/);
    expect(Object.values(response!.data!).filter((value) => value !== null)).toHaveLength(3);
  });

  it("runs at most MAX_REQUEST_CONCURRENCY of a request's statements at once", async () => {
    const budget = new StatementBudget(10, 2);
    let running = 0;
    let mostAtOnce = 0;
    const statement = async () => {
      const release = await budget.acquire();
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      release();
    };
    await Promise.all(Array.from({ length: 6 }, statement));
    expect(mostAtOnce).toBe(2);
    expect(budget.statements).toBe(6);
  });
});

describe('client mistakes are coded client errors, never internal ones', () => {
  it.each([
    [
      '600 search words',
      '{ search(text: $text) { totalCount } }',
      { text: Array.from({ length: 600 }, (_, i) => `w${i}`).join(' ') },
      'text',
      /at most 200 characters/,
    ],
    ['30 short search words', '{ search(text: $text) { totalCount } }', { text: 'a '.repeat(30) }, 'text', /at most 20 words/],
    ['a 1,001-character search word', '{ search(text: $text) { totalCount } }', { text: 'a'.repeat(1001) }, 'text', /at most 200 characters/],
    ['1,100 CJK characters', '{ search(text: $text) { totalCount } }', { text: '字'.repeat(1100) }, 'text', /at most 200 characters/],
    ['an unknown from key in paths', '{ paths(from: $text, to: "us") { length } }', { text: 'no-such-entity' }, 'from', /"no-such-entity"/],
    ['an unknown to key in paths', '{ paths(from: "bytedance", to: $text) { length } }', { text: 'no-such-entity' }, 'to', /"no-such-entity"/],
    ['an injected global ID', '{ node(id: $text) { id } }', { text: "x'}) MATCH (n) DETACH DELETE n //" }, 'id', /not a global ID/],
    ['a global ID of an unknown type', '{ node(id: $text) { id } }', { text: Buffer.from('Foo:bar').toString('base64') }, 'id', /not a global ID/],
    ['a bad ID among nodes', '{ nodes(ids: [$text]) { id } }', { text: 'bad' }, 'id', /not a global ID/],
    [
      'a forged cursor',
      '{ companies(after: $text) { totalCount } }',
      { text: Buffer.from('{"s":"x","v":"y","k":"z"}').toString('base64url') },
      'after',
      /cursor/,
    ],
    ['a cursor of another connection', '{ chips(after: $text) { totalCount } }', { text: 'eyJzIjoibmFtZSIsInYiOiJhIiwiayI6ImEifQ' }, 'after', /cursor/],
  ])('%s: BAD_USER_INPUT naming the argument', async (_name, selection, variables, argument, message) => {
    const query = selection.includes('$text')
      ? `query ($text: ${selection.includes('node(id') || selection.includes('nodes(') ? 'ID!' : 'String!'}) ${selection}`
      : selection;
    const before = await graphCounts(db);
    const response = await send(query, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.argument).toBe(argument);
    expect(response.errors![0]!.message).toMatch(message);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('answers "no path" for known keys with no path, unlike an unknown key', async () => {
    const response = await send('{ paths(from: "nvidia", to: "nvidia") { length } }');
    expect(response).toEqual({ data: { paths: [] } });
  });

  const INJECTIONS = [
    "x'}) MATCH (n) DETACH DELETE n //",
    '" OR 1=1 --',
    '*:* OR key:*',
    '\\u0000\u0000',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, meant literally
    '${jndi:ldap://127.0.0.1/a}',
    '<script>alert(1)</script>',
    "字节跳动') RETURN 1 //",
  ];
  const READS: [string, string][] = [
    ['entity', 'query ($s: String!) { entity(key: $s) { key } }'],
    ['company', 'query ($s: String!) { company(key: $s) { key } }'],
    ['companies', 'query ($s: String!) { companies(filter: { nameContains: $s, country: $s }) { totalCount } }'],
    ['quotes', 'query ($s: String!) { quotes(speaker: $s, about: $s) { totalCount } }'],
    ['search', 'query ($s: String!) { search(text: $s) { totalCount edges { node { key } } } }'],
    ['exposure', 'query ($s: String!) { exposure(chip: $s) { company { key } } }'],
    ['paths', 'query ($s: String!) { paths(from: $s, to: "us") { length } }'],
    ['neighborhood', 'query ($s: String!) { neighborhood(key: $s) { nodes { key } } }'],
    ['neighborhood types', 'query ($s: String!) { neighborhood(key: "us", types: [$s]) { nodes { key } } }'],
    ['financialTotals', 'query ($s: String!) { financialTotals(metric: CAPEX, period: $s) { total } }'],
  ];
  it.each(READS)('injection strings in %s are data, never Cypher', async (_field, query) => {
    const before = await graphCounts(db);
    for (const s of INJECTIONS) {
      const response = await send(query, { s });
      for (const code of errorCodes(response)) expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code);
    }
    expect(await graphCounts(db)).toEqual(before);
  });

  it('injection strings in every string field of a write are refused or stored as text, never run', async () => {
    const before = await graphCounts(db);
    for (const s of INJECTIONS) {
      const response = await send(
        `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename ... on ValidationError { problems { field } } } }`,
        { input: { label: 'Company', key: s, name: s, nameZh: s, aliases: [s], properties: { kind: s }, evidence: [s], sources: [s] } },
        WRITER,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.upsertEntity.__typename).toBe('ValidationError');
    }
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('oversized requests and strings', () => {
  const big = JSON.stringify({ query: `{ company(key: "${'x'.repeat(2_000_000)}") { key } }` });

  it('answers 413 PAYLOAD_TOO_LARGE to a body over MAX_BODY_BYTES that says its length', async () => {
    const response = await post(big, { 'content-length': String(Buffer.byteLength(big)) });
    expect(response.status).toBe(413);
    expect(errorCodes((await response.json()) as GraphQLResponse)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('answers 413 to a streamed body over the limit that does not say its length', async () => {
    const chunks = [big.slice(0, 700_000), big.slice(700_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(errorCodes((await response.json()) as GraphQLResponse)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it.each([
    ['a 200 KB evidence sentence', { evidence: ['x'.repeat(200_000)] }, 'evidence.0'],
    ['a 301-character name', { name: 'n'.repeat(301) }, 'name'],
    ['51 aliases', { aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }, 'aliases'],
    ['a 101-character key', { key: `k${'-k'.repeat(50)}` }, 'key'],
  ])('refuses %s in a write, naming the field and the cap, writing nothing', async (_name, change, field) => {
    const before = await graphCounts(db);
    const response = await send(
      `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
      {
        input: {
          label: 'Company',
          key: 'hostile-oversized',
          name: 'Oversized',
          properties: { kind: 'AI_LAB' },
          evidence: ['Oversized.'],
          sources: ['omdia-2024-hopper-buyers'],
          ...change,
        },
      },
      WRITER,
    );
    const result = response.data!.upsertEntity;
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems).toContainEqual({ field, message: expect.stringMatching(/at most/) });
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('browsers', () => {
  const preflight = (origin: string) =>
    app.fetch('http://atlas.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('grants no cross-origin access to an origin outside CORS_ORIGINS, and never with credentials', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await post(JSON.stringify({ query: INNOCENT }), { origin: 'https://evil.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a listed origin, without credentials', async () => {
    const response = await preflight('https://atlas.example.org');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://atlas.example.org');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('serves no cross-origin access by default', async () => {
    const closed = createApp({ db, limits });
    const response = await closed.fetch('http://atlas.test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://atlas.example.org', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot be driven by a cross-site form: multipart is refused and a url-encoded form carries no key', async () => {
    const before = await graphCounts(db);
    const mutation = 'mutation { upsertSource(input: {key: "csrf-source", title: "CSRF", kind: ARTICLE, url: "https://evil.example/a"}) { __typename } }';
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: mutation }));
    form.set('map', '{}');
    const multipart = await app.fetch('http://atlas.test/graphql', { method: 'POST', body: form, headers: { origin: 'https://evil.example' } });
    expect(multipart.status).toBeGreaterThanOrEqual(400);
    expect(multipart.status).toBeLessThan(500);
    const urlencoded = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ query: mutation }).toString(),
    });
    const answer = (await urlencoded.json()) as GraphQLResponse;
    expect(errorCodes(answer).every((code) => code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('authentication variants', () => {
  const mutation = `mutation { upsertEntity(input: {label: Company, key: "hostile-auth-co", name: "X", properties: {kind: "AI_LAB"}, evidence: ["X."], sources: ["${ARTICLE}"]}) { __typename } }`;
  it.each([
    ['no header', undefined, 'UNAUTHENTICATED'],
    ['a wrong key', 'Bearer wrong-key-wrong-key-wrong', 'UNAUTHENTICATED'],
    ['an empty bearer', 'Bearer ', 'UNAUTHENTICATED'],
    ['basic auth', `Basic ${Buffer.from(`writer:${WRITER}`).toString('base64')}`, 'UNAUTHENTICATED'],
    ['a key with a prefix of the right one', `Bearer ${WRITER.slice(0, -1)}`, 'UNAUTHENTICATED'],
    ['a read-only key', `Bearer ${READER}`, 'FORBIDDEN'],
  ])('%s: %s, nothing written', async (_name, authorization, code) => {
    const before = await graphCounts(db);
    const response = (await (await post(JSON.stringify({ query: mutation }), authorization ? { authorization } : {})).json()) as GraphQLResponse;
    expect(errorCodes(response)).toEqual([code]);
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('labels and keys', () => {
  it('refuses to reuse a key under another label (mutation), naming both labels', async () => {
    const before = await graphCounts(db);
    const response = await send(
      `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
      { input: { label: 'Chip', key: 'bytedance', name: 'ByteDance chip', evidence: ['x.'], sources: ['omdia-2024-hopper-buyers'] } },
      WRITER,
    );
    expect(response.data!.upsertEntity.__typename).toBe('ValidationError');
    expect(response.data!.upsertEntity.problems).toContainEqual({ field: 'key', message: expect.stringMatching(/"bytedance" is already a Company/) });
    expect(await graphCounts(db)).toEqual(before);
    expect((await send('{ companies(first: 100) { totalCount } chips(first: 100) { totalCount } }')).errors).toBeUndefined();
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-hostile-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a source text only inside the folder imported', async () => {
    const before = await graphCounts(db);
    const outside = path.join(tmpdir(), `atlas-outside-${process.pid}.txt`);
    await writeFile(outside, 'A secret of the server.');
    const folder = await mkdtemp(path.join(dir, 'import-'));
    for (const textFile of [outside, '../../../../../../etc/hostname']) {
      const file = path.join(folder, 'sources.json');
      await writeFile(file, JSON.stringify([{ key: 'hostile-text-source', title: 'T', kind: 'ARTICLE', textFile }]));
      const error = await importFiles(db, [file], { textRoot: folder }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).message).toMatch(/outside the folder imported|cannot be read/);
    }
    await rm(outside, { force: true });
    expect(await graphCounts(db)).toEqual(before);
  });

  it('refuses a textFile in a mutation: a client names no file of the server', async () => {
    const before = await graphCounts(db);
    const response = await send(
      `mutation { upsertSource(input: {key: "hostile-text-source", title: "T", kind: ARTICLE, textFile: "/etc/hostname"}) { __typename ... on ValidationError { problems { field message } } } }`,
      {},
      WRITER,
    );
    expect(response.data?.upsertSource?.__typename ?? errorCodes(response)[0]).toMatch(/ValidationError|GRAPHQL_VALIDATION_FAILED/);
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('secrets in configuration', () => {
  it.each([
    ['a bare secret', 'ThisIsTheSecretValue1234567890'],
    ['a secret without scopes', 'ops:ThisIsTheSecretValue1234567890'],
  ])('never echoes %s from a malformed API_KEYS', (_name, value) => {
    const error = (() => {
      try {
        loadConfig({ API_KEYS: value });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/API_KEYS/);
    expect((error as Error).message).not.toContain('ThisIsTheSecretValue');
  });
});

describe('logs', () => {
  afterAll(() => db.write("MATCH (n:Entity {key: 'hostile-broken-co'}) DETACH DELETE n"));

  it('logs one line with a count and the request id for a request full of unexpected errors', async () => {
    await db.write("CREATE (:Entity:Company {key: 'hostile-broken-co', name: 'Broken', kind: 'NOT_A_KIND', sources: []})");
    const reportsBefore = reports.length;
    const response = await post(JSON.stringify({ query: aliases(20, 'company(key: "hostile-broken-co") { kind }') }), { 'x-request-id': 'client-chosen-id-1' });
    const body = (await response.json()) as GraphQLResponse;
    expect(errorCodes(body)).toEqual(Array(20).fill('INTERNAL_SERVER_ERROR'));
    expect(response.headers.get('x-request-id')).toBe('client-chosen-id-1');
    expect(reports.length - reportsBefore).toBe(1);
    expect(reports.at(-1)).toMatchObject({ requestId: 'client-chosen-id-1', count: 20 });
    expect(String(reports.at(-1)!.error)).toContain('NOT_A_KIND');
  });

  it('gives every response a request id, replacing one that is not a plain token', async () => {
    const response = await post(JSON.stringify({ query: INNOCENT }), { 'x-request-id': 'bad id\n{"forged":1}' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
