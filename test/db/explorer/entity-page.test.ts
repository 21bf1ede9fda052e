import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// Figures on every entity page (issue 21, item 2): a chip's and a country's figures in words, the
// qualifier and the estimate marked; a source's key opens the source view; each page offers its
// tables for download.

useExplorer();

describe('entity page', () => {
  it('shows the H20’s figures: 600,000–800,000 units shipped in China in 2024, an estimate', async () => {
    const { page, problems } = await open('/?view=entity&key=h20');
    const shipments = page.locator('.period[data-period="2024"] li[data-metric=CHIP_SHIPMENTS]').first();
    await shipments.waitFor();
    expect(await shipments.locator('.figure-value').textContent()).toBe('600,000–800,000 units');
    expect(await shipments.locator('.market').textContent()).toBe('in market China');
    expect(await shipments.getAttribute('data-estimate')).toBe('true');
    expect(await shipments.locator('.badge.estimate').textContent()).toBe('estimate');
    expect(await page.locator('.chip-specs').count()).toBe(1);
    expect(await page.locator('.chip-specs dd').first().textContent()).toBe('Nvidia');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'entity-h20-figures');
    expect(problems).toEqual([]);
  });

  it('shows China’s figures with their qualifiers in words', async () => {
    const { data } = await execute<{ entity: { financials: { metric: string; qualifier: string; value: number }[] } }>(
      testApp(),
      '{ entity(key: "china") { financials { metric qualifier value } } }',
    );
    expect(data!.entity.financials.length).toBeGreaterThan(0);
    const { page, problems } = await open('/?view=entity&key=china');
    await page.locator('.figures .figure-list > li').first().waitFor();
    expect(await page.locator('.figures .figure-list > li').count()).toBe(data!.entity.financials.length);
    const chips = page.locator('li[data-metric=CHIP_COUNT], li[data-metric=CHIP_PURCHASES], li[data-metric=CHIP_SHIPMENTS]');
    expect(await chips.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/1,000,000 units/)]));
    const bound = data!.entity.financials.find((f) => f.qualifier === 'MORE_THAN' || f.qualifier === 'APPROX' || f.qualifier === 'AT_MOST');
    if (bound) expect(await page.locator('.figures').textContent()).toMatch(/more than|about|at most/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'entity-china-figures');
    const phone = await open('/?view=entity&key=china&lang=zh', PHONE);
    await phone.page.locator('.figures').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(phone.page, 'entity-china-phone-zh');
    expect([...problems, ...phone.problems]).toEqual([]);
  });

  it('offers the page’s properties, links and figures as files read with the graph version', async () => {
    const { data } = await execute<{ graphVersion: string }>(testApp(), '{ graphVersion }');
    const { page, problems } = await open('/?view=entity&key=bytedance');
    const menu = page.locator('.entity-actions details.downloads');
    await menu.waitFor();
    expect(await menu.getAttribute('data-graph-version')).toBe(data!.graphVersion);
    await menu.locator('summary').click();
    expect(await menu.locator('button.download').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.format))).toEqual([
      'csv:properties',
      'csv:links',
      'csv:figures',
      'json',
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('button[data-format="csv:figures"]').click()]);
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFmetric,period')).toBe(true);
    expect(text).toContain('CAPEX,2024');
    expect(problems).toEqual([]);
  });

  it('sends a source’s key to the source view, replacing the entity URL', async () => {
    const { page, problems } = await open('/?view=entity&key=caijing-2025-us-cn-ai-compute-capex');
    await expect.poll(() => new URL(page.url()).searchParams.get('view'), { timeout: 30_000 }).toBe('source');
    expect(new URL(page.url()).searchParams.get('key')).toBe('caijing-2025-us-cn-ai-compute-capex');
    // about:blank, then this page: the redirect replaced the entity URL instead of adding one.
    expect(await page.evaluate(() => history.length)).toBe(2);
    expect(problems).toEqual([]);
  });
});
