import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// Browsing without a search word on the seed graph: the home page's counts are the API's and open
// their lists, the lists filter and link, search forgives typos and filters by type, and the
// combobox's first ↓ reaches the first suggestion.

useExplorer();

async function api(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute(testApp(), query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

/** Runs of three or more Latin words in the main area's text, leaving out the dataset titles the graph stores in English only. */
const englishSentences = (page: Page) =>
  page.locator('main').evaluate((main) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.datasets, h1')) continue;
      found.push(...(node.textContent?.match(/[A-Za-z]{2,}(?:[\s,;:'’-]+[A-Za-z]{2,}){2,}/g) ?? []));
    }
    return found;
  });

describe('home page', () => {
  it('shows what the graph holds as the API counts it, each count opening its list', async () => {
    const { overview } = await api('{ overview { entities { label count } sources { kind count } relationships graphVersion } }');
    const { page, problems } = await open('/');
    await page.locator('.counts li').first().waitFor();
    const shown = await page
      .locator('.counts li')
      .evaluateAll((items) =>
        items.map((li) => ({ label: (li as HTMLElement).dataset.label, count: Number((li.querySelector('.count') as HTMLElement).dataset.count) })),
      );
    expect(shown).toEqual(overview.entities.filter((entry: { count: number }) => entry.count > 0));
    expect(await page.locator('.graph-version').getAttribute('data-version')).toBe(overview.graphVersion);
    expect(await page.locator('.graph-facts').textContent()).toContain(overview.relationships.toLocaleString('en-US'));
    expect(await page.locator('.source-kinds li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.kind))).toEqual(
      overview.sources.map((entry: { kind: string }) => entry.kind),
    );
    expect(await page.locator('.examples li').count()).toBe(5);
    for (const view of ['map', 'charts', 'disagreements', 'browse']) expect(await page.locator(`.home-views a[href*="view=${view}"]`).count()).toBe(1);
    expect(await page.locator('.downloads').getAttribute('data-graph-version')).toBe(overview.graphVersion);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home');

    await page.locator('.counts li[data-label=Person] a').click();
    await page.locator('.browse[data-type=Person] .browse-table').waitFor();
    const people = overview.entities.find((entry: { label: string }) => entry.label === 'Person').count;
    expect(Number(await page.locator('.browse-summary .status').getAttribute('data-total'))).toBe(people);
    expect(await page.locator('.browse-table tbody tr').count()).toBe(Math.min(people, 50));
    expect(problems).toEqual([]);
  });

  it('is wholly in Chinese in 中文 mode, on a desktop and a phone', async () => {
    for (const [viewport, name] of [
      [{ width: 1280, height: 800 }, 'home-zh'],
      [PHONE, 'home-zh-phone'],
    ] as const) {
      const { page, problems } = await open('/?lang=zh', viewport);
      await page.locator('.counts li').first().waitFor();
      expect(await englishSentences(page)).toEqual([]);
      expect(await page.locator('.examples li').first().textContent()).toBe('哪些公司依赖受出口管制风险影响的 H20？');
      expect(await page.locator('.counts li[data-label=Company] .count-label').textContent()).toBe('公司');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, name);
      expect(problems).toEqual([]);
    }
    const { page } = await open('/', PHONE);
    await page.locator('.counts li').first().waitFor();
    await screenshot(page, 'home-phone');
  });
});

describe('browse', () => {
  it('lists policies of one kind, each opening its entity, with the rows as a download', async () => {
    const { policies } = await api('{ policies(kind: EXPORT_CONTROL, first: 50) { totalCount edges { node { key } } } }');
    const { page, problems } = await open('/?view=browse&type=Policy&kind=EXPORT_CONTROL');
    await page.locator('.browse-table').waitFor();
    expect(await page.locator('select[name=kind]').inputValue()).toBe('EXPORT_CONTROL');
    expect(await page.locator('.browse-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.key))).toEqual(
      policies.edges.map((edge: { node: { key: string } }) => edge.node.key),
    );
    expect(await page.locator('.browse-table tbody td').first().textContent()).toBe('Export control');
    const download = page.waitForEvent('download');
    await page.locator('.downloads summary').click();
    await page.locator('.downloads button[data-format^=csv]').click();
    const csv = await (await (await download).createReadStream()).toArray();
    const text = Buffer.concat(csv).toString('utf8');
    expect(text.startsWith('\uFEFFkey,name,Kind,Status,Announced,graphVersion')).toBe(true);
    expect(text.trim().split(/\r?\n/).length).toBe(policies.totalCount + 1);
    expect(await seriousViolations(page)).toEqual([]);

    // An empty filter is no filter: every policy, and the form says "Any".
    await page.locator('select[name=kind]').selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => !url.searchParams.has('kind'));
    const { policies: all } = await api('{ policies(first: 0) { totalCount } }');
    await expect.poll(() => page.locator('.browse-summary .status').getAttribute('data-total'), { timeout: 15_000 }).toBe(String(all.totalCount));

    const firstKey = await page.locator('.browse-table tbody tr').first().getAttribute('data-key');
    await page.locator('.browse-table tbody th a').first().click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'entity' && url.searchParams.get('key') === firstKey);
    expect(problems).toEqual([]);
  });

  it('lists sources that open on their source page, companies by country, and any label by part of a name', async () => {
    const { page, problems } = await open('/?view=browse&type=Source');
    await page.locator('.browse-table').waitFor();
    expect(await page.locator('.browse-table tbody th a').first().getAttribute('href')).toContain('view=source');
    await screenshot(page, 'browse-sources');

    const { companies } = await api('{ companies(filter: { country: "china" }, first: 50) { totalCount } }');
    const chinese = await open('/?view=browse&type=Company&country=china&lang=zh');
    await chinese.page.locator('.browse-table').waitFor();
    expect(Number(await chinese.page.locator('.browse-summary .status').getAttribute('data-total'))).toBe(companies.totalCount);
    expect(await chinese.page.locator('select[name=country]').inputValue()).toBe('china');
    expect(await chinese.page.locator('.browse-table tbody tr[data-key=bytedance] th').textContent()).toBe('字节跳动');
    expect(await seriousViolations(chinese.page)).toEqual([]);
    await screenshot(chinese.page, 'browse-companies-zh');

    const people = await open('/?view=browse&type=Person&name=huang', PHONE);
    await people.page.locator('.browse-table').waitFor();
    expect(await people.page.locator('.browse-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.key))).toContain(
      'jensen-huang',
    );
    expect(await seriousViolations(people.page)).toEqual([]);
    await screenshot(people.page, 'browse-people-phone');
    expect([...problems, ...chinese.problems, ...people.problems]).toEqual([]);
  });

  it('says which filter names nothing', async () => {
    const { page } = await open('/?view=browse&type=DataCenter&owner=nobody-at-all');
    await page.locator('.status.error').waitFor();
    expect(await page.locator('.status.error').textContent()).toContain('nobody-at-all');
  });
});

describe('search', () => {
  it('forgives a typo: "bytdance" offers ByteDance, as "did you mean"', async () => {
    const { page, problems } = await open('/?view=search&q=bytdance');
    await page.locator('.hits li').first().waitFor();
    expect(await page.locator('.hits li').first().getAttribute('data-key')).toBe('bytedance');
    expect(await page.locator('.did-you-mean a').textContent()).toBe('ByteDance');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'search-bytdance');
    expect(problems).toEqual([]);
  });

  it('filters by type and pages through every match once', async () => {
    const { search } = await api('{ search(text: "nvidia", labels: [Chip], first: 100) { totalCount edges { node { key } } } }');
    const { page, problems } = await open('/?view=search&q=nvidia');
    await page.locator('.hits li').first().waitFor();
    await page.locator('select[name=type]').selectOption('Chip');
    await page.waitForURL((url) => url.searchParams.get('type') === 'Chip');
    await expect.poll(() => page.locator('.results .status').getAttribute('data-total'), { timeout: 15_000 }).toBe(String(search.totalCount));
    const keys: string[] = [];
    for (;;) {
      keys.push(...(await page.locator('.hits li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.key!))));
      const next = page.locator('.pager a[rel=next]');
      if (!(await next.count())) break;
      const before = await page.locator('.hits li').first().getAttribute('data-key');
      await next.click();
      await expect.poll(() => page.locator('.hits li').first().getAttribute('data-key'), { timeout: 15_000 }).not.toBe(before);
    }
    expect(keys).toEqual(search.edges.map((edge: { node: { key: string } }) => edge.node.key));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'search-nvidia-chips');
    expect(problems).toEqual([]);
  });

  it('in the combobox, the first ↓ reaches the first suggestion, and Enter before any move opens the results page', async () => {
    const { page, problems } = await open('/');
    const box = page.getByRole('combobox').first();
    await box.fill('tencent');
    const first = page.locator('[role=option]').first();
    await expect.poll(() => first.getAttribute('data-key'), { timeout: 15_000 }).toBe('tencent');
    expect(await page.locator('[role=option][aria-selected=true]').count()).toBe(0);
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await page.keyboard.press('ArrowDown');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.locator('.entity-page[data-key=tencent]').waitFor();

    await box.fill('tencent');
    await expect.poll(() => page.locator('[role=option]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('view') === 'search' && url.searchParams.get('q') === 'tencent');
    await page.locator('.hits li').first().waitFor();
    expect(await page.locator('.hits li').first().getAttribute('data-key')).toBe('tencent');
    expect(problems).toEqual([]);
  });
});
