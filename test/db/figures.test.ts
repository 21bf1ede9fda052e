import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importItems } from '../../src/ingest/index.js';
import { execute, useTestApp } from '../helpers.js';

const seed = (file: string) => JSON.parse(readFileSync(new URL(`../../seed/data/${file}`, import.meta.url), 'utf8')) as Record<string, any>[];
const facts = seed('facts.json');
const dataCenters = seed('data-centers.json').filter((e) => e.label === 'DataCenter');

const t = useTestApp();

const FIGURES = `query ($key: String!) { entity(key: $key) { __typename key
  financials { metric period value valueMax qualifier unit stated sources { key } checks { computed expression note } } } }`;

describe('every seeded figure is reachable from its subject', () => {
  it('returns each fact of facts.json through entity(key) { financials }', async () => {
    const subjects = [...new Set(facts.map((f) => f.subject as string))];
    const bySubject = new Map<string, any>();
    for (const subject of subjects) {
      const { data, errors } = await execute(t.app, FIGURES, { key: subject });
      expect(errors, subject).toBeUndefined();
      expect(data!.entity, subject).not.toBeNull();
      bySubject.set(subject, data!.entity);
    }
    // Subjects of every kind, not only companies, groups and policies.
    const types = new Set([...bySubject.values()].map((e) => e.__typename));
    for (const type of ['Chip', 'Country', 'DataCenter']) {
      if (facts.some((f) => bySubject.get(f.subject)?.__typename === type)) expect(types.has(type)).toBe(true);
    }

    const missing: string[] = [];
    for (const fact of facts) {
      const found = bySubject
        .get(fact.subject)
        .financials.find(
          (f: any) =>
            f.metric === fact.metric && f.period === fact.period && f.stated === fact.stated && f.value === fact.value && f.sources[0].key === fact.sources[0],
        );
      if (!found) {
        missing.push(`${fact.subject} ${fact.metric} ${fact.period} ${fact.stated}`);
        continue;
      }
      expect(found).toMatchObject({ unit: fact.unit, qualifier: fact.qualifier ?? 'EXACT', valueMax: fact.valueMax ?? null });
      expect(found.checks).toEqual(fact.checks ?? []);
    }
    expect(missing).toEqual([]);
  });

  it('answers financials on an entity type that states none with an empty list', async () => {
    const { data, errors } = await execute(t.app, '{ entity(key: "caijing-2025-us-cn-ai-compute-capex") { financials { key } } }');
    expect(errors).toBeUndefined();
    expect(data!.entity.financials).toEqual([]);
  });
});

describe('checks on a figure', () => {
  const SOURCE = 'test-figures-source';
  afterAll(async () => {
    await t.db.write(`MATCH (f:FinancialFact) WHERE $key IN f.sources DETACH DELETE f`, { key: SOURCE });
    await t.db.write(`MATCH (c:Claim) WHERE c.target = $key OR $key IN c.sources DETACH DELETE c`, { key: SOURCE });
    await t.db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: SOURCE });
  });

  it('round-trips a written figure with checks, stored as one JSON string', async () => {
    await importItems(
      t.db,
      'sources',
      [{ key: SOURCE, title: 'Figures test source', kind: 'REPORT', url: 'https://example.invalid/figures' }],
      'figures-test',
      'test',
    );
    const checks = [
      { computed: 60.5, expression: '(512 - 319) / 319 * 100', note: 'The stated growth disagrees with the stated totals.' },
      { computed: 1.5, expression: '3 / 2', note: 'A second check.' },
    ];
    const sentence = 'Test figure: growth of about 69% in 2030.';
    await importItems(
      t.db,
      'facts',
      [
        {
          subject: 'bytedance',
          metric: 'CAPEX_GROWTH',
          period: '2030',
          value: 69,
          qualifier: 'APPROX',
          unit: 'PERCENT',
          stated: '69%',
          evidence: [sentence],
          sources: [SOURCE],
          checks,
        },
      ],
      'figures-test',
      'test',
    );
    const [stored] = await t.db.read<{ checks: unknown }>(`MATCH (f:FinancialFact) WHERE $key IN f.sources RETURN f.checks AS checks`, { key: SOURCE });
    expect(typeof stored!.checks).toBe('string');

    const { data, errors } = await execute(
      t.app,
      `{ company(key: "bytedance") { financials(metric: CAPEX_GROWTH, period: "2030") { value qualifier stated checks { computed expression note } support { properties } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.company.financials).toEqual([expect.objectContaining({ value: 69, qualifier: 'APPROX', stated: '69%', checks })]);
    expect(data!.company.financials[0].support[0].properties.checks).toEqual(checks);
  });
});

describe('number properties keep their qualifier', () => {
  it('exposes powerMW and chipCount with their qualifiers as the seed states them', async () => {
    for (const dc of dataCenters) {
      const { data, errors } = await execute(
        t.app,
        `query ($key: String!) { dataCenter: entity(key: $key) { ... on DataCenter { powerMW powerMWQualifier chipCount chipCountQualifier } } }`,
        { key: dc.key },
      );
      expect(errors).toBeUndefined();
      expect(data!.dataCenter, dc.key).toEqual({
        powerMW: dc.powerMW ?? null,
        powerMWQualifier: dc.powerMWQualifier ?? null,
        chipCount: dc.chipCount ?? null,
        chipCountQualifier: dc.chipCountQualifier ?? null,
      });
    }
  });

  it('states ByteDance\'s "超過2GW" portfolio as 2000 MW, MORE_THAN', async () => {
    const bound = dataCenters.find((dc) => dc.powerMWQualifier === 'MORE_THAN' && dc.powerMW === 2000);
    expect(bound, 'a data center in the seed with powerMW 2000 MORE_THAN').toBeDefined();
    const { data } = await execute(t.app, `{ entity(key: "${bound!.key}") { ... on DataCenter { powerMW powerMWQualifier } } }`);
    expect(data!.entity).toEqual({ powerMW: 2000, powerMWQualifier: 'MORE_THAN' });
  });
});
