import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

// Relation's typed link properties on the seed graph: what paths and neighbourhoods carry, typed
// (no reading units or periods out of the properties JSON), and the same values the JSON holds.

const t = useTestApp();

const RELATION =
  'type from { key } to { key } units stated period estimate uses strength purpose role commitment partial available asOf since until properties';

interface Link {
  type: string;
  from: { key: string };
  to: { key: string };
  [property: string]: unknown;
  properties: Record<string, unknown>;
}

async function linksAround(key: string, types: string[]): Promise<Link[]> {
  const answer = await execute<{ neighborhood: { relationships: Link[] } }>(
    t.app,
    `query ($key: String!, $types: [RelationType!]) { neighborhood(key: $key, types: $types) { relationships { ${RELATION} } } }`,
    { key, types },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.neighborhood.relationships;
}

const between = (links: Link[], type: string, from: string, to: string) =>
  links.find((link) => link.type === type && link.from.key === from && link.to.key === to);

describe('typed link properties on Relation', () => {
  it('gives a BUYS link its units, stated count, period and estimate, as numbers and booleans', async () => {
    const buys = between(await linksAround('microsoft', ['BUYS']), 'BUYS', 'microsoft', 'hopper');
    expect(buys).toMatchObject({ units: 485000, stated: '48.5萬枚', period: '2024', estimate: false, role: null, since: null, uses: [] });
    expect(buys!.properties).toMatchObject({ units: 485000, period: '2024', estimate: false, stated: '48.5萬枚' });
  });

  it('gives PARTICIPATES_IN its role and commitment, SUBSTITUTES its partial flag, and nulls where a link has none', async () => {
    const stargate = await linksAround('stargate', ['PARTICIPATES_IN']);
    expect(between(stargate, 'PARTICIPATES_IN', 'openai', 'stargate')).toMatchObject({
      role: 'initiator and co-investor',
      commitment: expect.stringContaining('USD 500 bn'),
      units: null,
      period: null,
      estimate: null,
    });
    const substitutes = between(await linksAround('h20', ['SUBSTITUTES']), 'SUBSTITUTES', 'domestic-mainstream-ai-chip', 'h20');
    expect(substitutes).toMatchObject({ partial: true, available: null });
  });

  it('types the relationship type as a RelationType value on paths too', async () => {
    const answer = await execute<{ paths: { relationships: Link[] }[] }>(
      t.app,
      `{ paths(from: "microsoft", to: "hopper", maxHops: 1, first: 1) { relationships { ${RELATION} } } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.paths[0]!.relationships[0]).toMatchObject({ type: 'BUYS', units: 485000, period: '2024' });
  });
});
