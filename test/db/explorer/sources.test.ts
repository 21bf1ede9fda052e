import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// The article's source page: who wrote it, how to cite it (copied to the clipboard), and everything
// it states grouped by kind, with the counts the API gives and "More" for the next page.

useExplorer();

const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';

async function api(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute(testApp(), query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

describe('source page', () => {
  it('shows the article with its author, its citations with a working copy button, and what it states by kind', async () => {
    const expected = (
      await api(
        `query ($key: String!) { source(key: $key) { title authors bibtex: citation(style: BIBTEX) supportCounts { kind count }
        links: supports(kind: LINK, first: 30) { edges { node { key } } } } }`,
        { key: ARTICLE },
      )
    ).source;
    const { page, problems } = await open(`/?view=source&key=${ARTICLE}`);
    await page.locator('.source-page').waitFor({ timeout: 60_000 });
    expect(await page.locator('.source-page h1').textContent()).toBe(expected.title);
    expect(await page.locator('dd[data-field=Authors]').textContent()).toContain('吴俊宇');
    const bibtex = page.locator('.citation-style[data-style=BIBTEX] pre');
    expect(await bibtex.textContent()).toBe(expected.bibtex);
    expect(expected.bibtex).toMatch(/^@(article|misc)\{/);

    // Copy: to the clipboard where the browser grants it, else the text is selected for the keyboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.locator('.citation-style[data-style=BIBTEX] button.copy').click();
    const status = page.locator('.citation-style[data-style=BIBTEX] .copy-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).not.toBe('');
    const copied =
      (await status.textContent()) === 'Copied'
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await page.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(copied).toBe(expected.bibtex);

    // Grouped by kind, each count the API's, the first page of each shown.
    for (const { kind, count } of expected.supportCounts as { kind: string; count: number }[]) {
      const group = page.locator(`.support-group[data-kind=${kind}]`);
      if (count === 0) {
        expect(await group.count()).toBe(0);
        continue;
      }
      expect(Number(await group.getAttribute('data-count'))).toBe(count);
      expect(await group.locator('.statement-item').count()).toBe(Math.min(10, count));
    }
    const links = page.locator('.support-group[data-kind=LINK]');
    await links.locator('button.more').click();
    await expect
      .poll(() => links.locator('.statement-item').count(), { timeout: 20_000 })
      .toBe(Math.min(30, expected.supportCounts.find((c: any) => c.kind === 'LINK').count));
    expect(await links.locator('.statement-item').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key))).toEqual(
      expected.links.edges.map((e: any) => e.node.key),
    );
    // Each statement links to its entities; no raw enum identifiers.
    const firstLink = links.locator('.statement-item').first();
    expect(await firstLink.locator('a.entity').count()).toBe(2);
    expect(await page.locator('.statement-title').allTextContents()).not.toContainEqual(expect.stringMatching(/[A-Z]+_[A-Z]+/));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-article');
    await page.locator('.support-group[data-kind=FIGURE]').scrollIntoViewIfNeeded();
    await screenshot(page, 'source-article-figures');
    expect(problems).toEqual([]);
  });

  it('reads in 中文 on a phone, and source citations elsewhere lead to it', async () => {
    const { page, problems } = await open(`/?view=source&key=${ARTICLE}&lang=zh`, PHONE);
    await page.locator('.source-page').waitFor({ timeout: 60_000 });
    expect(await page.locator('#citations-title').textContent()).toBe('引用格式');
    expect(await page.locator('#supports-title').textContent()).toContain('此来源陈述的内容');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-article-phone-zh');
    expect(problems).toEqual([]);

    const entity = await open('/?view=entity&key=bytedance');
    const link = entity.page.locator(`.sources li[data-source="${ARTICLE}"] a.source-link`).first();
    await link.waitFor({ state: 'attached' });
    const target = await link.getAttribute('href');
    expect(new URLSearchParams(target!.split('?')[1]).get('view')).toBe('source');
    await entity.page.goto(new URL(target!, entity.page.url()).href);
    await entity.page.locator(`.source-page[data-key="${ARTICLE}"]`).waitFor();
    expect(entity.problems).toEqual([]);
  });

  it('says so for an unknown key', async () => {
    const { page, problems } = await open('/?view=source&key=no-such-source');
    const status = page.locator('.status.error');
    await status.waitFor();
    expect(await status.textContent()).toContain('no-such-source');
    expect(problems).toEqual([]);
  });
});
