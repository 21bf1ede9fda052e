import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOperations, webStrings } from '../../scripts/extract-operations.js';
import { loadManifest, MANIFEST_PATH, operationHash, RegisteredOperations } from '../../src/http/persisted.js';
import { countRoundTrips, errorCodes, execute, type GraphQLResponse, useTestApp } from '../helpers.js';

const manifest = loadManifest();
const [searchHash, SEARCH] = [...manifest].find(([, document]) => document.startsWith('query Search('))!;
const ARBITRARY = '{ company(key: "nvidia") { key name } }';

const lenient = useTestApp({ audit: () => undefined });
const strict = useTestApp({ audit: () => undefined, persistedOperations: 'strict' });

async function post(app: typeof lenient.app, body: unknown): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});

describe('the manifest', () => {
  it('is what scripts/extract-operations.ts generates now', async () => {
    const current = JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as unknown;
    expect(current).toEqual(await extractOperations());
  });

  it('holds a document for every query the explorer sends', async () => {
    // Each gql(...) call of the explorer sends one constant; one built otherwise would be missed.
    const webDir = new URL('../../web/src/', import.meta.url).pathname;
    const files = (await readdir(webDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.ts'));
    const sources = await Promise.all(files.map((entry) => readFile(path.join(entry.parentPath, entry.name), 'utf8')));
    // Every call names its document's constant (test/unit/web-types.test.ts holds them to that).
    const called = new Set([...sources.join('\n').matchAll(/(?<!function )\bgql<\w+>\((\w+)/g)].map((match) => match[1]));
    const documents = (await webStrings()).filter((text) => manifest.has(operationHash(text)));
    expect(documents.length).toBe(called.size);
    for (const name of ['Entity', 'Conflicts', 'Exposure', 'Totals', 'Neighborhood', 'Paths', 'Search']) {
      expect(documents.some((text) => text.startsWith(`query ${name}(`))).toBe(true);
    }
  });
});

describe('PERSISTED_OPERATIONS=off (default)', () => {
  it('runs any document, and a manifest document by its hash', async () => {
    expect(await execute(lenient.app, ARBITRARY)).toMatchObject({ data: { company: { key: 'nvidia', name: 'Nvidia' } } });
    const hashed = await post(lenient.app, byHash(searchHash, { text: 'nvidia', first: 3 }));
    const direct = await post(lenient.app, { query: SEARCH, variables: { text: 'nvidia', first: 3 } });
    expect(hashed.status).toBe(200);
    expect(hashed.body.errors).toBeUndefined();
    expect(hashed.body).toEqual(direct.body);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, and an empty request as before', async () => {
    const unknown = await post(lenient.app, byHash('0'.repeat(64)));
    expect(errorCodes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(unknown.body.errors![0]!.message).toBe('PersistedQueryNotFound');
    const empty = await post(lenient.app, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors![0]!.message).toBe('Must provide query string.');
  });
});

describe('automatic persisted queries (PERSISTED_OPERATIONS=off)', () => {
  // Apollo's link: the hash alone first; on PERSISTED_QUERY_NOT_FOUND, the document with its hash.
  const document = `query ApqCompany($key: String!) { company(key: $key) { key name } } # ${Date.now()}`;
  const hash = operationHash(document);

  it('registers a document sent with its hash, then runs it by the hash alone over POST and GET', async () => {
    expect(errorCodes((await post(lenient.app, byHash(hash, { key: 'nvidia' }))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registering = await post(lenient.app, { query: document, ...byHash(hash, { key: 'nvidia' }) });
    expect(registering).toMatchObject({ status: 200, body: { data: { company: { key: 'nvidia', name: 'Nvidia' } } } });

    const posted = await post(lenient.app, byHash(hash, { key: 'microsoft' }));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ data: { company: { key: 'microsoft', name: 'Microsoft' } } });
    const search = new URLSearchParams({
      variables: JSON.stringify({ key: 'microsoft' }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
    });
    const got = await lenient.app.fetch(`http://atlas.test/graphql?${search}`, { headers: { accept: 'application/json' } });
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(posted.body);
    // Registered by this app only: the strict one still knows nothing but its manifest.
    expect(errorCodes((await post(strict.app, byHash(hash, { key: 'microsoft' }))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses, and does not register, a document whose hash is not its sha256', async () => {
    const other = '{ company(key: "microsoft") { key } }';
    const wrong = operationHash(`${other} `);
    const answer = await post(lenient.app, { query: other, ...byHash(wrong) });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ sha256Hash: wrong, expected: operationHash(other) });
    expect(answer.body.errors![0]!.message).toContain(wrong);
    expect(errorCodes((await post(lenient.app, byHash(wrong))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('registers only documents that run: an invalid one stays unknown', async () => {
    const invalid = '{ company(key: "microsoft") { noSuchField } }';
    const answer = await post(lenient.app, { query: invalid, ...byHash(operationHash(invalid)) });
    expect(errorCodes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errorCodes((await post(lenient.app, byHash(operationHash(invalid)))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('keeps a bounded number of documents, forgetting the least recently used', () => {
    const store = new RegisteredOperations(2);
    store.register('a', 'A');
    store.register('b', 'B');
    expect(store.get('a')).toBe('A');
    store.register('c', 'C');
    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect([store.get('a'), store.get('c')]).toEqual(['A', 'C']);
  });
});

describe('PERSISTED_OPERATIONS=strict', () => {
  it('refuses a document not in the manifest with PERSISTED_QUERY_REQUIRED before any database work', async () => {
    let answer: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await countRoundTrips(strict.db, async () => {
      answer = await post(strict.app, { query: ARBITRARY });
    });
    expect(statements).toBe(0);
    expect(answer!.status).toBe(400);
    expect(errorCodes(answer!.body)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    expect(answer!.body.data).toBeUndefined();
    // The same document with a single space changed is a different document.
    expect(errorCodes((await post(strict.app, { query: `${SEARCH} `, variables: { text: 'nvidia' } })).body)).toEqual(['PERSISTED_QUERY_REQUIRED']);
  });

  it('runs a manifest document by its hash or sent in full (the explorer sends its text)', async () => {
    const hashed = await post(strict.app, byHash(searchHash, { text: 'nvidia', first: 3 }));
    expect(hashed.status).toBe(200);
    expect(hashed.body.errors).toBeUndefined();
    expect(hashed.body.data?.search.edges.length).toBeGreaterThan(0);
    const direct = await post(strict.app, { query: SEARCH, variables: { text: 'nvidia', first: 3 } });
    expect(direct.body).toEqual(hashed.body);
    expect(errorCodes((await post(strict.app, byHash('0'.repeat(64)))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('registers nothing: a document outside the manifest is refused even with its hash', async () => {
    const answer = await post(strict.app, { query: ARBITRARY, ...byHash(operationHash(ARBITRARY)) });
    expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    expect(errorCodes((await post(strict.app, byHash(operationHash(ARBITRARY)))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});
