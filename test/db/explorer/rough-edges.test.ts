import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from '../../../src/http/graphiql-tabs.js';
import { execute } from '../../helpers.js';
import { atlas, drawnNodes, open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// Issue 21's rough edges (F12, F21, F22, F28) and the links people have shared, in Chromium.

useExplorer();

const drawnLabels = (page: import('playwright-core').Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.nodes()
      .map((node) => String(node.data('label')))
      .sort(),
  );

describe('unknown addresses and probes (F22)', () => {
  it('answers an unknown address with 404 and a page linking home, JSON or text by what the client accepts', async () => {
    for (const path of ['/nope', '/explore/entity/bytedance']) {
      const html = await fetch(`${atlas.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(html.status).toBe(404);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await html.text()).toContain('<a href="/">');
      const json = await fetch(`${atlas.url}${path}`, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(404);
      expect(await json.json()).toEqual({ error: 'not found', path, explorer: '/', api: '/graphql' });
      const text = await fetch(`${atlas.url}${path}`);
      expect(text.status).toBe(404);
      expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await text.text()).toContain(`Not found: ${path}`);
    }
    const { page, problems } = await open('/nope');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'not-found');
    // The 404 itself (and Chromium's console line about it) is the only problem: the stylesheet loads under the policy.
    expect(problems).toEqual([`404 ${atlas.url}/nope`, 'console error: Failed to load resource: the server responded with a status of 404 (Not Found)']);
    await page.getByRole('link', { name: 'Compute Atlas explorer' }).click();
    await page.waitForURL(`${atlas.url}/`);
  });

  it('says what to do on an entity or neighbourhood link without a key', async () => {
    for (const view of ['entity', 'neighbourhood']) {
      const { page, problems } = await open(`/?view=${view}`);
      const alert = page.locator('[data-code="NO_KEY"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('This link names no entity');
      expect(await page.locator('main').textContent()).not.toContain('“”');
      expect(problems).toEqual([]);
    }
  });
});

describe('GraphiQL on every visit (F12)', () => {
  it('opens on the named example tabs again after a reload, never on an added empty tab', async () => {
    const { page, problems } = await open('/graphql');
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count()).toBe(GRAPHIQL_TABS.length);
    // GraphiQL saves the tab state a moment after a change; wait for it to be stored before reloading.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('graphiql:tabState'))).not.toBeNull();
    await page.reload();
    await page.locator('.graphiql-container').first().waitFor();
    await expect.poll(() => tabs.count()).toBe(GRAPHIQL_TABS.length);
    expect(await tabs.allTextContents()).toEqual(['ChineseCompanies', 'AnalystQueries', 'ClaimsAndConflicts'].map((name) => expect.stringContaining(name)));
    // Monaco draws spaces as no-break spaces.
    const editorText = async () => ((await page.locator('.graphiql-query-editor').textContent()) ?? '').replace(/\s/g, ' ');
    await expect.poll(editorText, { timeout: 15_000 }).toContain('query ChineseCompanies {');
    await screenshot(page, 'graphiql-second-visit');
    expect(problems).toEqual([]);
  });
});

describe('paths by name, without quotes (F21)', () => {
  it('resolves names in the URL to keys, titles the tab and offers its data', async () => {
    const { page, problems } = await open('/?view=paths&from=ByteDance&to=Nvidia%20H100');
    await page.waitForURL(/from=bytedance&to=h100/);
    await page.locator('.graph[data-nodes]').waitFor();
    expect(await page.title()).toBe('ByteDance → Nvidia H100 · Paths · Compute Atlas');
    expect(await page.locator('.downloads').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('asks which entity was meant when a name matches none exactly, each choice a working link', async () => {
    const { page, problems } = await open('/?view=paths&from=bytedanc&to=hopper');
    const choices = page.locator('.did-you-mean[data-end="from"]');
    await choices.waitFor();
    expect(await choices.textContent()).toContain('“bytedanc” names no entity.');
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await screenshot(page, 'paths-did-you-mean');
    await choices.locator('a[data-key="bytedance"]').click();
    await page.locator('.graph[data-nodes]').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('bytedance');
    expect(problems).toEqual([]);
  });

  it('leaves out paths through quotes unless asked, drawing what the API answers with and without excludeLabels', async () => {
    const drawnFor = async (exclude: string) => {
      const query = `{ paths(from: "bytedance", to: "hopper", maxHops: 4, first: 5${exclude}) { nodes { key label } } }`;
      const { data } = await execute<{ paths: { nodes: { key: string; label: string }[] }[] }>(testApp(), query);
      const nodes = data!.paths.flatMap((path) => path.nodes);
      return { keys: [...new Set(nodes.map((node) => node.key))].sort(), labels: nodes.map((node) => node.label) };
    };
    const [withoutQuotes, withQuotes] = [await drawnFor(', excludeLabels: [Quote]'), await drawnFor('')];
    expect(withoutQuotes.labels).not.toContain('Quote');

    const { page, problems } = await open('/?view=paths&from=bytedance&to=hopper&maxHops=4');
    await page.locator('.graph[data-nodes]').waitFor();
    expect(await drawnNodes(page)).toEqual(withoutQuotes.keys);
    expect(await drawnLabels(page)).not.toContain('Quote');
    const include = page.getByRole('checkbox', { name: 'Include paths through quotes' });
    expect(await include.isChecked()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'paths-without-quotes');

    await include.check();
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/quotes=include/);
    await page.locator('.graph[data-nodes]').waitFor();
    await expect.poll(() => drawnNodes(page), { timeout: 15_000 }).toEqual(withQuotes.keys);
    expect(await page.getByRole('checkbox', { name: 'Include paths through quotes' }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('reads well on a phone and in Chinese', async () => {
    const { page, problems } = await open('/?view=paths&from=bytedance&to=hopper&maxHops=4&lang=zh', PHONE);
    await page.locator('.graph[data-nodes]').waitFor();
    expect(await page.title()).toContain('路径');
    expect(await page.getByText('包括经由引述的路径').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'paths-phone-zh');
    expect(problems).toEqual([]);
  });
});

describe('an empty policy-kind filter means none (F28)', () => {
  it('says to choose a kind instead of showing every kind, and the form agrees', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=');
    const alert = page.locator('[data-code="NO_KINDS"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Choose at least one policy kind.');
    expect(await page.locator('input[name=kinds]:checked').count()).toBe(0);
    expect(await page.locator('.exposure-card').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('checkbox', { name: 'Export control' }).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('.exposure-card').first().waitFor();
    expect(new URL(page.url()).searchParams.get('kinds')).toBe('EXPORT_CONTROL');

    await page.getByRole('checkbox', { name: 'Export control' }).uncheck();
    await page.getByRole('button', { name: 'Show' }).click();
    await alert.waitFor();
    expect(new URL(page.url()).searchParams.get('kinds')).toBe('');
    expect(problems).toEqual([]);
  });

  it('meets the accessibility bar on a desktop and a phone, in English and Chinese', async () => {
    for (const [path, size, name] of [
      ['/?view=exposure&chip=h20&kinds=EXPORT_CONTROL', {}, 'exposure-desktop'],
      ['/?view=exposure&chip=h20&kinds=EXPORT_CONTROL&lang=zh', PHONE, 'exposure-phone-zh'],
    ] as const) {
      const { page, problems } = await open(path, size);
      await page.locator('.graph[data-nodes]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.locator('main').textContent()).not.toMatch(/EXPORT_CONTROL|SHELVED|DIRECT/);
      await screenshot(page, name);
      expect(problems).toEqual([]);
    }
  });
});

describe('links people have shared keep opening the same view', () => {
  const SHARED: [string, string, string][] = [
    ['/?view=entity&key=bytedance', 'entity', 'h1'],
    ['/?key=bytedance', 'entity', 'h1'],
    ['/explore?view=entity&key=h20', 'entity', 'h1'],
    ['/?view=neighbourhood&key=bytedance&depth=2', 'neighbourhood', '.graph[data-nodes]'],
    ['/explore?view=neighbourhood&key=h20&depth=1', 'neighbourhood', '.graph[data-nodes]'],
    ['/?view=search&q=bytedance', 'search', 'main a[href*="key=bytedance"]'],
    ['/?view=figures&metric=CAPEX&period=2024', 'figures', 'main svg, main table'],
    ['/?view=exposure&chip=h20&kinds=EXPORT_CONTROL', 'exposure', '.exposure-card'],
    ['/?view=paths&from=bytedance&to=hopper&maxHops=4', 'paths', '.path-list'],
  ];
  for (const [path, view, shown] of SHARED) {
    it(`${path} opens the ${view} view`, async () => {
      const { page, problems } = await open(path);
      await page.locator(shown).first().waitFor();
      expect(await page.evaluate(() => document.body.dataset.view)).toBe(view);
      expect(await page.locator('.status.error').count()).toBe(0);
      if (view === 'entity') expect(await page.locator('h1').first().textContent()).toMatch(/ByteDance|H20/);
      expect(problems).toEqual([]);
    });
  }
});
