import { describe, expect, it } from 'vitest';
import { countRoundTrips, errorCodes, execute, limits, type GraphQLResponse, useTestApp } from '../helpers.js';

const t = useTestApp();

const nest = (depth: number): string => (depth === 0 ? 'key' : `chips { chip { vendor { ${nest(depth - 1)} } } }`);

describe('request limits', () => {
  it('refuses a query deeper than the limit before touching the database', async () => {
    let response: GraphQLResponse | undefined;
    const trips = await countRoundTrips(t.db, async () => {
      response = await execute(t.app, `{ company(key: "microsoft") { ${nest(6)} } }`);
    });
    expect(errorCodes(response!)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response!.errors![0]!.message).toMatch(/depth \d+ exceeds the limit of 10/);
    expect(trips).toBe(0);
  });

  it('refuses a query whose estimated cost is over the limit before touching the database', async () => {
    let response: GraphQLResponse | undefined;
    const trips = await countRoundTrips(t.db, async () => {
      response = await execute(
        t.app,
        '{ companies(first: 100) { edges { node { chips { chip { vendor { chips { sources { key } family { chips { key } } } } } } } } } }',
      );
    });
    expect(errorCodes(response!)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response!.errors![0]!.extensions).toMatchObject({ measure: 'complexity', limit: limits.maxComplexity });
    expect(trips).toBe(0);
  });

  it('lets a realistic list page through, and reports what it cost in extensions.cost', async () => {
    const page = (first: number) =>
      `{ companies(first: ${first}) { edges { node { key financials { metric value evidence sources { key } } chips { relation evidence } policies { relation evidence } } } } }`;
    const full = (await execute(t.app, page(100))) as GraphQLResponse & { extensions?: { cost?: Record<string, number> } };
    expect(full.errors).toBeUndefined();
    expect(full.data!.companies.edges.length).toBeGreaterThan(0);
    expect(full.extensions!.cost).toEqual({ complexity: 7_001, complexityLimit: limits.maxComplexity, depth: 6, depthLimit: limits.maxDepth });
    // A page is priced by `first`, whatever the graph holds: half the page, half the price.
    const half = (await execute(t.app, page(50))) as typeof full;
    expect(half.extensions!.cost!.complexity).toBe(3_501);
  });

  it('lets an ordinary nested query through', async () => {
    const response = await execute(t.app, `{ company(key: "microsoft") { ${nest(2)} } }`);
    expect(response.errors).toBeUndefined();
  });
});
