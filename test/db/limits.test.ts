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

  it('lets an ordinary nested query through', async () => {
    const response = await execute(t.app, `{ company(key: "microsoft") { ${nest(2)} } }`);
    expect(response.errors).toBeUndefined();
  });
});
