import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/core/config.js';
import { importFiles, ValidationFailed } from '../../../src/ingest/index.js';
import { errorCodes, graphCounts, type GraphQLResponse } from '../../helpers.js';
import { aliases, db, INNOCENT, post, reports, send, useHostileApp, WRITER } from './client.js';

// The server's own: no file read outside the folder imported, no secret echoed from the
// configuration, and logs that a request full of errors cannot flood or forge.

useHostileApp();

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
