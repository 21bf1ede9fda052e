import { describe, expect, it } from 'vitest';
import { atlas, open, screenshot, unreachable, useExplorer } from './browser.js';

// The explorer's pages as served: its files and policy, the entity page reached by search, and
// what a page says when the key is unknown or the database is down.

useExplorer({ unreachable: true });

describe('explorer in a browser, offline', () => {
  it('serves the explorer at / and /explore with its files from this origin and a self-only policy', async () => {
    for (const path of ['/', '/explore']) {
      const response = await fetch(`${atlas.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const script = await fetch(`${atlas.url}/assets/explorer.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${atlas.url}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${atlas.url}/assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });

  it('search "字節跳動" reaches the ByteDance page: figures, links by type, quotes, evidence and sources', async () => {
    const { page, problems } = await open('/');
    await page.getByRole('combobox').first().fill('字節跳動');
    await expect.poll(() => page.locator('[role=option]').first().getAttribute('data-key')).toBe('bytedance');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.entity-page[data-key=bytedance]').waitFor();
    expect(new URL(page.url()).searchParams.get('key')).toBe('bytedance');
    expect(await page.locator('h1').textContent()).toBe('ByteDance');

    const capex = page.locator('.period[data-period="2024"] li[data-metric=CAPEX]').first();
    expect(await capex.textContent()).toContain('111億美元');
    await capex.locator('summary').click();
    expect(await capex.locator('.evidence blockquote').first().textContent()).toContain('111億美元');
    expect(await capex.locator('.sources cite').count()).toBeGreaterThan(0);

    const groups = await page.locator('.link-group').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.type));
    expect(groups).toEqual(expect.arrayContaining(['BUYS', 'HEADQUARTERED_IN']));
    const derived = page.locator('.link-group li:has(.badge.derived)').first();
    await derived.locator('summary').click();
    expect(await derived.locator('.evidence .badge.derived').isVisible()).toBe(true);
    expect(await page.locator('.quotes .quote').count()).toBeGreaterThan(0);
    await screenshot(page, 'entity-bytedance');
    expect(problems).toEqual([]);
  });

  it("marks a link only the curators' knowledge states as such, never as stated (issue 18, N3)", async () => {
    const { page, problems } = await open('/?view=entity&key=aws');
    await page.locator('.entity-page[data-key=aws]').waitFor();
    const subsidiary = page.locator('.link-group[data-type=SUBSIDIARY_OF] li').first();
    expect(await subsidiary.locator('summary .badge.curator').textContent()).toBe('curator knowledge');
    await subsidiary.locator('summary').click();
    expect(await subsidiary.locator('.evidence > .badge').first().textContent()).toBe('curator knowledge');
    expect(await subsidiary.locator('.evidence .badge.stated').count()).toBe(0);
    await screenshot(page, 'entity-aws-curator');
    expect(problems).toEqual([]);
  });

  it('says what went wrong instead of a blank page: an unknown key, a database that is down', async () => {
    const unknown = await open('/?view=entity&key=no-such-entity');
    const alert = unknown.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await alert.textContent()).toContain('no-such-entity');
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(unknown.problems).toEqual([]);

    // A typo: the service's closest keys, each a link to the same view with the key in its place.
    for (const view of ['entity', 'neighbourhood']) {
      const typo = await open(`/?view=${view}&key=bytdance`);
      const choices = typo.page.getByRole('alert').locator('.did-you-mean');
      await choices.waitFor();
      expect(await typo.page.getByRole('alert').getAttribute('data-code')).toBe(view === 'entity' ? 'NOT_FOUND' : 'BAD_USER_INPUT');
      if (view === 'entity') await screenshot(typo.page, 'entity-did-you-mean');
      await choices.locator('a[data-key="bytedance"]').click();
      await typo.page.waitForURL(new RegExp(`view=${view}&key=bytedance`));
      await typo.page.locator(view === 'entity' ? '.entity-page[data-key=bytedance]' : '.graph[data-nodes]').waitFor();
      expect(typo.problems).toEqual([]);
    }

    const down = await open('/?view=figures&metric=CAPEX&period=2024', { base: unreachable.url });
    const error = down.page.getByRole('alert');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('DATABASE_UNAVAILABLE');
    expect(await error.textContent()).toContain('unavailable');
    expect(await error.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await screenshot(down.page, 'error-database-down');
    // The failed GraphQL answers are the point here; the browser logs nothing else.
    expect(down.problems.filter((p) => !p.includes('/graphql') && !p.includes('503'))).toEqual([]);
  });
});
