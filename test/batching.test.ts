import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { createApp } from '../src/server.js';
import { countRoundTrips, execute, limits, testDatabase, type GraphQLResponse } from './helpers.js';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  db = testDatabase();
  app = createApp({ db, limits });
});
afterAll(() => db.close());

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
      const count = await countRoundTrips(db, async () => {
        response = await execute(app, NESTED, { first });
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
    const { data } = await execute(app, '{ a: company(key: "tencent") { key } b: company(key: "nope") { key } c: company(key: "amazon") { key } }');
    expect(data).toEqual({ a: { key: 'tencent' }, b: null, c: { key: 'amazon' } });
  });
});
