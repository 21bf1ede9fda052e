import { describe, expect, it } from 'vitest';
import { StatementBudget } from '../../../src/db/request-scope.js';
import { createApp } from '../../../src/http/server.js';
import { countRoundTrips, errorCodes, type GraphQLResponse, limits } from '../../helpers.js';
import { aliases, attack, db, reports, send, useHostileApp } from './client.js';

// Queries that cost too much: refused before any database work, or stopped at the request's share
// of the database.

useHostileApp();

describe('alias, fragment, depth, token and directive bombs', () => {
  it.each([
    ['1,000 exposure aliases', aliases(1000, 'exposure(chip: "h100") { company { key } }'), 'tokens'],
    ['1,000 neighbourhood aliases', aliases(1000, 'neighborhood(key: "us") { nodes { key } }'), 'tokens'],
    ['300 paths aliases', aliases(300, 'paths(from: "bytedance", to: "us", maxHops: 6) { length }'), 'tokens'],
    ['2,000 introspection aliases', aliases(2000, '__schema { types { name fields { name args { name } } } }'), 'tokens'],
    ['100 short exposure aliases', aliases(100, 'exposure(chip: "h100") { chip { key } }'), 'aliases'],
    ['40 introspection aliases', aliases(40, '__schema { types { name } }'), 'aliases'],
    ['25 exposure aliases (under the alias limit, over the cost limit)', aliases(25, 'exposure(chip: "h100") { company { key } }'), 'complexity'],
    ['2 deep neighbourhoods', aliases(2, 'neighborhood(key: "us", depth: 3) { nodes { key } }'), 'complexity'],
    [
      'aliases hidden in nested fragments',
      `{ ...F0 } ${Array.from({ length: 8 }, (_, i) => `fragment F${i} on Query { x${i}a: company(key: "nvidia") { key } x${i}b: company(key: "amazon") { key } x${i}c: entity(key: "us") { key } x${i}d: entity(key: "cn") { key } ${i < 7 ? `...F${i + 1}` : ''} }`).join(' ')}`,
      'aliases',
    ],
    ['20,000 nested selections', `{ company(key: "nvidia") { country { ${'a { '.repeat(20_000)}${'}'.repeat(20_002)} }`, 'tokens'],
    ['a 20,000-deep list literal', `{ search(text: ${'['.repeat(20_000)}"x"${']'.repeat(20_000)}) { totalCount } }`, 'nesting'],
    ['a 5,000-deep object literal', `{ companies(filter: { nameContains: ${'{ a: '.repeat(5_000)}1${' }'.repeat(5_001)}) { totalCount } }`, 'tokens'],
    ['100 directives', `{ company(key: "nvidia") ${'@include(if: true) '.repeat(100)} { key } }`, 'directives'],
  ])('%s: QUERY_TOO_COMPLEX before any database work, in under a second', async (_name, query, measure) => {
    const { response, elapsed, statements } = await attack(query);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
    expect(errorCodes(response).every((code) => code === 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(response.errors![0]!.extensions!.measure).toBe(measure);
    expect(response.errors![0]!.message).toMatch(/limit|nested too deeply/);
    // Refused before execution (no data), or by the cost check at each root field (all null).
    expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
    expect(statements).toBe(0);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('an introspection query of ordinary size is still answered', async () => {
    const response = await send('{ __schema { queryType { name } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe("a request's share of the database", () => {
  it('stops a request at MAX_REQUEST_STATEMENTS statements, with a coded error for the rest', async () => {
    const tight = createApp({ db, limits: { ...limits, maxRequestStatements: 3 }, logError: (report) => reports.push(report) });
    const query = `{ ${['nvidia', 'amazon', 'bytedance', 'alibaba', 'tencent'].map((key, i) => `n${i}: neighborhood(key: "${key}") { nodes { key } }`).join(' ')} }`;
    let response: GraphQLResponse | undefined;
    const statements = await countRoundTrips(db, async () => {
      const raw = await tight.fetch('http://atlas.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      response = (await raw.json()) as GraphQLResponse;
    });
    expect(statements).toBe(3);
    expect(errorCodes(response!)).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX']);
    expect(response!.errors![0]!.extensions).toMatchObject({ measure: 'statements', limit: 3 });
    expect(response!.errors![0]!.message).toMatch(/MAX_REQUEST_STATEMENTS/);
    expect(Object.values(response!.data!).filter((value) => value !== null)).toHaveLength(3);
  });

  it("runs at most MAX_REQUEST_CONCURRENCY of a request's statements at once", async () => {
    const budget = new StatementBudget(10, 2);
    let running = 0;
    let mostAtOnce = 0;
    const statement = async () => {
      const release = await budget.acquire();
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      release();
    };
    await Promise.all(Array.from({ length: 6 }, statement));
    expect(mostAtOnce).toBe(2);
    expect(budget.statements).toBe(6);
  });
});
