import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// The figures view made readable (issue 21, item 2; review F19): the periods that have figures to
// choose from, the figures no total adds, the groups' own figures, the ratio, and downloads.

useExplorer();

describe('figures view', () => {
  it('offers the periods that have capex figures and says which 2025 figures it left out', async () => {
    const { page, problems } = await open('/?view=figures&metric=CAPEX&period=2025');
    await page.locator('.figures-extra[data-ready]').waitFor();
    const periods = await page.locator('select[name=period] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(periods).toEqual(expect.arrayContaining(['2025', '2024']));
    expect(await page.locator('.left-out-summary').textContent()).toBe('2 figures left out: ByteDance more than CNY 160 bn; Tencent more than CNY 83 bn');
    expect(await page.locator('.left-out li').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qualifier))).toEqual([
      'MORE_THAN',
      'MORE_THAN',
    ]);
    const group = page.locator('.group-figures li[data-group=us-big-five-tech]');
    expect(await group.locator('summary').textContent()).toContain('about USD 333.5 bn');
    await group.locator('summary').click();
    expect(await group.locator('.evidence .translation').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'figures-capex-2025-left-out');

    // Choosing another period in the select opens it.
    await page.locator('select[name=period]').selectOption('2024');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('2024');
    await page.locator('.bar-total').first().waitFor();
    expect(problems).toEqual([]);
  });

  it('states the US total as a ratio of China’s (the API’s ratioTo), in full-width charts with legible text', async () => {
    const { data } = await execute<{ financialTotals: { groupKey: string; ratioTo: number }[] }>(
      testApp(),
      '{ financialTotals(metric: CAPEX, period: "2024") { groupKey ratioTo(groupKey: "china") } }',
    );
    const us = data!.financialTotals.find((total) => total.groupKey === 'us')!;
    const { page, problems } = await open('/?view=figures&metric=CAPEX&period=2024');
    await page.locator('.figures-extra[data-ready]').waitFor();
    const ratio = page.locator('.legend li[data-group=us] .ratio');
    expect(Number(await ratio.getAttribute('data-ratio'))).toBeCloseTo(us.ratioTo, 5);
    expect(await ratio.textContent()).toBe(` · ${us.ratioTo.toFixed(2)}× China`);
    const [chart, label] = await Promise.all([
      page.locator('.chart').first().boundingBox(),
      page
        .locator('.bar-company .bar-label')
        .first()
        .evaluate((text) => text.getBoundingClientRect().height),
    ]);
    expect(chart!.width).toBeGreaterThan(1000);
    expect(label).toBeGreaterThan(14);
    const menu = page.locator('.view-heading details.downloads');
    await menu.locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('button[data-format="csv:totals"]').click()]);
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[1]).toMatch(/^us,United States,258,USD_BILLION,USD 258 bn,5\.78/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reads on a phone, in English and in 中文', async () => {
    for (const lang of ['en', 'zh']) {
      const { page, problems } = await open(`/?view=figures&metric=CAPEX&period=2024${lang === 'zh' ? '&lang=zh' : ''}`, PHONE);
      await page.locator('.figures-extra[data-ready]').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if (lang === 'zh') expect(await page.locator('.legend li[data-group=us]').textContent()).toContain('2,580 亿美元');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `figures-capex-2024-phone-${lang}`);
      const desktop = await open(`/?view=figures&metric=CAPEX&period=2025${lang === 'zh' ? '&lang=zh' : ''}`);
      await desktop.page.locator('.figures-extra[data-ready]').waitFor();
      await screenshot(desktop.page, `figures-capex-2025-desktop-${lang}`);
      expect([...problems, ...desktop.problems]).toEqual([]);
    }
  });
});
