import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySchema } from '../../src/graph/schema.js';
import { ensureAggregates, rebuildAggregates } from '../../src/graph/aggregates.js';
import { financialTotals, TotalsRequestError, type FinancialGroup } from '../../src/graph/financials.js';
import { importFiles } from '../../src/ingest/index.js';
import { type GraphQLResponse, useOwnSeededGraph } from '../helpers.js';

// Precomputed totals must answer exactly what the live query answers, after every kind of write.
// This suite retracts seed links, deletes the aggregates and writes figures behind the service's
// back, so it runs an embedded Neo4j of its own rather than the shared one.

const WRITER = 'aggregates-writer-secret-01';
const FIXTURE = path.resolve('test/fixtures/second-source');
const SOURCE = 'test-aggregates-report';
const COMPANY = 'test-aggregates-co';

const graph = useOwnSeededGraph('aggregates', WRITER);

async function mutate(text: string, input: Record<string, unknown>): Promise<void> {
  const response = await graph.app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER}` },
    body: JSON.stringify({ query: text, variables: { input } }),
  });
  const { data, errors } = (await response.json()) as GraphQLResponse;
  expect(errors).toBeUndefined();
  expect(Object.values(data!)[0].__typename).toMatch(/Success$/);
}

const UPSERT_SOURCE = 'mutation ($input: SourceInput!) { upsertSource(input: $input) { __typename } }';
const UPSERT_ENTITY = 'mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename } }';
const UPSERT_RELATIONSHIP = 'mutation ($input: RelationshipInput!) { upsertRelationship(input: $input) { __typename } }';
const UPSERT_FACT = 'mutation ($input: FinancialFactInput!) { upsertFinancialFact(input: $input) { __typename } }';
const REMOVE_RELATIONSHIP = 'mutation ($input: RelationIdInput!) { removeRelationship(input: $input) { __typename } }';

function figure(subject: string, metric: string, period: string, value: number, unit = 'USD_BILLION') {
  const stated = `${value} ${unit}`;
  return { subject, metric, period, value, unit, stated, evidence: [`${subject} spent ${stated} in ${period}.`], sources: [SOURCE] };
}

type Answer = { totals: unknown[] } | { error: { argument: string; message: string } };

/** financialTotals without members (from the aggregates when current) or with them (always live), members left out. */
async function answer(
  metric: string,
  period: string,
  groupBy: FinancialGroup,
  unit: string | null,
  withMembers: boolean,
  market: string | null = null,
): Promise<Answer> {
  try {
    const totals = await financialTotals(graph.db, metric, period, groupBy, unit, { withMembers, market });
    return { totals: totals.map(({ companyKeys: _c, factKeys: _f, excludedFactKeys: _e, ...total }) => total) };
  } catch (error) {
    if (!(error instanceof TotalsRequestError)) throw error;
    return { error: { argument: error.argument, message: error.message } };
  }
}

/** The statements `work` sends. */
async function statements(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const stop = graph.db.onQuery((event) => sent.push(event.cypher));
  try {
    await work();
  } finally {
    stop();
  }
  return sent;
}

const readsAggregatesOnly = (sent: string[]) => sent.length === 1 && sent[0]!.includes(':FinancialAggregate') && !sent[0]!.includes(':REPORTED');

/**
 * For every metric and period companies state figures for, both groupings, and every unit (and
 * none): the answer from the aggregates, which must be what was read, equals the live one.
 */
async function expectAggregatesAnswerAsLive(): Promise<number> {
  const combinations = await graph.db.read<{ metric: string; period: string; units: string[]; markets: string[] }>(
    `MATCH (:Company)-[:REPORTED]->(f:FinancialFact) WHERE f.period IS NOT NULL
     RETURN f.metric AS metric, f.period AS period, collect(DISTINCT f.unit) AS units, collect(DISTINCT f.market) AS markets ORDER BY metric, period`,
  );
  let compared = 0;
  for (const { metric, period, units, markets } of combinations) {
    for (const market of [null, ...markets.sort()]) {
      for (const groupBy of ['COUNTRY', 'KIND'] as const) {
        for (const unit of [null, ...units.sort()]) {
          const label = `${metric} ${period} ${market} ${groupBy} ${unit}`;
          let stored: Answer | undefined;
          const sent = await statements(async () => (stored = await answer(metric, period, groupBy, unit, false, market)));
          expect(readsAggregatesOnly(sent), `${label} read ${sent.join('\n')}`).toBe(true);
          expect(stored, label).toEqual(await answer(metric, period, groupBy, unit, true, market));
          compared++;
        }
      }
    }
  }
  return compared;
}

async function storedAggregates() {
  return graph.db.read('MATCH (a:FinancialAggregate) RETURN properties(a) AS aggregate ORDER BY a.key');
}

/** What the writes maintained is what a rebuild from scratch computes. */
async function expectMaintainedAsRebuilt(): Promise<void> {
  const maintained = await storedAggregates();
  await rebuildAggregates(graph.db);
  expect(await storedAggregates()).toEqual(maintained);
}

async function totalOf(metric: string, period: string, groupBy: FinancialGroup, groupKey: string) {
  const totals = await financialTotals(graph.db, metric, period, groupBy, null, { withMembers: false });
  return totals.find((total) => total.groupKey === groupKey);
}

describe('precomputed totals (issue 11: financialTotals read every figure)', () => {
  it('answers every metric, period, grouping and unit of the seed as the live query does', async () => {
    expect(await expectAggregatesAnswerAsLive()).toBeGreaterThan(40);
    // The article's group totals, from the aggregates.
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'us')).toMatchObject({
      total: 258,
      memberCount: 5,
      unit: 'USD_BILLION',
      group: expect.objectContaining({ key: 'us', label: 'Country' }),
    });
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'china')).toMatchObject({ total: 44.6, memberCount: 7 });
    await expectMaintainedAsRebuilt();
  });

  it('serve the GraphQL field when no member is selected', async () => {
    let response: Response | undefined;
    const sent = await statements(
      async () =>
        (response = await graph.app.fetch('http://atlas.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ financialTotals(metric: CAPEX, period: "2024") { groupKey total unit approximate method group { key } } }' }),
        })),
    );
    const { data, errors } = (await response!.json()) as GraphQLResponse;
    expect(errors).toBeUndefined();
    expect(readsAggregatesOnly(sent)).toBe(true);
    expect(data!.financialTotals).toContainEqual({
      groupKey: 'us',
      total: 258,
      unit: 'USD_BILLION',
      approximate: false,
      method: 'Sum of 5 company figures stated by the sources (one per company, company-wide).',
      group: { key: 'us' },
    });
  });

  it('are no entities', async () => {
    const [row] = await graph.db.read<{ aggregates: number; entities: number }>(
      'MATCH (a:FinancialAggregate) RETURN count(a) AS aggregates, count(CASE WHEN a:Entity THEN 1 END) AS entities',
    );
    expect(row!.aggregates).toBeGreaterThan(0);
    expect(row!.entities).toBe(0);
  });

  it('stay equal to the live answers after a second source is imported', async () => {
    const files = (await readdir(FIXTURE)).filter((name) => name.endsWith('.json')).sort();
    const { written } = await importFiles(
      graph.db,
      files.map((name) => path.join(FIXTURE, name)),
      { textRoot: FIXTURE },
    );
    expect(written.changeSet).not.toBeNull();
    await expectAggregatesAnswerAsLive();
    await expectMaintainedAsRebuilt();
  });

  it('follow mutations that add a figure, link a headquarters, change the figure and the company kind', async () => {
    await mutate(UPSERT_SOURCE, { key: SOURCE, title: 'Aggregates test report', kind: 'REPORT', url: 'https://example.invalid/aggregates' });
    await mutate(UPSERT_ENTITY, {
      label: 'Company',
      key: COMPANY,
      name: 'Aggregates Test Co',
      properties: { kind: 'AI_LAB' },
      evidence: ['Aggregates Test Co trains models.'],
      sources: [SOURCE],
    });
    const aiLab = (await totalOf('CAPEX', '2024', 'KIND', 'AI_LAB'))?.total ?? 0;

    await mutate(UPSERT_FACT, figure(COMPANY, 'CAPEX', '2024', 3.3));
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'unknown')).toMatchObject({ total: 3.3, memberCount: 1 });
    expect((await totalOf('CAPEX', '2024', 'KIND', 'AI_LAB'))!.total).toBeCloseTo(aiLab + 3.3, 9);
    await expectAggregatesAnswerAsLive();

    await mutate(UPSERT_RELATIONSHIP, {
      type: 'HEADQUARTERED_IN',
      from: COMPANY,
      to: 'us',
      evidence: ['Aggregates Test Co is based in the US.'],
      sources: [SOURCE],
    });
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'unknown')).toBeUndefined();
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'us')).toMatchObject({ total: 261.3, memberCount: 6 });
    await expectAggregatesAnswerAsLive();

    // Issue 18 item 9: an edit of a figure's value through the API moves every total that includes it.
    // Same subject, metric, period, qualifier and first source: the figure is updated, not added.
    await mutate(UPSERT_FACT, figure(COMPANY, 'CAPEX', '2024', 4.4));
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'us')).toMatchObject({ total: 262.4, memberCount: 6 });
    await expectAggregatesAnswerAsLive();

    await mutate(UPSERT_ENTITY, {
      label: 'Company',
      key: COMPANY,
      name: 'Aggregates Test Co',
      properties: { kind: 'HYPERSCALER' },
      evidence: ['Aggregates Test Co trains models.'],
      sources: [SOURCE],
    });
    expect((await totalOf('CAPEX', '2024', 'KIND', 'AI_LAB'))?.total ?? 0).toBeCloseTo(aiLab, 9);
    await expectAggregatesAnswerAsLive();
    await expectMaintainedAsRebuilt();
  });

  it('move a company out of its country when its headquarters link is retracted', async () => {
    const china = (await totalOf('CAPEX', '2024', 'COUNTRY', 'china'))!;
    const [bytedance] = await graph.db.read<{ value: number }>(
      `MATCH (:Company {key: 'bytedance'})-[:REPORTED]->(f:FinancialFact {metric: 'CAPEX', period: '2024', qualifier: 'EXACT'}) RETURN f.value AS value`,
    );
    await mutate(REMOVE_RELATIONSHIP, { type: 'HEADQUARTERED_IN', from: 'bytedance', to: 'china', allSources: true });
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'china')).toMatchObject({ memberCount: china.memberCount - 1 });
    expect((await totalOf('CAPEX', '2024', 'COUNTRY', 'china'))!.total).toBeCloseTo(china.total - bytedance!.value, 9);
    expect(await totalOf('CAPEX', '2024', 'COUNTRY', 'unknown')).toMatchObject({ total: bytedance!.value, memberCount: 1, group: null });
    await expectAggregatesAnswerAsLive();
    await expectMaintainedAsRebuilt();
  });

  it('refuse several units and units that do not add up, as the live query does', async () => {
    await mutate(UPSERT_FACT, figure(COMPANY, 'CAPEX', '2031', 2.5));
    await mutate(UPSERT_FACT, figure('bytedance', 'CAPEX', '2031', 12, 'CNY_BILLION'));
    const mixed = await answer('CAPEX', '2031', 'COUNTRY', null, false);
    expect(mixed).toEqual({
      error: { argument: 'unit', message: expect.stringMatching(/stated in CNY_BILLION and USD_BILLION, and totals never add different units/) },
    });
    expect(mixed).toEqual(await answer('CAPEX', '2031', 'COUNTRY', null, true));
    expect(await answer('CAPEX', '2031', 'COUNTRY', 'CNY_BILLION', false)).toEqual({
      totals: [expect.objectContaining({ groupKey: 'unknown', total: 12, unit: 'CNY_BILLION', memberCount: 1 })],
    });

    const percent = await answer('CAPEX_GROWTH', '2024', 'COUNTRY', null, false);
    expect(percent).toEqual({ error: { argument: 'metric', message: expect.stringMatching(/names figures stated in PERCENT, which do not add up/) } });
    expect(percent).toEqual(await answer('CAPEX_GROWTH', '2024', 'COUNTRY', null, true));
    await expectAggregatesAnswerAsLive();
    await expectMaintainedAsRebuilt();
  });
});

describe('at startup', () => {
  it('builds the aggregates of a data directory that has none', async () => {
    const before = await storedAggregates();
    await graph.db.write(`MATCH (a:FinancialAggregate) DELETE a`);
    await graph.db.write(`MATCH (state:GraphState) REMOVE state.financialAggregates, state.aggregatedFacts`);
    // Meanwhile totals are answered by the live query.
    let meanwhile: Answer | undefined;
    const sent = await statements(async () => (meanwhile = await answer('CAPEX', '2024', 'COUNTRY', null, false)));
    expect(sent.some((cypher) => cypher.includes(':REPORTED'))).toBe(true);
    expect(meanwhile).toEqual(await answer('CAPEX', '2024', 'COUNTRY', null, true));

    await applySchema(graph.db);
    expect(await storedAggregates()).toEqual(before);
    await expectAggregatesAnswerAsLive();
    expect(await ensureAggregates(graph.db)).toBe(false);
  });

  it('rebuilds aggregates of an older format', async () => {
    await graph.db.write(`MATCH (state:GraphState) SET state.financialAggregates = 0`);
    expect(await ensureAggregates(graph.db)).toBe(true);
    expect(await ensureAggregates(graph.db)).toBe(false);
    await expectAggregatesAnswerAsLive();
  });

  it('does not trust aggregates after figures were written with plain Cypher, and rebuilds them', async () => {
    // As bench/generate.ts writes its graph: straight CREATEs, no aggregates kept.
    await graph.db.write(
      `MATCH (us:Country {key: 'us'})
       CREATE (c:Entity:Company {key: 'test-aggregates-raw', name: 'Raw Co', kind: 'AI_LAB', sources: [$source]})-[:HEADQUARTERED_IN {key: 'test-aggregates-raw|HEADQUARTERED_IN|us'}]->(us)
       CREATE (c)-[:REPORTED {key: 'test-aggregates-raw|REPORTED'}]->(:FinancialFact {key: 'test-aggregates-raw|CAPEX|2024', subject: 'test-aggregates-raw',
         metric: 'CAPEX', period: '2024', value: 1.0, unit: 'USD_BILLION', qualifier: 'EXACT', estimate: false, stated: '1', sources: [$source]})`,
      { source: SOURCE },
    );
    let us: Awaited<ReturnType<typeof totalOf>>;
    const live = await statements(async () => (us = await totalOf('CAPEX', '2024', 'COUNTRY', 'us')));
    expect(live.some((cypher) => cypher.includes(':REPORTED'))).toBe(true);
    expect(us).toMatchObject({ total: 263.4, memberCount: 7 });
    expect(await ensureAggregates(graph.db)).toBe(true);
    let stored: unknown;
    const sent = await statements(async () => (stored = await totalOf('CAPEX', '2024', 'COUNTRY', 'us')));
    expect(readsAggregatesOnly(sent)).toBe(true);
    expect(stored).toEqual(us);
    await expectAggregatesAnswerAsLive();
  });
});
