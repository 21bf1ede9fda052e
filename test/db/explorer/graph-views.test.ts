import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { clickEdge, clickNode, drawnNodes, open, screenshot, testApp, useExplorer } from './browser.js';

// The drawn views: neighbourhood, exposure, paths and figures, and the exposure view on a narrow
// screen in Chinese.

useExplorer();

describe('explorer in a browser, offline', () => {
  it('draws the ByteDance neighbourhood; an edge click shows its evidence, a node click expands it', async () => {
    const { data } = await execute<{
      neighborhood: { nodes: { key: string }[]; relationships: { type: string; from: { key: string }; to: { key: string }; evidence: string }[] };
    }>(testApp(), '{ neighborhood(key: "bytedance", depth: 1) { nodes { key } relationships { type from { key } to { key } evidence properties } } }');
    const { page, problems } = await open('/?view=neighbourhood&key=bytedance&depth=1');
    await page.locator('.graph[data-nodes]').waitFor();
    // Every node of the answer is drawn, or held behind a "+N more" node of a busy group.
    const drawnOrHeld = await page.evaluate(() =>
      window
        .atlasGraph!.nodes()
        .toArray()
        .flatMap((node) => (node.hasClass('more') ? (node.data('members') as string[]) : [node.id()]))
        .sort(),
    );
    expect(drawnOrHeld).toEqual(data!.neighborhood.nodes.map((n) => n.key).sort());

    const buys = data!.neighborhood.relationships.find((r) => r.type === 'BUYS' && r.to.key === 'hopper')!;
    const edgeId = await page.evaluate(() =>
      window
        .atlasGraph!.edges()
        .filter((e) => e.data('type') === 'BUYS' && e.target().id() === 'hopper')[0]!
        .id(),
    );
    await clickEdge(page, edgeId);
    const details = page.locator('.panel .relation-details');
    await details.waitFor();
    expect(await details.getAttribute('data-type')).toBe('BUYS');
    expect(await details.locator('blockquote').first().textContent()).toBe(buys.evidence.split('\n')[0]);
    await screenshot(page, 'neighbourhood-bytedance');

    const before = (await drawnNodes(page)).length;
    await clickNode(page, 'hopper');
    await expect.poll(async () => (await drawnNodes(page)).length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(new URL(page.url()).searchParams.get('expand')).toBe('hopper');
    expect(await drawnNodes(page)).toContain('h20');
    expect(problems).toEqual([]);
  });

  it('shows which firms depend on the H20 under export-control risk, with use, threat and scope paths', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=EXPORT_CONTROL');
    await page.locator('.exposure-card').first().waitFor();
    const companies = await page.locator('.exposure-card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.company));
    expect(companies).toEqual(['alibaba', 'bytedance', 'tencent']);
    for (const key of companies) {
      const card = page.locator(`.exposure-card[data-company=${key}]`);
      expect(await card.locator('.path-kind h4').allTextContents()).toEqual(['Usage', 'Threat', 'Scope']);
      expect(await card.locator('.policy').textContent()).toContain('Shelved');
    }
    expect(await drawnNodes(page)).toEqual(expect.arrayContaining(['alibaba', 'bytedance', 'tencent', 'h20', 'us-h20-export-restriction', 'china']));

    const threat = page.locator('.exposure-card[data-company=bytedance] .kind-Threat .sentence').first();
    await threat.click();
    expect(await page.locator('.panel .relation-details').getAttribute('data-type')).toBe('THREATENS');
    expect(await page.locator('.panel .relation-details blockquote').first().textContent()).toBe(await threat.textContent());
    await screenshot(page, 'exposure-h20');
    expect(problems).toEqual([]);
  });

  it('draws the shortest paths from ByteDance to Hopper with the evidence of each hop', async () => {
    const { data } = await execute<{ paths: { length: number }[] }>(
      testApp(),
      '{ paths(from: "bytedance", to: "hopper", maxHops: 4, first: 5, excludeLabels: [Quote]) { length } }',
    );
    const { page, problems } = await open('/?view=paths&from=bytedance&to=hopper&maxHops=4');
    await page.locator('.path').first().waitFor();
    expect(await page.locator('.path').evaluateAll((paths) => paths.map((p) => Number((p as HTMLElement).dataset.length)))).toEqual(
      data!.paths.map((p) => p.length),
    );
    expect(await drawnNodes(page)).toEqual(expect.arrayContaining(['bytedance', 'hopper']));
    expect((await page.locator('.path .sentence').first().textContent())!.length).toBeGreaterThan(10);
    await screenshot(page, 'paths-bytedance-hopper');
    expect(problems).toEqual([]);
  });

  it('charts 2024 capex: 12 companies, the US 258 vs China 44.6, each bar with its source sentence', async () => {
    const { page, problems } = await open('/?view=figures&metric=CAPEX&period=2024');
    await page.locator('.bar').first().waitFor();
    expect(await page.locator('.bar-company').count()).toBe(12);
    const totals = await page.locator('.bar-total').evaluateAll((bars) => bars.map((b) => [(b as SVGElement).dataset.id, (b as SVGElement).dataset.value]));
    expect(totals).toEqual([
      ['us', '258'],
      ['china', '44.6'],
    ]);
    expect(await page.locator('.bar-total .bar-value').allTextContents()).toEqual(['258', '44.6']);
    await page.locator('.bar-company[data-id=bytedance] rect').hover();
    const tooltip = page.locator('.tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.locator('blockquote').first().textContent()).toContain('111億美元');
    await screenshot(page, 'figures-capex-2024');
    expect(problems).toEqual([]);
  });

  it('fits a narrow screen and switches labels to Chinese', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=EXPORT_CONTROL', { width: 390, height: 844 });
    await page.locator('.exposure-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('link', { name: '中文' }).click();
    await page.locator('.exposure-card[data-company=bytedance] h3 a').waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    expect(await page.locator('.exposure-card[data-company=bytedance] h3 a').textContent()).toBe('字节跳动');
    expect(await page.locator('nav.views a[aria-current=page]').textContent()).toBe('风险敞口');
    await screenshot(page, 'exposure-h20-narrow-zh');
    expect(problems).toEqual([]);
  });
});
