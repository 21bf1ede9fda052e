import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import { ConsistencyTokens } from '../../src/db/consistency-token.js';
import type { Database } from '../../src/db/database.js';
import { CausalScope } from '../../src/db/request-scope.js';
import { createApp } from '../../src/http/server.js';
import { errorCodes, graphCounts, type GraphQLResponse, limits, testDatabase } from '../helpers.js';

const SECRET = 'consistency-test-secret-0001';
const KEY_PREFIX = 'consistency-test-';
const WAIT_MS = 1_000;
const UPSERT_ENTITY = `mutation ($input: EntityInput!) {
  upsertEntity(input: $input) { __typename ... on MutationUpsertEntitySuccess { data { key name } } }
}`;

let db: Database;
let app: ReturnType<typeof createApp>;
/** A bookmark of this database alone, taken before any test adds another database's position. */
let ownBookmark: string;

interface Answer {
  status: number;
  token: string | null;
  body: GraphQLResponse & { extensions?: Record<string, unknown> };
}

async function send(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, token: response.headers.get('x-atlas-consistency'), body: (await response.json()) as Answer['body'] };
}

function company(key: string) {
  return {
    label: 'Company',
    key,
    name: `Consistency Test ${key}`,
    properties: { kind: 'AI_LAB' },
    evidence: [`Consistency Test ${key} buys chips.`],
    sources: ['omdia-2024-hopper-buyers'],
  };
}

/**
 * Neo4j 5.26 bookmarks are `FB:` + base64 Packstream: a one-element list of the database's UUID
 * (19 bytes with their markers), the transaction id, and an empty list (0x90). Rewriting them is
 * the only way to name a position this single server has not reached, or another database.
 */
function rewriteBookmark(bookmark: string, change: { txId?: number; database?: Buffer }): string {
  const raw = Buffer.from(bookmark.slice('FB:'.length), 'base64');
  expect(raw.subarray(0, 3)).toEqual(Buffer.from([0x91, 0xcc, 0x10]));
  expect(raw.at(-1)).toBe(0x90);
  let txId = raw.subarray(19, -1);
  if (change.txId !== undefined) {
    txId = Buffer.alloc(5, 0xca); // INT_32 marker, then the id big-endian
    txId.writeInt32BE(change.txId, 1);
  }
  return `FB:${Buffer.concat([raw.subarray(0, 3), change.database ?? raw.subarray(3, 19), txId, raw.subarray(-1)]).toString('base64')}`;
}

async function removeTestNodes(): Promise<void> {
  await db.write('MATCH (n) WHERE n.key STARTS WITH $prefix OR n.target STARTS WITH $prefix DETACH DELETE n', { prefix: KEY_PREFIX });
}

beforeAll(async () => {
  db = testDatabase({ consistencyTimeoutMs: WAIT_MS });
  app = createApp({ db, limits, apiKeys: parseApiKeys(`curator:${SECRET}:read+write`), audit: () => undefined });
  await removeTestNodes();
  const scope = new CausalScope();
  await db.withCausality(scope).write('RETURN 1 AS one');
  ownBookmark = scope.committed[0]!;
});

afterAll(async () => {
  await removeTestNodes();
  await db.close();
});

describe('one bookmark manager for every transaction of an instance', () => {
  const manager = () => db.driver.executeQueryBookmarkManager;

  it('records each write, and the next transaction starts from it', async () => {
    const scope = new CausalScope();
    await db.withCausality(scope).write('CREATE (:Entity {key: $key})', { key: `${KEY_PREFIX}plain` });
    expect(scope.committed).toHaveLength(1);
    expect(await manager().getBookmarks()).toContain(scope.committed[0]);
    expect(await db.read('MATCH (n:Entity {key: $key}) RETURN n.key AS key', { key: `${KEY_PREFIX}plain` })).toHaveLength(1);
  });

  // A bookmark of a database this server does not hold is accepted (and carried along in the
  // bookmarks it returns); left in the manager, it is replaced by whichever transaction starts from
  // the manager next, and only by one that does. So its disappearance proves the statement's
  // session shares the manager.
  it.each([
    ['read', () => db.read('RETURN 1 AS one')],
    ['write', () => db.write('MATCH (n:Entity {key: $key}) SET n.touched = true', { key: `${KEY_PREFIX}plain` })],
    ['write transaction', () => db.writeTransaction((run) => run('RETURN 1 AS one'))],
  ])('a %s starts from the shared manager and moves it on', async (_kind, statement) => {
    const marker = rewriteBookmark(ownBookmark, { database: Buffer.alloc(16, 0xab) });
    await manager().updateBookmarks([], [marker]);
    expect(await manager().getBookmarks()).toContain(marker);
    await statement();
    const after = [...(await manager().getBookmarks())];
    expect(after).not.toContain(marker);
    expect(after.length).toBeGreaterThan(0);
  });
});

describe('consistency tokens over HTTP', () => {
  it('answers a mutation with a token for its commit, in extensions and a header', async () => {
    const written = await send(UPSERT_ENTITY, { input: company(`${KEY_PREFIX}a`) });
    expect(written.body.data!.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');
    const token = written.body.extensions!.consistency as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(written.token).toBe(token);
    const bookmarks = db.tokens.read(token);
    expect(bookmarks).toHaveLength(1);
    expect(bookmarks[0]).toMatch(/^FB:/);

    const read = await send(`{ entity(key: "${KEY_PREFIX}a") { key } }`, {}, { 'x-atlas-consistency': token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ data: { entity: { key: `${KEY_PREFIX}a` } } });
    // Reads move nothing, so they hand out no token.
    expect(read.token).toBeNull();
  });

  it('answers no token when a mutation wrote nothing', async () => {
    const refused = await send(UPSERT_ENTITY, { input: { ...company(`${KEY_PREFIX}b`), sources: ['no-such-source'] } });
    expect(refused.body.data!.upsertEntity.__typename).toBe('ValidationError');
    expect(refused.body.extensions?.consistency).toBeUndefined();
    expect(refused.token).toBeNull();
  });

  it.each([
    ['not a token', 'latest'],
    ['a bare bookmark', 'FB:kcwQMGUuw7tGRF2CJlD1SY9g1waQ'],
    ['a token signed by another deployment', new ConsistencyTokens({ ...inject('neo4j'), password: 'another-password' }).issue(['FB:kcwQ'])],
  ])('refuses %s with a 400 before any database work', async (_case, token) => {
    const before = await graphCounts(db);
    const answer = await send(UPSERT_ENTITY, { input: company(`${KEY_PREFIX}c`) }, { 'x-atlas-consistency': token });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer.body)).toEqual(['BAD_CONSISTENCY_TOKEN']);
    expect(answer.body.errors![0]!.message).toMatch(/x-atlas-consistency header/);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('refuses a token whose payload was altered', async () => {
    const token = db.tokens.issue(['FB:kcwQ']);
    const altered = `${db.tokens.issue(['FB:kcwR']).split('.')[0]}.${token.split('.')[1]}`;
    const answer = await send('{ __typename }', {}, { 'x-atlas-consistency': altered });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer.body)).toEqual(['BAD_CONSISTENCY_TOKEN']);
  });

  it('gives up on a position the database never reaches within CONSISTENCY_TIMEOUT_MS, and serves others meanwhile', async () => {
    const future = db.tokens.issue([rewriteBookmark(ownBookmark, { txId: 2_000_000_000 })]);
    const started = Date.now();
    const [waiting, other] = await Promise.all([
      send('{ company(key: "bytedance") { key } }', {}, { 'x-atlas-consistency': future }),
      send('{ company(key: "bytedance") { key } }'),
    ]);
    const elapsed = Date.now() - started;
    expect(errorCodes(waiting.body)).toEqual(['CONSISTENCY_TIMEOUT']);
    expect(waiting.body.errors![0]!.message).toMatch(/not caught up/);
    expect(elapsed).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(elapsed).toBeLessThan(WAIT_MS + 3_000);
    expect(other.body).toMatchObject({ data: { company: { key: 'bytedance' } } });
  });
});
