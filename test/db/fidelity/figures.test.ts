import { describe, expect, it } from 'vitest';
import { factSchema } from '../../../src/ingest/shapes.js';
import { execute, useTestApp } from '../../helpers.js';
import { ARTICLE, CURATOR } from './seed-files.js';

// The figures: the article's own inconsistencies flagged against its numbers, and a bound read
// from its words kept as written.

const t = useTestApp();

describe("the article's own inconsistencies", () => {
  it('flags "6 times" as approximate and "about 69%" against the article\'s own figures', async () => {
    const rows = await t.db.read<{ subject: string; metric: string; qualifier: string; checks: string | null; note: string }>(
      `MATCH (f:FinancialFact) WHERE (f.subject = 'us-big-five-tech' AND f.metric = 'CAPEX_MULTIPLE')
          OR (f.subject = 'bytedance-alibaba-tencent' AND f.metric = 'CAPEX_GROWTH' AND f.period = '2025')
       RETURN f.subject AS subject, f.metric AS metric, f.qualifier AS qualifier, f.checks AS checks, f.note AS note ORDER BY subject`,
    );
    expect(rows.map((r) => r.subject)).toEqual(['bytedance-alibaba-tencent', 'us-big-five-tech']);
    const [growth, multiple] = rows;
    expect(multiple!.qualifier).toBe('APPROX');
    const checksOf = (raw: string | null) => (typeof raw === 'string' ? JSON.parse(raw) : raw) as { computed: number; expression: string }[];
    expect(checksOf(multiple!.checks)).toEqual([expect.objectContaining({ computed: 5.78, expression: '2580 / 446' })]);
    expect(checksOf(growth!.checks)).toEqual([expect.objectContaining({ computed: 60.5 })]);
    expect(growth!.note).toMatch(/60\.5%/);
  });

  it("flags Huang's 1.3 million Hopper chips for the four US clouds against Omdia's buyers (review 2, O1)", async () => {
    const { data, errors } = await execute(
      t.app,
      `{ entity(key: "us-big-four-clouds") { financials(metric: CHIP_PURCHASES, period: "2024") { value stated checks { computed expression note } } } }`,
    );
    expect(errors).toBeUndefined();
    const [figure] = data!.entity.financials;
    expect(figure).toMatchObject({ value: 1300000, stated: '130萬' });
    expect(figure.checks).toEqual([expect.objectContaining({ computed: 1019000 })]);
    const [check] = figure.checks;
    expect(check.expression).toMatch(/^485000 \+ 196000 \+ 169000 \+ 169000/);
    expect(485000 + 196000 + 169000 + 169000).toBe(check.computed);
    expect(check.note).toMatch(/scopes differ/);
  });

  it('keeps the "more than" of ByteDance\'s >2 GW and stores no 8x ratio as its capacity', async () => {
    const [dc] = await t.db.read<{ powerMW: number; qualifier: string }>(
      `MATCH (d:DataCenter {key: 'bytedance-2024-dc-projects'}) RETURN d.powerMW AS powerMW, d.powerMWQualifier AS qualifier`,
    );
    expect(dc).toEqual({ powerMW: 2000, qualifier: 'MORE_THAN' });
    const times = await t.db.read(`MATCH (f:FinancialFact {subject: 'bytedance-2024-dc-projects', unit: 'TIMES'}) RETURN f`);
    expect(times).toEqual([]);
  });
});

describe('Nvidia\'s "數千億美元" (review 2, N4)', () => {
  it('is a bound the curators read from the words, with no guessed period and the figure as written', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ entity(key: "nvidia") { financials(metric: INVESTMENT_COMMITMENT) { period value qualifier stated estimate estimatedBy { key } note } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.entity.financials).toEqual([
      expect.objectContaining({ period: null, value: 100, qualifier: 'MORE_THAN', stated: '數千億美元', estimate: true, estimatedBy: { key: CURATOR } }),
    ]);
    const [figure] = data!.entity.financials;
    expect(figure.note).toContain('4月有消息稱');
    expect(figure.note).toMatch(/the next four years/);
    expect(figure.note).toMatch(/lower-bound reading/);
  });

  it('may state a figure in the clean form its evidence is checked in, and nothing else', () => {
    const fact = {
      subject: 'nvidia',
      metric: 'INVESTMENT_COMMITMENT',
      period: null,
      value: 100,
      qualifier: 'MORE_THAN',
      unit: 'USD_BILLION',
      evidence: '英偉達未來四年要投入數(shù)千億美元采購美國本土制造的芯片。',
      sources: [ARTICLE],
    };
    expect(factSchema.safeParse({ ...fact, stated: '數千億美元' }).success).toBe(true);
    expect(factSchema.safeParse({ ...fact, stated: '數(shù)千億美元' }).success).toBe(true);
    expect(factSchema.safeParse({ ...fact, stated: '數萬億美元' }).success).toBe(false);
  });
});
