import { request as httpRequest, type ClientRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorCodes, graphCounts, type GraphQLResponse } from '../../helpers.js';
import { app, db, post, send, useHostileApp, WRITER } from './client.js';

// What a client sends wrong, injects or oversizes: a coded client error naming the argument or
// field, and nothing written.

useHostileApp();

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
    ['a bad ID among nodes', '{ nodes(ids: [$text]) { id } }', { text: 'bad' }, 'ids[0]', /not a global ID/],
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
    expect(response).toMatchObject({ data: { paths: [] } });
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

  it('answers 413 to a chunked body over the limit through a listening server', async () => {
    const answer = await overHttp((request) => {
      request.write(big.slice(0, 700_000));
      request.end(big.slice(700_000));
    });
    expect(answer.status).toBe(413);
    expect(errorCodes(JSON.parse(answer.body) as GraphQLResponse)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('answers 400 BAD_REQUEST to a Content-Length that is not a number of bytes', async () => {
    const response = await post('{"query":"{ __typename }"}', { 'content-length': '26abc' });
    expect(response.status).toBe(400);
    expect(errorCodes((await response.json()) as GraphQLResponse)).toEqual(['BAD_REQUEST']);
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

/** A POST to the app behind Node's HTTP server: its parser, not fetch, decides where a body ends. */
async function overHttp(write: (request: ClientRequest) => void, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      // A connection reset before the answer fails the test.
      request.on('error', reject);
      write(request);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
