import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { applySchema } from '../../src/graph/schema.js';
import { createApp } from '../../src/http/server.js';
import { errorCodes, execute, limits, type GraphQLResponse } from '../helpers.js';

// This suite stops and restarts a database, so it runs its own embedded Neo4j rather than the
// shared one, whatever NEO4J_URI says.
const PASSWORD = 'outage-test-password';
let dataDir: string;
let boltPort: number;
let neo4j: EmbeddedNeo4j | undefined;
let db: Database;
let app: ReturnType<typeof createApp>;
const masked: unknown[] = [];

const start = async () => {
  neo4j = await startEmbeddedNeo4j({ dataDir, boltPort, password: PASSWORD, heap: '512m' });
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-outage-'));
  boltPort = await freePort();
  await start();
  db = new Database({ uri: neo4j!.uri, user: 'neo4j', password: PASSWORD, database: 'neo4j', queryTimeoutMs: 5_000, connectTimeoutMs: 2_000 });
  // The service applies its schema before it listens; an unknown key's NOT_FOUND uses its search index.
  await applySchema(db);
  app = createApp({ db, limits, logError: (report) => masked.push(report.error) });
});

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('when Neo4j goes away', () => {
  it('answers DATABASE_UNAVAILABLE within seconds, stays up, and recovers by itself', async () => {
    expect(errorCodes(await execute(app, '{ company(key: "amazon") { key } }'))).toEqual(['NOT_FOUND']);

    await neo4j!.stop();
    const started = Date.now();
    const down = await execute(app, '{ company(key: "amazon") { key } }');
    const elapsed = Date.now() - started;
    expect(errorCodes(down)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(down.errors![0]!.message).toMatch(/unavailable/);
    expect(elapsed).toBeLessThan(8_000);
    expect((await app.fetch('http://atlas.test/ready')).status).toBe(503);
    expect((await app.fetch('http://atlas.test/health')).status).toBe(200);

    await start();
    let recovered: GraphQLResponse | undefined;
    for (let attempt = 0; attempt < 30; attempt++) {
      recovered = await execute(app, '{ company(key: "amazon") { key } }');
      if (errorCodes(recovered).join() === 'NOT_FOUND') break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(errorCodes(recovered!)).toEqual(['NOT_FOUND']);
    expect((await app.fetch('http://atlas.test/ready')).status).toBe(200);
  }, 180_000);

  it('masks unexpected errors: the client sees no internals, the server log does', async () => {
    await db.write("CREATE (:Entity:Company {key: 'broken-co', name: 'Broken', kind: 'SECRET_INTERNAL_VALUE', sources: []})");
    const response = await execute(app, '{ company(key: "broken-co") { key kind } }');
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.errors![0]!.message).toBe('Unexpected error.');
    expect(JSON.stringify(response)).not.toContain('SECRET_INTERNAL_VALUE');
    expect(String(masked.at(-1))).toContain('SECRET_INTERNAL_VALUE');
  });
});
