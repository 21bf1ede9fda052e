import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../src/graph/aggregates.js';
import { execute } from '../../helpers.js';
import { atlas, open, PHONE, screenshot, seriousViolations, testApp, useExplorer, write } from './browser.js';

// The disagreements page: empty on the seed (with why disagreements arise), then a second source's
// figure for Tencent's 2024 capex, written through the API and removed again, side by side with the article's.

useExplorer();

const SOURCE_KEY = 'test-explorer-disagreeing-source';
const CONFLICT_ID = 'FIGURE:tencent|CAPEX|2024||';
const SENTENCE = "Tencent's 2024 capex was 110億美元.";

async function api(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute(testApp(), query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

describe('disagreements page', () => {
  it('explains how disagreements arise when there are none', async () => {
    const { conflicts } = await api('{ conflicts { totalCount } }');
    const { page, problems } = await open('/?view=disagreements');
    await page.locator('.disagreements-page h1 .count').waitFor();
    if (conflicts.totalCount === 0) {
      expect(await page.locator('.empty-state').textContent()).toContain('two sources state different values');
    }
    expect(await page.locator('nav.views a[aria-current=page]').textContent()).toBe('Disagreements');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disagreements-empty');
    expect(problems).toEqual([]);
  });

  it("shows a second source's figure beside the article's, the preferred one marked, filterable and downloadable", async () => {
    try {
      expect(
        await write(`mutation ($input: SourceInput!) { upsertSource(input: $input) { __typename } }`, {
          input: { key: SOURCE_KEY, title: 'Explorer test: a source that disagrees', kind: 'REPORT', url: 'https://example.invalid/y' },
        }),
      ).toEqual({ upsertSource: { __typename: 'MutationUpsertSourceSuccess' } });
      expect(
        await write(`mutation ($input: FinancialFactInput!) { upsertFinancialFact(input: $input) { __typename } }`, {
          input: {
            subject: 'tencent',
            metric: 'CAPEX',
            period: '2024',
            value: 11,
            unit: 'USD_BILLION',
            stated: '110億美元',
            evidence: [SENTENCE],
            sources: [SOURCE_KEY],
          },
        }),
      ).toEqual({ upsertFinancialFact: { __typename: 'MutationUpsertFinancialFactSuccess' } });
      const { conflicts } = await api(`{ conflicts { totalCount edges { node { id values { value preferred support { sources { key } } } } } } }`);
      const conflict = conflicts.edges.map((e: any) => e.node).find((c: any) => c.id === CONFLICT_ID);
      expect(conflict.values.map((v: any) => [v.value.value, v.preferred, v.support[0].sources[0].key])).toEqual([
        [10.7, true, 'caijing-2025-us-cn-ai-compute-capex'],
        [11, false, SOURCE_KEY],
      ]);

      const { page, problems } = await open('/?view=disagreements');
      const card = page.locator(`.conflict[data-id="${CONFLICT_ID}"]`);
      await card.waitFor();
      expect(await page.locator('article.conflict').count()).toBe(Math.min(20, conflicts.totalCount));
      const columns = card.locator('.columns > .column');
      expect(await columns.count()).toBe(2);
      expect(await columns.nth(0).getAttribute('data-preferred')).toBe('true');
      expect(await columns.nth(0).locator('.statement').getAttribute('data-source')).toBe('caijing-2025-us-cn-ai-compute-capex');
      expect(await columns.nth(1).getAttribute('data-preferred')).toBe('false');
      expect(await columns.nth(1).locator('.statement').getAttribute('data-source')).toBe(SOURCE_KEY);
      expect(await columns.nth(1).textContent()).toContain(SENTENCE);
      expect(await page.locator('.conflicts .rule').textContent()).toContain('Stated over derived');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'disagreements-tencent');

      // CSV: one row per value of each conflict, with its sources.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator('details.downloads summary')
          .click()
          .then(() => page.locator('button[data-format="csv:disagreements"]').click()),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const lines = csv
        .trim()
        .split(/\r?\n/)
        .filter((line) => line.startsWith(CONFLICT_ID) || line.startsWith(`"${CONFLICT_ID}`));
      expect(lines.length).toBe(2);
      expect(lines[1]).toContain(SOURCE_KEY);
      expect(problems).toEqual([]);

      // Filtered by entity, in 中文 on a phone; another entity has none.
      const zh = await open('/?view=disagreements&entity=tencent&lang=zh', PHONE);
      await zh.page.locator(`.conflict[data-id="${CONFLICT_ID}"]`).waitFor();
      expect(await zh.page.locator('article.conflict').count()).toBe(1);
      expect(await zh.page.locator('.disagreements-page h1').textContent()).toContain('来源说法不一之处');
      expect(await zh.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await seriousViolations(zh.page)).toEqual([]);
      await screenshot(zh.page, 'disagreements-tencent-phone-zh');
      expect(zh.problems).toEqual([]);
      const none = await open('/?view=disagreements&entity=bytedance');
      await none.page.locator('.empty-state').waitFor();
      expect(await none.page.locator('.empty-state').textContent()).toContain('No disagreements about bytedance.');
    } finally {
      await atlas.db.write(`MATCH (f:FinancialFact) WHERE $key IN f.sources DETACH DELETE f`, { key: SOURCE_KEY });
      await atlas.db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: SOURCE_KEY });
      await atlas.db.write(`MATCH (c:Claim) WHERE c.target = $key OR c.source = $key OR $key IN c.sources DETACH DELETE c`, { key: SOURCE_KEY });
      // The figure was removed behind the service's back: its totals are recomputed from what is left.
      await rebuildAggregates(atlas.db);
    }
    const { conflicts } = await api('{ conflicts(subject: "tencent") { totalCount } }');
    expect(conflicts.totalCount).toBe(0);
  });
});
