import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { createApp } from '../src/server.js';
import { limits, testDatabase } from './helpers.js';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  db = testDatabase();
  app = createApp({ db, limits });
});
afterAll(() => db.close());

describe('HTTP endpoints', () => {
  it('answers /health while the process is up', async () => {
    expect((await app.fetch('http://atlas.test/health')).status).toBe(200);
  });

  it('answers /ready when Neo4j is reachable', async () => {
    expect((await app.fetch('http://atlas.test/ready')).status).toBe(200);
  });

  it('serves GraphiQL at /graphql to a browser', async () => {
    const response = await app.fetch('http://atlas.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });
});
