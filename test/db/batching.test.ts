import { describe, expect, it } from 'vitest';
import { countRoundTrips, execute, type GraphQLResponse, useTestApp } from '../helpers.js';

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
    // The page with its links, figures and their sources prefetched; then the quotes' speakers, a level deeper.
    expect(many.count).toBe(2);
  });

  it('prefetches the nested links, figures and sources of a page in its one statement, with the same answer', async () => {
    const query = `{ companies(first: 12) { edges { node { key name country { key }
      financials(metric: CAPEX, period: "2024") { value unit sources { key } }
      chips { relation units chip { key } family { key } sources { key } }
      policies { relation policy { key } sources { key } } sources { key title } } } } }`;
    let response: GraphQLResponse | undefined;
    const count = await countRoundTrips(t.db, async () => {
      response = await execute(t.app, query);
    });
    expect(response!.errors).toBeUndefined();
    expect(count).toBe(1);
    // Each company asked on its own, where nothing is prefetched, answers the same.
    for (const { node } of response!.data!.companies.edges) {
      const alone = await execute(
        t.app,
        `query ($key: String!) { company(key: $key) { key name country { key }
        financials(metric: CAPEX, period: "2024") { value unit sources { key } }
        chips { relation units chip { key } family { key } sources { key } }
        policies { relation policy { key } sources { key } } sources { key title } } }`,
        { key: node.key },
      );
      expect(alone.data!.company).toEqual(node);
    }
  });

  it('returns loaded objects in the order of their keys, with null for missing ones', async () => {
    const { data, errors } = await execute(t.app, '{ a: company(key: "tencent") { key } b: company(key: "nope") { key } c: company(key: "amazon") { key } }');
    expect(data).toEqual({ a: { key: 'tencent' }, b: null, c: { key: 'amazon' } });
    expect(errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['b'], 'NOT_FOUND']]);
  });
});
