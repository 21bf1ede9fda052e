import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { loadConfig } from '../../src/core/config.js';
import type { Database } from '../../src/db/database.js';
import { CausalScope, StatementBudget } from '../../src/db/request-scope.js';
import { GraphLoader } from '../../src/read/loader.js';
import { prefetchNested } from '../../src/read/prefetch.js';
import { schema } from '../../src/schema/index.js';
import { rootFieldInfo } from '../fixtures/resolve-info.js';

// A page prefetches its rows' links, figures and sources in its own statement (src/read/prefetch.ts),
// and hands them to the loader under the requests the resolvers make: no database is needed to see
// the Cypher it plans, nor to see that the resolvers then ask the database nothing more.

const PAGE = `query ($metric: FinancialMetric) {
  companies(first: 5) { edges { node {
    name
    chips { relation chip { name } sources { title } }
    financials(metric: $metric) { metric value sources { title } }
    country { name }
    sources { title }
    owned: subsidiaries { key }
  } } }
}`;

describe('the prefetch plan of a page', () => {
  const plan = prefetchNested(rootFieldInfo(PAGE, { metric: 'CAPEX' }), ['edges', 'node'], 'Company');

  it('has one column per link, figures or sources field, named after the field and numbered by its place', () => {
    expect(Object.keys(plan.reads.columns)).toEqual(['chips_1', 'financials_2', 'country_3', 'sources_4', 'subsidiaries_5']);
  });

  it('reads the links a field follows, with what the selection needs of them and their sources', () => {
    const chips = plan.reads.columns.chips_1!;
    expect(chips).toContain('(n)-[r:BUYS|DEPENDS_ON]->(m:Entity)');
    // A link travels as a list: its type, its direction, the properties and the node the selection reads.
    expect(chips).toContain('[type(r), startNode(r) = n, [r.sources], [m.key, m.name, labels(m)]]');
    expect(chips).toContain('WHERE s.key IN coalesce(r.sources, [])');
    expect(plan.reads.columns.subsidiaries_5).toContain('(n)<-[r:SUBSIDIARY_OF]-(m:Entity) WHERE m:Company');
    expect(plan.reads.columns.country_3).toContain('WHERE m:Country');
  });

  it('filters figures by the arguments, passed as parameters, through the pattern factsOf runs', () => {
    expect(plan.reads.columns.financials_2).toContain(
      '(n)-[:REPORTED]->(f:FinancialFact) WHERE ($financials_2_metric IS NULL OR f.metric = $financials_2_metric) AND ($financials_2_period IS NULL OR f.period = $financials_2_period)',
    );
    expect(plan.reads.params).toEqual({ financials_2_metric: 'CAPEX', financials_2_period: null });
  });
});

describe('a prefetched page', () => {
  // Rows as Neo4j returns the plan's lists: [key, ...the properties read, labels].
  const source = ['report', 'A report', 'A report', ['Entity', 'Source']];
  const company = ['acme', 'Acme', ['report'], ['Entity', 'Company']];
  const fact = {
    key: 'acme-capex',
    subject: 'acme',
    metric: 'CAPEX',
    value: 7,
    qualifier: 'EXACT',
    unit: 'USD_BILLION',
    stated: '7',
    estimate: false,
    sources: ['report'],
  };
  const chipUse = ['BUYS', true, [['report']], ['h100', 'H100', ['Entity', 'Chip']]];
  const country = ['HEADQUARTERED_IN', true, [], ['us', 'United States', ['Entity', 'Country']]];
  // What Neo4j would return for each column of the plan, by the field it is named after.
  const prefetched: Record<string, unknown> = {
    chips: [[chipUse, [[source]]]],
    financials: [[fact, [[source]]]],
    country: [[country, []]],
    sources: [[source]],
    subsidiaries: [],
  };

  it('answers every nested field from the loader: the prefetch and the resolvers build the same requests', async () => {
    const statements: string[] = [];
    const db = {
      read: async (cypher: string) => {
        statements.push(cypher);
        if (statements.length > 1) return [];
        const prefetchedColumns = new Proxy({}, { get: (_target, column: string) => prefetched[column.replace(/_\d+$/, '')] });
        return [{ page: [[company, prefetchedColumns]], more: false }];
      },
    } as unknown as Database;
    const context: Context = {
      db,
      graph: new GraphLoader(db),
      limits: loadConfig({}).limits,
      auth: { status: 'anonymous', scopes: new Set() },
      audit: () => undefined,
      requestId: 'prefetch-test',
      budget: new StatementBudget(25, 4),
      causality: new CausalScope([]),
    };
    const result = await execute({ schema, document: parse(PAGE), contextValue: context, variableValues: { metric: 'CAPEX' } });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const title = { title: 'A report' };
    expect(result.data).toEqual({
      companies: {
        edges: [
          {
            node: {
              name: 'Acme',
              chips: [{ relation: 'BUYS', chip: { name: 'H100' }, sources: [title] }],
              financials: [{ metric: 'CAPEX', value: 7, sources: [title] }],
              country: { name: 'United States' },
              sources: [title],
              owned: [],
            },
          },
        ],
      },
    });
  });
});
