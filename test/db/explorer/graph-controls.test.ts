import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { clickNode, drawnNodes, open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// What a reader does with the neighbourhood drawing: hide categories and relationship types, zoom,
// export a picture, download the data, use it on a phone and with the keyboard alone.

useExplorer();

const BYTEDANCE = '/?view=neighbourhood&key=bytedance&depth=1';

async function drawn(path: string, viewport?: { width: number; height: number }) {
  const opened = await open(path, viewport);
  await opened.page.locator('.graph[data-nodes]').waitFor();
  return opened;
}

const shownLabels = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.nodes()
      .not('.hidden')
      .map((node) => node.data('label') as string),
  );
const shownTypes = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.edges()
      .not('.hidden')
      .map((edge) => edge.data('type') as string),
  );

/** Clicks a download button and returns the file's bytes and suggested name. */
async function download(page: Page, format: string): Promise<{ name: string; body: Buffer }> {
  const summary = page.locator('details.downloads summary');
  if (!(await page.locator('details.downloads').evaluate((details) => (details as HTMLDetailsElement).open))) await summary.click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`button.download[data-format="${format}"]`).click()]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
}

describe('neighbourhood controls', () => {
  it('hides and shows categories and relationship types, with counts in the legend', async () => {
    const { page, problems } = await drawn(BYTEDANCE);
    const { data } = await execute<{ neighborhood: { nodes: { label: string }[] } }>(
      testApp(),
      '{ neighborhood(key: "bytedance", depth: 1) { nodes { label } } }',
    );
    const quotes = (await shownLabels(page)).filter((label) => label === 'Quote').length;
    expect(quotes).toBeGreaterThan(0);
    // The count is of the answer's quotes, those behind "+N more" included.
    const answered = data!.neighborhood.nodes.filter((node) => node.label === 'Quote').length;
    expect(await page.locator('.legend-switch[data-filter=Quote] .count').textContent()).toBe(`(${answered})`);

    await page.locator('.legend-switch[data-filter=Quote] input').uncheck();
    expect(await shownLabels(page)).not.toContain('Quote');
    expect(await shownTypes(page)).not.toContain('ABOUT');
    expect(new URL(page.url()).searchParams.get('hide')).toBe('Quote');
    expect(await page.locator('.node-list li').count()).toBe((await shownLabels(page)).length);
    await page.locator('.legend-switch[data-filter=Quote] input').check();
    expect((await shownLabels(page)).filter((label) => label === 'Quote').length).toBe(quotes);

    await page.locator('.legend-switch[data-filter=MEMBER_OF] input').uncheck();
    expect(await shownTypes(page)).not.toContain('MEMBER_OF');
    expect(await shownTypes(page)).toContain('ABOUT');
    await page.locator('.legend-switch[data-filter=MEMBER_OF] input').check();
    expect(await shownTypes(page)).toContain('MEMBER_OF');

    // A hidden category is part of the URL: the link draws the view without it.
    const hiddenLink = await drawn(`${BYTEDANCE}&hide=Quote`);
    expect(await shownLabels(hiddenLink.page)).not.toContain('Quote');
    expect(await hiddenLink.page.locator('.legend-switch[data-filter=Quote] input').isChecked()).toBe(false);
    expect([...problems, ...hiddenLink.problems]).toEqual([]);
  });

  it('zooms in, out and fits', async () => {
    const { page, problems } = await drawn(BYTEDANCE);
    const zoom = () => page.evaluate(() => window.atlasGraph!.zoom());
    const start = await zoom();
    await page.locator('.graph-toolbar [data-action=zoom-in]').click();
    expect(await zoom()).toBeCloseTo(start * 1.25, 5);
    await page.locator('.graph-toolbar [data-action=zoom-out]').click();
    await page.locator('.graph-toolbar [data-action=zoom-out]').click();
    expect(await zoom()).toBeCloseTo(start * 0.8, 5);
    await page.locator('.graph-toolbar [data-action=fit]').click();
    expect(await zoom()).toBeCloseTo(start, 5);
    expect(problems).toEqual([]);
  });

  it('exports the drawing as PNG and SVG', async () => {
    const { page, problems } = await drawn(`${BYTEDANCE}&hide=Quote`);
    const png = await download(page, 'png');
    expect(png.name).toMatch(/^neighbourhood-bytedance-d1-.+\.png$/);
    expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const svg = await download(page, 'svg');
    const text = svg.body.toString('utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        root: doc.documentElement.localName,
        errors: doc.getElementsByTagName('parsererror').length,
        nodes: [...doc.querySelectorAll('g.node')].map((g) => g.getAttribute('data-id')!).sort(),
        edges: doc.querySelectorAll('g.edge').length,
      };
    }, text);
    expect(parsed).toMatchObject({ root: 'svg', errors: 0 });
    const shown = await page.evaluate(() =>
      window
        .atlasGraph!.nodes()
        .not('.hidden')
        .map((node) => node.id())
        .sort(),
    );
    expect(parsed.nodes).toEqual(shown);
    expect(parsed.nodes).not.toContain(expect.stringMatching(/quote/i));
    expect(parsed.edges).toBe(await page.evaluate(() => window.atlasGraph!.edges().not('.hidden').length));
    expect(problems).toEqual([]);
  });

  it('downloads the nodes and links as CSV, JSON, GraphML and GEXF, with the graph version', async () => {
    const { data } = await execute<{
      graphVersion: string;
      neighborhood: { nodes: { key: string; name: string }[]; relationships: { type: string; evidence: string; evidenceEn: string | null }[] };
    }>(testApp(), '{ graphVersion neighborhood(key: "bytedance", depth: 1) { nodes { key name } relationships { type evidence evidenceEn } } }');
    const { page, problems } = await drawn(BYTEDANCE);
    const keys = data!.neighborhood.nodes.map((node) => node.key).sort();

    const nodesCsv = await download(page, 'csv:nodes');
    expect([...nodesCsv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const nodeRows = parseCsv(nodesCsv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(nodeRows.map((row) => row.key).sort()).toEqual(keys);
    expect(new Set(nodeRows.map((row) => row.graphVersion))).toEqual(new Set([data!.graphVersion]));
    expect(nodeRows.find((row) => row.key === 'bytedance')).toMatchObject({ label: 'Company', name: 'ByteDance', nameZh: '字节跳动' });

    const edgeRows = parseCsv((await download(page, 'csv:edges')).body, { bom: true, columns: true }) as Record<string, string>[];
    expect(edgeRows.length).toBe(data!.neighborhood.relationships.length);
    expect(edgeRows.map((row) => row.evidence).sort()).toEqual(data!.neighborhood.relationships.map((r) => r.evidence).sort());
    expect(edgeRows.map((row) => row.evidenceEn).sort()).toEqual(data!.neighborhood.relationships.map((r) => r.evidenceEn ?? '').sort());

    const json = JSON.parse((await download(page, 'json')).body.toString('utf8'));
    expect(json.graphVersion).toBe(data!.graphVersion);
    expect(json.data[0].neighborhood.nodes.map((node: { key: string }) => node.key).sort()).toEqual(keys);

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const graphml = (await download(page, 'graphml')).body.toString('utf8');
    expect(XMLValidator.validate(graphml)).toBe(true);
    const g = xml.parse(graphml).graphml.graph;
    expect(g.node.map((node: { id: string }) => node.id).sort()).toEqual(keys);
    expect(g.edge.length).toBe(edgeRows.length);
    const byteDance = g.node.find((node: { id: string }) => node.id === 'bytedance');
    expect(byteDance.data).toEqual(
      expect.arrayContaining([
        { key: 'label', '#text': 'ByteDance' },
        { key: 'type', '#text': 'Company' },
      ]),
    );
    expect(g.data['#text']).toBe(data!.graphVersion);

    const gexf = (await download(page, 'gexf')).body.toString('utf8');
    expect(XMLValidator.validate(gexf)).toBe(true);
    const gx = xml.parse(gexf).gexf;
    expect(gx.version).toBe('1.3');
    expect(gx.graph.nodes.node.map((node: { id: string }) => node.id).sort()).toEqual(keys);
    expect(gx.graph.nodes.node.find((node: { id: string }) => node.id === 'bytedance').label).toBe('ByteDance');
    expect(gx.graph.edges.edge.length).toBe(edgeRows.length);
    expect(problems).toEqual([]);
  });

  it('is usable on a phone: readable labels, fits the width, and a tap shows the details on screen', async () => {
    const { page, problems } = await drawn(BYTEDANCE, PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const fontPx = await page.evaluate(() => {
      const cy = window.atlasGraph!;
      return Number.parseFloat(cy.getElementById('bytedance').style('font-size')) * cy.zoom();
    });
    expect(fontPx).toBeGreaterThanOrEqual(10);
    await page.locator('.graph').scrollIntoViewIfNeeded();
    await clickNode(page, 'bytedance');
    const details = page.locator('.panel .node-details[data-key=bytedance]');
    await details.waitFor();
    expect(await details.isVisible()).toBe(true);
    const box = (await details.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 40)).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'neighbourhood-bytedance-phone-tapped');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is usable with the keyboard alone: Tab reaches the node list, Enter expands a node', async () => {
    const { page, problems } = await drawn('/?view=neighbourhood&key=h20&depth=1');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('.graph-lists summary') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const target = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.target);
    expect(target).toBeTruthy();
    expect(await page.evaluate(() => document.activeElement!.matches('.node-list button'))).toBe(true);
    const before = (await drawnNodes(page)).length;
    await page.keyboard.press('Enter');
    await page.locator(`.panel .node-details[data-key="${target}"]`).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('expand'), { timeout: 15_000 }).toBe(target);
    expect((await drawnNodes(page)).length).toBeGreaterThanOrEqual(before);
    // The lists are redrawn with the new nodes, and the keyboard stays where it was.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.target)).toBe(target);
    // An edge button opens the link's evidence.
    await page.locator('.edge-list button').first().press('Enter');
    await page.locator('.panel .relation-details').waitFor();
    expect(problems).toEqual([]);
  });

  it('passes axe and draws in English and Chinese, desktop and phone', async () => {
    for (const [lang, viewport] of [
      ['en', { width: 1280, height: 800 }],
      ['zh', { width: 1280, height: 800 }],
      ['en', PHONE],
      ['zh', PHONE],
    ] as const) {
      const { page, problems } = await drawn(`/?view=neighbourhood&key=bytedance&depth=2${lang === 'zh' ? '&lang=zh' : ''}`, viewport);
      if (lang === 'zh') {
        expect(await page.locator('.graph-filters legend').first().textContent()).toBe('显示类别');
        expect(await page.evaluate(() => window.atlasGraph!.getElementById('bytedance').data('name'))).toBe('字节跳动');
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `neighbourhood-bytedance-d2-${lang}-${viewport.width}`);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });
});
