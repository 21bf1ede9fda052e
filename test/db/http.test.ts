import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

const t = useTestApp();

describe('HTTP endpoints', () => {
  it('answers /health while the process is up, saying so in JSON', async () => {
    const response = await t.app.fetch('http://atlas.test/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', healthy: true, database: 'up' });
  });

  it('answers /ready when Neo4j is reachable, with the graph version it serves', async () => {
    const response = await t.app.fetch('http://atlas.test/ready');
    expect(response.status).toBe(200);
    const { data } = await execute<{ graphVersion: string }>(t.app, '{ graphVersion }');
    expect(await response.json()).toEqual({ status: 'ready', ready: true, database: 'up', graphVersion: data!.graphVersion });
  });

  it('serves GraphiQL at /graphql to a browser', async () => {
    const response = await t.app.fetch('http://atlas.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });
});
