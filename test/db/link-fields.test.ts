import { describe, expect, it } from 'vitest';
import { countRoundTrips, execute, type GraphQLResponse, useTestApp } from '../helpers.js';

// A link field declared with linkField (src/schema/link-field.ts) answers from the seed on its own
// and, selected on a page, from the page's one statement.
const t = useTestApp();

describe('Company.subsidiaries', () => {
  it('lists the companies that are SUBSIDIARY_OF the company', async () => {
    const { data, errors } = await execute(
      t.app,
      '{ amazon: company(key: "amazon") { subsidiaries { key name } } aws: company(key: "aws") { subsidiaries { key } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.amazon.subsidiaries).toEqual([{ key: 'aws', name: 'Amazon Web Services' }]);
    expect(data!.aws.subsidiaries).toEqual([]);
  });

  it('is prefetched with a page of companies: one statement, the same answers', async () => {
    let response: GraphQLResponse | undefined;
    const count = await countRoundTrips(t.db, async () => {
      response = await execute(t.app, '{ companies(first: 100) { edges { node { key subsidiaries { key } } } } }');
    });
    expect(response!.errors).toBeUndefined();
    expect(count).toBe(1);
    const owners = Object.fromEntries(
      response!
        .data!.companies.edges.filter(({ node }: any) => node.subsidiaries.length)
        .map(({ node }: any) => [node.key, node.subsidiaries.map((s: { key: string }) => s.key)]),
    );
    expect(owners).toEqual({ alibaba: ['alibaba-cloud'], amazon: ['aws'] });
  });
});
