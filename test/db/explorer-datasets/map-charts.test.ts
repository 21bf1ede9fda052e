import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from '../explorer/browser.js';
import { allDataCenters, placedKeys, powerByCountry } from '../explorer/map-charts-api.js';

// The map and charts views on the graph with the public datasets (issue 21, item 4): markers for
// the data centers with coordinates as the API filters them, a marker opening its entity, the
// holdings chart's interval bands and the power chart's totals computed from the API's answer.

useExplorer();

const drawnMarkers = async (page: Page) => {
  await page.locator('.map-count').waitFor();
  return (await page.locator('.basemap a.marker').evaluateAll((links) => links.map((link) => (link as SVGElement).dataset.key!))).sort();
};

describe('map of data centers on the datasets graph', () => {
  it('draws one marker per data center with coordinates, and its table lists the same ones', async () => {
    const expected = placedKeys(await allDataCenters());
    expect(expected.length).toBeGreaterThan(5);
    const { page, problems } = await open('/?view=map');
    expect(await drawnMarkers(page)).toEqual(expected);
    expect(Number(await page.locator('[data-placed]').getAttribute('data-placed'))).toBe(expected.length);
    expect((await page.locator('.map-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.key!))).sort()).toEqual(expected);
    expect(await page.locator('.map-legend').textContent()).toContain('Under construction');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'datasets-map');
    // Zoom buttons change the view without losing markers.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(Number(await page.locator('.basemap').getAttribute('data-zoom'))).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('filters by country, status and owner to the markers the API returns for that filter', async () => {
    const all = await allDataCenters();
    const placed = all.filter((dc) => dc.latitude !== null);
    const usPlaced = placedKeys(await allDataCenters({ country: 'us' }));
    const { page, problems } = await open('/?view=map');
    await drawnMarkers(page);
    await page.locator('select[name=country]').selectOption('us');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('country')).toBe('us');
    await expect.poll(() => drawnMarkers(page)).toEqual(usPlaced);

    const status = placed.find((dc) => dc.status !== 'OPERATING')!.status;
    const byStatus = placedKeys(await allDataCenters({ status }));
    const statusPage = await open(`/?view=map&status=${status}`);
    expect(await drawnMarkers(statusPage.page)).toEqual(byStatus);
    expect(byStatus.length).toBeLessThan(placed.length);

    const xai = placedKeys(await allDataCenters({ owner: 'xai' }));
    expect(xai.length).toBeGreaterThan(0);
    const ownerPage = await open('/?view=map&owner=xai');
    expect(await drawnMarkers(ownerPage.page)).toEqual(xai);
    expect(await ownerPage.page.locator('select[name=owner]').inputValue()).toBe('xai');
    expect([...problems, ...statusPage.problems, ...ownerPage.problems]).toEqual([]);
  });

  it('opens a marker’s entity page from the keyboard, and offers the markers as CSV', async () => {
    const { page, problems } = await open('/?view=map&owner=xai');
    const key = (await drawnMarkers(page))[0]!;
    const csv = page.locator('.map-count button[data-format="csv:markers"]');
    await page.locator('.map-count summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFkey,name,nameZh,kind,status,latitude,longitude,powerMW,owners,countries,graphVersion')).toBe(true);
    expect(text).toContain(`\r\n${key},`);
    await page.locator(`.basemap a.marker[data-key="${key}"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('key')).toBe(key);
    expect(new URL(page.url()).searchParams.get('view')).toBe('entity');
    await page.locator('main h1').waitFor();
    expect(problems).toEqual([]);
  });

  it('reads in Chinese on a phone', async () => {
    const { page, problems } = await open('/?view=map&lang=zh', PHONE);
    await drawnMarkers(page);
    expect(await page.locator('main h1').textContent()).toBe('数据中心地图');
    expect(await page.locator('.map-legend').textContent()).toContain('在建');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'datasets-map-phone-zh');
    const en = await open('/?view=map', PHONE);
    await drawnMarkers(en.page);
    await screenshot(en.page, 'datasets-map-phone');
    expect([...problems, ...en.problems]).toEqual([]);
  });
});

describe('charts on the datasets graph', () => {
  it('draws chips owned by owner with the 5th–95th percentile interval as a band per owner', async () => {
    const { data } = await execute(testApp(), '{ chipHoldings(chip: "a100") { owner { key } figures(metric: CHIP_COUNT) { value valueLow valueHigh } } }');
    const owners = data!.chipHoldings.filter((holding: any) => holding.figures.length > 0);
    const banded = owners.filter((holding: any) => holding.figures.filter((f: any) => f.valueLow !== null && f.valueHigh !== null).length > 1);
    expect(banded.length).toBeGreaterThan(0);
    const { page, problems } = await open('/?view=charts&chart=holdings&chip=a100');
    await page.locator('.line-figure[data-chart=holdings]').waitFor();
    const series = await page.locator('.line-chart g.series').evaluateAll((groups) => groups.map((g) => (g as SVGElement).dataset.series!));
    expect(series.sort()).toEqual(owners.map((holding: any) => holding.owner.key).sort());
    for (const holding of banded) {
      const band = page.locator(`.line-chart path.band[data-series="${holding.owner.key}"]`);
      const vertices = ((await band.getAttribute('d')) ?? '').split(/[ML]/).filter(Boolean).length;
      expect(vertices).toBe(2 * holding.figures.length);
    }
    const last = banded[0].figures.at(-1);
    const medians = await page
      .locator(`g.series[data-series="${banded[0].owner.key}"] circle.point`)
      .evaluateAll((dots) => dots.map((d) => Number((d as SVGElement).dataset.value)));
    expect(medians.at(-1)).toBe(last.value);
    expect(await page.locator('.chart-legend').textContent()).toContain('5th–95th percentile');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'datasets-charts-holdings');

    // Unticking owners leaves only the chosen ones.
    const keep = owners[0].owner.key;
    for (const box of await page.locator('input[name=owner]').all()) if ((await box.getAttribute('value')) !== keep) await box.uncheck();
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('.line-chart g.series').evaluateAll((groups) => groups.map((g) => (g as SVGElement).dataset.series))).toEqual([keep]);
    const zh = await open('/?view=charts&chart=holdings&chip=a100&lang=zh', PHONE);
    await zh.page.locator('.line-figure').waitFor();
    expect(await zh.page.locator('.chart-legend').textContent()).toContain('百分位');
    await screenshot(zh.page, 'datasets-charts-holdings-phone-zh');
    expect([...problems, ...zh.problems]).toEqual([]);
  });

  it('draws cluster power by country whose last point is the sum computed from the API answer', async () => {
    const totals = powerByCountry(await allDataCenters({ kind: 'CLUSTER', status: 'OPERATING' }));
    const [top, total] = [...totals].sort((a, b) => b[1] - a[1])[0]!;
    const { page, problems } = await open('/?view=charts&chart=power');
    await page.locator('.line-figure[data-chart=power]').waitFor();
    const values = await page
      .locator(`g.series[data-series="${top}"] circle.point`)
      .evaluateAll((dots) => dots.map((d) => Number((d as SVGElement).dataset.value)));
    expect(values.at(-1)).toBeCloseTo(total, 6);
    const second = [...totals].sort((a, b) => b[1] - a[1])[1]!;
    const secondValues = await page
      .locator(`g.series[data-series="${second[0]}"] circle.point`)
      .evaluateAll((dots) => dots.map((d) => Number((d as SVGElement).dataset.value)));
    expect(secondValues.at(-1)).toBeCloseTo(second[1], 6);
    expect(await page.locator('.chart-note').textContent()).toContain('Planned, under-construction, paused and decommissioned clusters are left out');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'datasets-charts-power');
    const zh = await open('/?view=charts&chart=power&lang=zh');
    await zh.page.locator('.line-figure').waitFor();
    expect(await zh.page.locator('.chart-note').textContent()).toContain('统计口径');
    await screenshot(zh.page, 'datasets-charts-power-zh');
    const phone = await open('/?view=charts&chart=power', PHONE);
    await phone.page.locator('.line-figure').waitFor();
    await screenshot(phone.page, 'datasets-charts-power-phone');
    expect([...problems, ...zh.problems, ...phone.problems]).toEqual([]);
  });
});
