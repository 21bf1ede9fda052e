import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';
import { allDataCenters, placedKeys } from './map-charts-api.js';

// The map and charts views on the seed graph, which holds few data centers and no chip-holding
// estimates: each renders what there is, or says there is nothing, without an error.

useExplorer();

describe('map and charts on the seed graph', () => {
  it('map: draws the seed data centers that have coordinates (if any), counts the others, and says when none is drawn', async () => {
    const all = await allDataCenters();
    const placed = placedKeys(all);
    const { page, problems } = await open('/?view=map');
    await page.locator('.map-count').waitFor();
    expect(Number(await page.locator('[data-count]').getAttribute('data-count'))).toBe(all.length);
    expect((await page.locator('.basemap a.marker').evaluateAll((links) => links.map((l) => (l as SVGElement).dataset.key!))).sort()).toEqual(placed);
    if (!placed.length) expect(await page.locator('.status.empty').textContent()).toBe('No data center with coordinates matches the filter.');
    expect(await page.locator('.basemap path.land').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'seed-map');
    const zh = await open('/?view=map&lang=zh&status=WITHDRAWN', PHONE);
    await zh.page.locator('.map-count').waitFor();
    expect(await zh.page.locator('.status.empty').textContent()).toBe('没有符合筛选条件且有坐标的数据中心。');
    expect(await seriousViolations(zh.page)).toEqual([]);
    await screenshot(zh.page, 'seed-map-phone-zh');
    expect([...problems, ...zh.problems]).toEqual([]);
  });

  it('charts: the holdings chart says no estimates are recorded; the power chart draws or says why not', async () => {
    const { data } = await execute(testApp(), '{ chipHoldings { owner { key } } }');
    expect(data!.chipHoldings).toEqual([]);
    const { page, problems } = await open('/?view=charts');
    await page.locator('.charts-view .status.empty').waitFor();
    expect(await page.locator('.charts-view .status.empty').textContent()).toBe('No chip holdings are recorded in this graph.');
    expect(await page.locator('.chart-tabs a[aria-current=page]').textContent()).toBe('Chips owned by owner');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'seed-charts-holdings');

    const power = await open('/?view=charts&chart=power&lang=zh');
    await power.page.locator('.charts-view .chart-note').waitFor();
    expect(await power.page.locator('.chart-note').textContent()).toContain('统计口径');
    expect(await seriousViolations(power.page)).toEqual([]);
    await screenshot(power.page, 'seed-charts-power-zh');
    // Both views are in the header.
    expect(await page.locator('nav.views a').allTextContents()).toEqual(expect.arrayContaining(['Map', 'Charts']));
    expect([...problems, ...power.problems]).toEqual([]);
  });
});
