import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from '../explorer/browser.js';

// A dataset's source page on the graph holding every public dataset: license, sha256, the rows of
// its file with what each produced, and the import that wrote it; and the disagreements the
// datasets bring, whatever they are.

useExplorer();

const DATASET = 'epoch-gpu-clusters';

async function api(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute(testApp(), query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

describe('dataset sources and disagreements on the datasets graph', () => {
  it("shows a dataset's license, sha256, rows and import history", async () => {
    const { source } = await api(
      `query ($key: String!) { source(key: $key) { license sha256 rowCount supportCounts { kind count }
        rows(first: 10) { totalCount edges { node { row locators } } } imports { edges { node { id principal } } } } }`,
      { key: DATASET },
    );
    const { page, problems } = await open(`/?view=source&key=${DATASET}`);
    await page.locator('.source-page').waitFor({ timeout: 60_000 });
    expect(await page.locator('dd[data-field=License]').textContent()).toBe(source.license);
    expect(await page.locator('dd[data-field="File SHA-256"]').textContent()).toBe(source.sha256);
    expect(Number(await page.locator('.rows-total').getAttribute('data-total'))).toBe(source.rows.totalCount);
    expect(await page.locator('.source-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.row))).toEqual(
      source.rows.edges.map((e: any) => e.node.row),
    );
    expect(await page.locator('.source-row').first().locator('.row-locators code').allTextContents()).toEqual(source.rows.edges[0].node.locators);
    expect(await page.locator('table.imports tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id))).toEqual(
      source.imports.edges.map((e: any) => e.node.id),
    );
    for (const { kind, count } of source.supportCounts as { kind: string; count: number }[]) {
      if (count) expect(Number(await page.locator(`.support-group[data-kind=${kind}]`).getAttribute('data-count'))).toBe(count);
    }
    await page.locator('button.more-rows').click();
    await expect.poll(() => page.locator('.source-row').count(), { timeout: 20_000 }).toBe(Math.min(30, source.rows.totalCount));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-dataset');
    await page.locator('.source-rows-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'source-dataset-rows');
    expect(problems).toEqual([]);

    const zh = await open(`/?view=source&key=${DATASET}&lang=zh`, PHONE);
    await zh.page.locator('.source-page').waitFor({ timeout: 60_000 });
    expect(await zh.page.locator('#rows-title').textContent()).toBe('文件中的行');
    expect(await zh.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(zh.page)).toEqual([]);
    await screenshot(zh.page, 'source-dataset-phone-zh');
    expect(zh.problems).toEqual([]);
  });

  it('lists the conflicts the datasets bring, each value with its sources', async () => {
    const { conflicts } = await api('{ conflicts(first: 20) { totalCount edges { node { id values { preferred } } } } }');
    const { page, problems } = await open('/?view=disagreements');
    await page.locator('.disagreements-page h1 .count').waitFor({ timeout: 60_000 });
    const ids = conflicts.edges.map((e: any) => e.node.id);
    expect(await page.locator('article.conflict').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.id))).toEqual(ids);
    for (const { node } of conflicts.edges) {
      expect(await page.locator(`.conflict[data-id="${node.id}"] .columns > .column`).count()).toBe(node.values.length);
    }
    if (!ids.length) expect(await page.locator('.empty-state').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disagreements-datasets');
    expect(problems).toEqual([]);
  });
});
