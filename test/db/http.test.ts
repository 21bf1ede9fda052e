import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';

const t = useTestApp();

describe('HTTP endpoints', () => {
  it('answers /health while the process is up', async () => {
    expect((await t.app.fetch('http://atlas.test/health')).status).toBe(200);
  });

  it('answers /ready when Neo4j is reachable', async () => {
    expect((await t.app.fetch('http://atlas.test/ready')).status).toBe(200);
  });

  it('serves GraphiQL at /graphql to a browser', async () => {
    const response = await t.app.fetch('http://atlas.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });
});
