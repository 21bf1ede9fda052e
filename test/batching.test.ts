import { describe, expect, it } from 'vitest';
import { countRoundTrips, execute, type GraphQLResponse, useTestApp } from './helpers.js';

const t = useTestApp();

// companies -> (country, chips, financials, quotes, sources) -> (chip/family sources, fact sources)
const NESTED = `query ($first: Int) {
  companies(first: $first) {
    edges { node {
      key
      country { key name }
      chips { relation units chip { key name } family { key name } sources { key title } }
      financials { metric period value sources { key title } }
      quotes { text speaker { key } }
      sources { key title }
    } }
  }
}`;

describe('batched loading', () => {
  it('costs one Cypher round trip per nesting level, however many companies are asked for', async () => {
    const trips = async (first: number) => {
      let response: GraphQLResponse | undefined;
      const count = await countRoundTrips(t.db, async () => {
        response = await execute(t.app, NESTED, { first });
      });
      expect(response!.errors).toBeUndefined();
      return { count, companies: response!.data!.companies.edges.length as number };
    };
    const few = await trips(2);
    const many = await trips(12);
    expect(many.companies).toBe(12);
    expect(many.count).toBe(few.count);
    // Page; the fields of each company; what those fields point at (sources, speakers).
    expect(many.count).toBeLessThanOrEqual(3);
  });

  it('returns loaded objects in the order of their keys, with null for missing ones', async () => {
    const { data } = await execute(t.app, '{ a: company(key: "tencent") { key } b: company(key: "nope") { key } c: company(key: "amazon") { key } }');
    expect(data).toEqual({ a: { key: 'tencent' }, b: null, c: { key: 'amazon' } });
  });
});
