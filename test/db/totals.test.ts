import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes, execute, useTestApp } from '../helpers.js';

// Every financialTotals answer on the seed, recomputed here from the seed's own files rather than
// from the graph: one figure per company in the scope asked (company-wide, or one market), chosen
// exact over approximate over bounds, stated over estimated; only exact and approximate amounts
// added; groups by headquarters country or company kind (issue 18, item 1: a market segment was
// summed as a company's total).

type Item = Record<string, any>;
const SEED = new URL('../../seed/data/', import.meta.url);
const items = readdirSync(SEED)
  .filter((name) => name.endsWith('.json'))
  .flatMap((name) => (JSON.parse(readFileSync(new URL(name, SEED), 'utf8')) as Item[]).map((item): Item => ({ ...item, file: name })));
const companies = new Map(items.filter((i) => i.file !== 'relationships.json' && i.label === 'Company').map((c) => [c.key as string, c]));
const headquarters = new Map(
  items.filter((i) => i.file === 'relationships.json' && i.type === 'HEADQUARTERED_IN').map((r) => [r.from as string, r.to as string]),
);
const figures = items.filter((i) => i.file === 'facts.json' && companies.has(i.subject) && i.period);
const ADDITIVE = ['USD_BILLION', 'CNY_BILLION', 'UNITS', 'MEGAWATT', 'GIGAWATT'];
const rank = (f: Item) => [f.qualifier === 'EXACT' ? 0 : f.qualifier === 'APPROX' ? 1 : 2, f.estimate ? 1 : 0];

type Expected = { error: string } | { totals: Record<string, { total: number; approximate: boolean; members: string[] }> };

function byHand(metric: string, period: string, market: string | null, groupBy: 'COUNTRY' | 'KIND'): Expected {
  const inScope = figures.filter((f) => f.metric === metric && f.period === period && (f.market ?? null) === market);
  const chosen: Item[] = [];
  for (const company of new Set(inScope.map((f) => f.subject as string))) {
    const own = inScope.filter((f) => f.subject === company).sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]!);
    // The seed is written in one change set, so a tie here would be decided by key order alone.
    if (own.length > 1) expect(rank(own[0]!), `${company} ${metric} ${period} has two equally preferred figures`).not.toEqual(rank(own[1]!));
    if (['EXACT', 'APPROX'].includes(own[0]!.qualifier)) chosen.push(own[0]!);
  }
  const units = [...new Set(chosen.map((f) => f.unit as string))];
  if (units.length > 1) return { error: 'unit' };
  if (units.length === 1 && !ADDITIVE.includes(units[0]!)) return { error: 'metric' };
  const totals: Record<string, { total: number; approximate: boolean; members: string[] }> = {};
  for (const f of chosen) {
    const group = groupBy === 'COUNTRY' ? (headquarters.get(f.subject) ?? 'unknown') : (companies.get(f.subject)!.kind ?? 'unknown');
    totals[group] ??= { total: 0, approximate: false, members: [] };
    totals[group].total += f.value;
    totals[group].approximate ||= f.estimate === true || f.qualifier === 'APPROX';
    totals[group].members.push(f.subject);
  }
  return { totals };
}

const TOTALS = `query ($metric: FinancialMetric!, $period: String!, $groupBy: FinancialGroup, $market: String) {
  stored: financialTotals(metric: $metric, period: $period, groupBy: $groupBy, market: $market) { groupKey total approximate market { key } }
  live: financialTotals(metric: $metric, period: $period, groupBy: $groupBy, market: $market) { groupKey total companies { key } facts { market { key } } }
}`;

const t = useTestApp();

describe('financialTotals recomputed by hand from the seed', () => {
  const pairs = [...new Set(figures.map((f) => `${f.metric}|${f.period}`))].map((pair) => pair.split('|') as [string, string]);

  it.each(pairs)('%s %s: every scope and grouping', async (metric, period) => {
    const markets = [null, ...new Set(figures.filter((f) => f.metric === metric && f.period === period && f.market).map((f) => f.market as string))];
    for (const market of markets) {
      for (const groupBy of ['COUNTRY', 'KIND'] as const) {
        const label = `${metric} ${period} ${market ?? 'company-wide'} ${groupBy}`;
        const expected = byHand(metric, period, market, groupBy);
        const response = await execute(t.app, TOTALS, { metric, period, groupBy, market });
        if ('error' in expected) {
          expect(errorCodes(response), label).toContain('BAD_USER_INPUT');
          expect(response.errors![0]!.extensions!.argument, label).toBe(expected.error);
          continue;
        }
        expect(response.errors, label).toBeUndefined();
        const stored = Object.fromEntries(response.data!.stored.map((g: any) => [g.groupKey, g]));
        expect(Object.keys(stored).sort(), label).toEqual(Object.keys(expected.totals).sort());
        for (const [group, want] of Object.entries(expected.totals)) {
          expect(stored[group].total, `${label} ${group}`).toBeCloseTo(want.total, 9);
          expect(stored[group].approximate, `${label} ${group}`).toBe(want.approximate);
          expect(stored[group].market, `${label} ${group}`).toEqual(market ? { key: market } : null);
          const live = response.data!.live.find((g: any) => g.groupKey === group);
          expect(live.total, `${label} ${group} live`).toBeCloseTo(want.total, 9);
          expect(live.companies.map((c: any) => c.key).sort(), `${label} ${group}`).toEqual([...want.members].sort());
          // Every figure summed is of the scope asked: no segment in a company-wide total.
          for (const fact of live.facts) expect(fact.market, `${label} ${group}`).toEqual(market ? { key: market } : null);
        }
      }
    }
  });

  it("keeps Nvidia's market segments out of company-wide revenue, and totals each market when asked (F1)", async () => {
    const query = `query ($market: String) { financialTotals(metric: REVENUE, period: "2024", market: $market) {
      groupKey total method market { key } facts { key value } excluded { value market { key } } } }`;
    const companyWide = await execute(t.app, query, {});
    expect(companyWide.errors).toBeUndefined();
    // The article states no company-wide revenue for 2024: nothing to add, rather than a segment passed off as one.
    expect(companyWide.data!.financialTotals).toEqual([]);

    const us = await execute(t.app, query, { market: 'us' });
    expect(us.data!.financialTotals).toEqual([
      expect.objectContaining({ groupKey: 'us', total: 61.3, market: { key: 'us' }, method: expect.stringMatching(/limited to the market us/) }),
    ]);
    expect(us.data!.financialTotals[0].excluded).toEqual([{ value: 17.1, market: { key: 'china-mainland' } }]);

    const mainland = await execute(t.app, query, { market: 'china-mainland' });
    expect(mainland.data!.financialTotals).toEqual([expect.objectContaining({ groupKey: 'us', total: 17.1, market: { key: 'china-mainland' } })]);
  });

  it('answers the 2024 capex totals the article states, company-wide', async () => {
    const { data } = await execute(
      t.app,
      '{ financialTotals(metric: CAPEX, period: "2024") { groupKey total market { key } method ratioTo(groupKey: "china") } }',
    );
    expect(data!.financialTotals).toEqual([
      {
        groupKey: 'us',
        total: 258,
        market: null,
        method: 'Sum of 5 company figures stated by the sources (one per company, company-wide).',
        ratioTo: 5.784753,
      },
      { groupKey: 'china', total: 44.6, market: null, method: 'Sum of 7 company figures stated by the sources (one per company, company-wide).', ratioTo: 1 },
    ]);
  });

  it('refuses a market that names no entity, with a coded error', async () => {
    const response = await execute(t.app, '{ financialTotals(metric: REVENUE, period: "2024", market: "mars") { total } }');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/market.*names no entity: "mars"/);
  });
});
